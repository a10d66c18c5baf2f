// Publish times of module versions (their `.info` Time), for hovers: fetched
// on demand in the background, kept for the life of the Go context (a
// published version's time never changes). The command line's `--times` asks
// for the same `.info` answers while gathering facts.
import type { VersionRepo } from '../proxy/lookup';

/** Enough for every hover of a long session; past it the oldest half is dropped. */
const MAX_TIMES = 20_000;

export class PublishTimes {
  private readonly times = new Map<string, string>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly repo: Pick<VersionRepo, 'info'>, private readonly log: (m: string) => void) {}

  /** The known publish times of a module's versions, by version. */
  known(modulePath: string, versions: (string | undefined)[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const v of versions) {
      const t = v && this.times.get(`${modulePath}@${v}`);
      if (v && t) out.set(v, t);
    }
    return out;
  }

  /**
   * Fetches the times not known yet, in the background; `done` runs when each
   * one arrives. The promise settles (never rejects) once every asked time is
   * known or failed, for a caller that may wait a bounded while.
   */
  request(modulePath: string, versions: (string | undefined)[], done?: () => void): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const v of new Set(versions)) {
      const key = `${modulePath}@${v}`;
      if (!v || this.times.has(key)) continue;
      const inFlight = this.pending.get(key);
      if (inFlight) {
        waits.push(inFlight);
        continue;
      }
      const fetched = this.repo.info(modulePath, v).then(
        (r) => {
          if (r.kind === 'found' && r.value.Time) this.remember(key, r.value.Time);
          done?.();
        },
        (e: unknown) => this.log(`publish time of ${key}: ${String(e)}`),
      ).finally(() => this.pending.delete(key));
      this.pending.set(key, fetched);
      waits.push(fetched);
    }
    return Promise.all(waits).then(() => undefined);
  }

  private remember(key: string, time: string): void {
    if (this.times.size >= MAX_TIMES) {
      let drop = MAX_TIMES / 2;
      for (const k of this.times.keys()) {
        if (drop-- <= 0) break;
        this.times.delete(k);
      }
    }
    this.times.set(key, time);
  }
}
