// How busy the module proxy is. Version control lookups start only once the
// proxy has been quiet for a moment: on a small machine a go process and its
// git would otherwise take CPU from the public answers the editor is about to
// show, and git is slow enough that a short wait costs it nothing.
import type { Transport } from './transport';

/** Quiet means no proxy request for this long (the gap between a lookup's list and its .info is shorter). */
export const QUIET_MS = 100;
/** A proxy that never goes quiet (a big go.mod on a slow link) delays version control at most this long. */
export const MAX_WAIT_MS = 3_000;

export class ProxyActivity {
  private busy = 0;
  private lastEnd = 0;
  private waiting: Promise<void> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** The same transport, counted. */
  track(transport: Transport): Transport {
    return {
      get: (url, opts) => {
        this.busy++;
        return transport.get(url, opts).finally(() => {
          this.busy--;
          this.lastEnd = this.now();
        });
      },
    };
  }

  /**
   * Resolves once the proxy has been quiet for QUIET_MS, or after MAX_WAIT_MS.
   * Every caller of one wait shares its promise, so the lookups that waited
   * together start together (and share go processes).
   */
  quiet(): Promise<void> {
    this.waiting ??= this.poll().finally(() => (this.waiting = undefined));
    return this.waiting;
  }

  private async poll(): Promise<void> {
    const start = this.now();
    for (;;) {
      // At least one period, also when idle now: lookups started in the same
      // turn as the caller have not reached the transport yet.
      await new Promise((r) => setTimeout(r, QUIET_MS));
      if (this.busy === 0 && this.now() - this.lastEnd >= QUIET_MS) return;
      if (this.now() - start >= MAX_WAIT_MS) return;
    }
  }
}
