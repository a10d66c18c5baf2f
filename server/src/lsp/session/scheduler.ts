// When documents are checked: after a pause in typing (debounce), at once on
// save, and again when their facts reach the cache time, so a long session
// sees new releases. One pending check and one re-check per document. Reset:
// cancel everything.
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  private check: (uri: string) => Promise<void> = async () => undefined;

  constructor(private readonly isOpen: (uri: string) => boolean, private readonly log: (m: string) => void) {}

  /** What a scheduled check runs (the diagnostics feature). */
  runChecksWith(check: (uri: string) => Promise<void>): void {
    this.check = check;
  }

  schedule(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.check(uri).catch((e: unknown) => this.log(`checking ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`));
    }, delayMs));
  }

  /** Checks the document again after `afterMs`; undefined: no re-check (cache time 0, or nothing looked up). */
  recheckLater(uri: string, afterMs: number | undefined): void {
    clearTimeout(this.rechecks.get(uri));
    this.rechecks.delete(uri);
    if (afterMs === undefined) return;
    const timer = setTimeout(() => {
      this.rechecks.delete(uri);
      if (this.isOpen(uri)) this.schedule(uri, 0);
    }, afterMs);
    timer.unref?.();
    this.rechecks.set(uri, timer);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.rechecks.get(uri));
    this.timers.delete(uri);
    this.rechecks.delete(uri);
  }

  reset(): void {
    for (const uri of new Set([...this.timers.keys(), ...this.rechecks.keys()])) this.cancel(uri);
  }
}
