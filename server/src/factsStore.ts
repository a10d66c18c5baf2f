// Module facts known to the server, shared by every open document: one record
// per engine profile and requirement, gathered once even when asked for twice,
// and gathered again once older than the cache time (the old record keeps
// answering meanwhile).
import type { FactsRecord } from './core/analyze';

/** A failed lookup (proxy down, network blip) is tried again after a minute, whatever the cache time. */
export const FAILED_RETRY_MS = 60_000;

export class FactsStore {
  private readonly records = new Map<string, FactsRecord>();
  private readonly gatheredAt = new Map<string, number>();
  private readonly pending = new Map<string, Promise<FactsRecord>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(profile: string, key: string): FactsRecord | undefined {
    return this.records.get(profile + '\n' + key);
  }

  /** No record, or one gathered at least maxAgeMs ago (or FAILED_RETRY_MS, when its lookup failed). */
  needsGathering(profile: string, key: string, maxAgeMs: number): boolean {
    const k = profile + '\n' + key;
    const at = this.gatheredAt.get(k);
    if (at === undefined) return true;
    const failed = this.records.get(k)?.facts.failure?.kind === 'unavailable';
    return this.now() - at >= (failed ? Math.min(maxAgeMs, FAILED_RETRY_MS) : maxAgeMs);
  }

  /** Whether any of these records could not be looked up (the proxy failed). */
  anyFailed(profile: string, keys: string[]): boolean {
    return keys.some((key) => this.records.get(profile + '\n' + key)?.facts.failure?.kind === 'unavailable');
  }

  ensure(profile: string, key: string, gather: () => Promise<FactsRecord>, maxAgeMs = Infinity): Promise<FactsRecord> {
    const k = profile + '\n' + key;
    const known = this.records.get(k);
    if (known && !this.needsGathering(profile, key, maxAgeMs)) return Promise.resolve(known);
    let p = this.pending.get(k);
    if (!p) {
      p = gather().then((r) => {
        this.records.set(k, r);
        this.gatheredAt.set(k, this.now());
        return r;
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
    for (const [k, r] of this.records) if (k.startsWith(prefix)) return r;
    return undefined;
  }

  clear(): void {
    this.records.clear();
    this.gatheredAt.clear();
  }

  get size(): number {
    return this.records.size;
  }
}
