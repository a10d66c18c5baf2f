// Module facts known to the server, shared by every open document: one record
// per facts profile (what changes the answers: Go environment, offline, go
// binary, trust) and requirement, gathered once even when asked for twice,
// and gathered again once older than the cache time (the old record keeps
// answering meanwhile). Records no open document needs are pruned once stale.
// Reset: forget every record.
import type { FactsRecord } from '../../core/facts/requirementFacts';
import type { FactsCache } from '../../core/analysis/lookupDriver';

/** A failed lookup (proxy or vulnerability database down, network blip) is tried again after a minute, whatever the cache time. */
const FAILED_RETRY_MS = 60_000;

interface Entry {
  record: FactsRecord;
  gatheredAt: number;
}

/** A store key: the profile and the requirement's facts key. */
export function storeKey(profile: string, key: string): string {
  return profile + '\n' + key;
}

export class FactsStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<FactsRecord>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(profile: string, key: string): FactsRecord | undefined {
    return this.entries.get(storeKey(profile, key))?.record;
  }

  /** No record, or one that has reached its age limit. */
  needsGathering(profile: string, key: string, maxAgeMs: number): boolean {
    return this.msUntilStale(this.entries.get(storeKey(profile, key)), maxAgeMs) <= 0;
  }

  /**
   * How long until the first of these records needs gathering again, for a
   * check to be scheduled then; undefined with no age limit (0: every check
   * asks anyway) or no record.
   */
  msUntilFirstStale(profile: string, keys: string[], maxAgeMs: number): number | undefined {
    if (maxAgeMs <= 0) return undefined;
    const waits = keys.flatMap((key) => {
      const e = this.entries.get(storeKey(profile, key));
      return e ? [this.msUntilStale(e, maxAgeMs)] : [];
    });
    // Never sooner than the shortest limit: a record still stale after a check (its gathering threw) must not loop.
    return waits.length > 0 ? Math.max(Math.min(maxAgeMs, FAILED_RETRY_MS), Math.min(...waits)) : undefined;
  }

  ensure(profile: string, key: string, gather: () => Promise<FactsRecord>, maxAgeMs = Infinity): Promise<FactsRecord> {
    const k = storeKey(profile, key);
    const known = this.entries.get(k);
    if (known && this.msUntilStale(known, maxAgeMs) > 0) return Promise.resolve(known.record);
    let p = this.pending.get(k);
    if (!p) {
      p = gather().then((record) => {
        this.entries.set(k, { record, gatheredAt: this.now() });
        return record;
      }).finally(() => this.pending.delete(k));
      this.pending.set(k, p);
    }
    return p;
  }

  /**
   * Any record for a module path, whatever version it was gathered for: the
   * versions a module has do not depend on the one in use, and a line whose
   * version is being typed is not a valid requirement.
   */
  anyFor(profile: string, path: string): FactsRecord | undefined {
    const prefix = `${profile}\n${path}@`;
    for (const [k, e] of this.entries) if (k.startsWith(prefix)) return e.record;
    return undefined;
  }

  /** The store seen by the lookup driver, for one profile and age limit. */
  view(profile: string, maxAgeMs: number): FactsCache {
    return {
      needsGathering: (key) => this.needsGathering(profile, key, maxAgeMs),
      ensure: (key, gather) => this.ensure(profile, key, gather, maxAgeMs),
    };
  }

  /**
   * Drops the records that are stale and that no open document needs (`inUse`
   * holds profile + "\n" + key); a record still in use stays, to keep answering
   * while it is gathered again.
   */
  prune(inUse: ReadonlySet<string>, maxAgeMs: number): number {
    let dropped = 0;
    for (const [k, e] of this.entries) {
      if (!inUse.has(k) && this.msUntilStale(e, maxAgeMs) <= 0) {
        this.entries.delete(k);
        dropped++;
      }
    }
    return dropped;
  }

  reset(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** A record's age limit is maxAgeMs, or FAILED_RETRY_MS when its lookup failed; a missing record is stale now. */
  private msUntilStale(e: Entry | undefined, maxAgeMs: number): number {
    if (!e) return 0;
    const failed = e.record.facts.failure?.kind === 'unavailable' || e.record.vulns?.kind === 'failed';
    return (failed ? Math.min(maxAgeMs, FAILED_RETRY_MS) : maxAgeMs) - (this.now() - e.gatheredAt);
  }
}
