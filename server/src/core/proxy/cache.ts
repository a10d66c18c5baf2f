// Proxy answers kept in memory with an injected clock. Version files (.info,
// .mod) never change once published; lists and @latest do, so they are fresh
// for a while and then served stale while a refresh runs. "Not found" is kept
// briefly (a tag may appear); errors are never kept.
import type { Fetched } from './transport';

export type Endpoint = 'list' | 'latest' | 'info' | 'mod';

export interface CachePolicy {
  /** How long a list or @latest answer is fresh. */
  listFreshMs: number;
  /** How long a stale list may still be served while it is refreshed. */
  listStaleMs: number;
  notFoundMs: number;
}

export const DEFAULT_POLICY: CachePolicy = { listFreshMs: 10 * 60_000, listStaleMs: 7 * 24 * 3600_000, notFoundMs: 60_000 };

interface Entry {
  value: Fetched;
  storedAt: number;
}

export type CacheState = 'fresh' | 'stale' | 'miss';

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly now: () => number, private readonly policy: CachePolicy = DEFAULT_POLICY) {}

  static key(proxy: string, path: string, endpoint: Endpoint, version = ''): string {
    return `${proxy}\u0000${path}\u0000${endpoint}\u0000${version}`;
  }

  get(key: string, endpoint: Endpoint): { state: CacheState; value?: Fetched } {
    const e = this.entries.get(key);
    if (!e) return { state: 'miss' };
    const age = this.now() - e.storedAt;
    if (e.value.kind === 'not-found') return age < this.policy.notFoundMs ? { state: 'fresh', value: e.value } : { state: 'miss' };
    if (endpoint === 'info' || endpoint === 'mod') return { state: 'fresh', value: e.value };
    if (age < this.policy.listFreshMs) return { state: 'fresh', value: e.value };
    if (age < this.policy.listFreshMs + this.policy.listStaleMs) return { state: 'stale', value: e.value };
    return { state: 'miss' };
  }

  put(key: string, value: Fetched, storedAt = this.now()): void {
    if (value.kind === 'error') return;
    this.entries.set(key, { value, storedAt });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
