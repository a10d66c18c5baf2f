// The one lookup driver: gathers the facts of every requirement a cache lacks,
// a bounded number at a time, with progress. The command line keeps the facts
// of one run (MemoryFacts); the language server keeps them across documents
// and checks, with an age limit. Either way a requirement is gathered once.
import type { FactsRecord, LookupTarget } from '../facts/requirementFacts';
import { forEachLimited } from './pool';

export interface FactsCache {
  /** No record for the key, or one that has reached its age limit. */
  needsGathering(key: string): boolean;
  /** The record, gathered now unless a current one is known; identical calls in flight share one gathering. */
  ensure(key: string, gather: () => Promise<FactsRecord>): Promise<FactsRecord>;
}

export interface LookupRun {
  /** How many requirements are looked up at once (their requests share the transport's limit). */
  concurrency: number;
  /** Called once with (0, total) before the first lookup, then after each. */
  progress?(done: number, total: number): void;
  /** A gathering that threw (a bug, not a failed lookup: those are facts). */
  failed?(target: LookupTarget, error: unknown): void;
}

/** Gathers what `cache` lacks for `targets`; returns the targets that were looked up. */
export async function lookUpAll(targets: LookupTarget[], gather: (t: LookupTarget) => Promise<FactsRecord>, cache: FactsCache, run: LookupRun): Promise<LookupTarget[]> {
  const wanted = targets.filter((t) => cache.needsGathering(t.key));
  let done = 0;
  run.progress?.(0, wanted.length);
  await forEachLimited(wanted, run.concurrency, (t) =>
    cache.ensure(t.key, () => gather(t))
      .then(() => undefined, (e: unknown) => run.failed?.(t, e))
      .finally(() => run.progress?.(++done, wanted.length)));
  return wanted;
}

/** The facts of one run, without an age limit. */
export class MemoryFacts implements FactsCache {
  private readonly records = new Map<string, Promise<FactsRecord>>();
  private readonly settled = new Map<string, FactsRecord>();

  needsGathering(key: string): boolean {
    return !this.records.has(key);
  }

  ensure(key: string, gather: () => Promise<FactsRecord>): Promise<FactsRecord> {
    let p = this.records.get(key);
    if (!p) {
      p = gather().then((r) => {
        this.settled.set(key, r);
        return r;
      });
      this.records.set(key, p);
    }
    return p;
  }

  get(key: string): FactsRecord | undefined {
    return this.settled.get(key);
  }
}
