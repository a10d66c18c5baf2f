// A full garbage collection once the server has been quiet for a while after
// work. V8 keeps the heap it grew during a burst (a cold check of hundreds of
// modules, a run of edits on a large go.mod) until some later collection, which
// an idle process never reaches: a language server would sit on tens of
// megabytes it no longer uses for as long as the editor stays open.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's own gc(), made reachable at run time (node --expose-gc without the flag); undefined if refused. */
export function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : undefined;
  } catch {
    return undefined;
  }
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly collect: (() => void) | undefined, private readonly quietMs: number) {}

  /** Work just happened: collect once nothing else has happened for quietMs. */
  workDone(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, this.quietMs);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
