// The vulnerability database client (go.dev/security/vuln/database, v1).
// It asks only for the index files and the entries the caller names by id,
// never for anything that carries a module path, so a private module's name
// never reaches the database. db.json is asked at most once per fresh time
// (and the answer kept on disk for the next run); modules.json is read again
// only when db.json's time changed; entries are kept by id and modified time,
// which make them immutable. Every failure is an answer with its cause; with
// an index from before, that index answers and status() tells the failure.
import { setMaxListeners } from 'node:events';
import type { DiskCache } from '../proxy/diskCache';
import type { Transport } from '../proxy/transport';
import { untilAborted } from '../proxy/untilAborted';
import { redactUrl } from '../text/redact';
import type { DbAnswer, ModuleIndex, VulnDatabase, VulnDbLocation, VulnDbStatus } from './database';
import { VulnDiskRecords } from './diskRecords';
import { parseEntry } from './entryParse';
import { isShortString, isVulnId, parseDbMeta, parseModuleIndex } from './indexParse';
import { DB_META_CAP, ENTRY_CAP, INDEX_CAP, MAX_TIME } from './limits';
import type { VulnEntry } from './osv';
import { endpointUrl, getJson, schemeOf, type Got } from './source';

export interface VulnDatabaseDeps {
  http: Transport;
  file: Transport;
  /** Answers kept between runs; the offline answers come from here. */
  disk?: DiskCache;
  now(): number;
  /** No request at all: everything comes from the disk cache, whatever its age. */
  offline: boolean;
  /** How long a db.json answer counts as current (the engine's cache time). */
  freshMs: number;
  /** The deadline of each request. */
  timeoutMs: number;
  log(message: string): void;
}

const PREFIX = 'cannot read the vulnerability database: ';
export const NO_CACHED_COPY = 'no copy of the vulnerability database is cached yet; run once online';
/**
 * After a failure the database is not asked again for this long (nor longer
 * than the fresh time): an editor analyses on every keystroke, and each ask of
 * a hanging database costs a whole deadline. revalidate asks at once.
 */
const RETRY_AFTER_MS = 30_000;

export function createVulnDatabase(location: VulnDbLocation, deps: VulnDatabaseDeps): VulnDatabase {
  return new VulnDbClient(location, deps);
}

type Current = { modified: string; byPath: ModuleIndex['byPath']; fetchedAt: number; fromDisk: boolean };
type EntryAnswer = { ok: VulnEntry } | { error: string };

class VulnDbClient implements VulnDatabase {
  private readonly base: URL | undefined;
  private readonly records: VulnDiskRecords;
  private readonly stop = new AbortController();
  /** db.json's last answer (this run, or the last run's from disk). */
  private meta: { modified: string; answeredAt: number } | undefined;
  private current: Current | undefined;
  private lastError: string | undefined;
  private failedAt: number | undefined;
  private diskLoaded: Promise<void> | undefined;
  private refreshing: Promise<DbAnswer<ModuleIndex>> | undefined;
  /** Only entries someone asked for, keyed by id and modified time. */
  private readonly entryCache = new Map<string, VulnEntry>();
  private readonly entryFlights = new Map<string, Promise<EntryAnswer>>();

  constructor(readonly location: VulnDbLocation, private readonly deps: VulnDatabaseDeps) {
    this.base = location.kind === 'url' ? location.url : undefined;
    this.records = new VulnDiskRecords(deps.disk, location.kind === 'url' ? location.redacted : '');
    // Every request in flight listens for close(): hundreds at once are expected, not a leak.
    setMaxListeners(0, this.stop.signal);
  }

  async index(opts: { signal?: AbortSignal; revalidate?: boolean } = {}): Promise<DbAnswer<ModuleIndex>> {
    const unusable = this.unusable();
    if (unusable) return unusable;
    await (this.diskLoaded ??= this.loadDisk());
    if (this.deps.offline) return this.current ? this.answer(this.current, true) : { kind: 'error', message: NO_CACHED_COPY };
    if (!opts.revalidate && this.isCurrent()) return this.answer(this.current!, this.current!.fromDisk);
    if (!opts.revalidate && this.failedAt !== undefined && this.deps.now() - this.failedAt < Math.min(RETRY_AFTER_MS, this.deps.freshMs)) {
      return this.fallback();
    }
    // One refresh for everyone; a caller that gives up does not end it for the others.
    this.refreshing ??= this.refresh()
      .catch((e: unknown) => this.failed(`unexpected failure: ${String(e)}`))
      .finally(() => (this.refreshing = undefined));
    return cancellable(this.refreshing, opts.signal);
  }

  async entries(ids: { id: string; modified: string }[], opts: { signal?: AbortSignal } = {}): Promise<DbAnswer<VulnEntry[]>> {
    const unusable = this.unusable();
    if (unusable) return unusable;
    const bad = ids.find((x) => !isVulnId(x.id) || !isShortString(x.modified, MAX_TIME));
    if (bad) return { kind: 'error', message: `not a vulnerability id with its modified time: ${JSON.stringify(String(bad.id).slice(0, 80))}` };
    const all = Promise.all(ids.map((x) => this.entry(x.id, x.modified))).then((got): DbAnswer<VulnEntry[]> => {
      const failed = got.find((g): g is { error: string } => 'error' in g);
      if (failed) return { kind: 'error', message: failed.error };
      return { kind: 'ok', value: got.map((g) => (g as { ok: VulnEntry }).ok) };
    });
    return cancellable(all, opts.signal);
  }

  status(): VulnDbStatus {
    return { location: this.location, modified: this.meta?.modified, answeredAt: this.meta?.answeredAt, error: this.lastError };
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.entryCache.clear();
  }

  private unusable(): { kind: 'error'; message: string } | undefined {
    if (this.location.kind === 'off') return { kind: 'error', message: `the vulnerability database is off: ${this.location.why}` };
    if (this.stop.signal.aborted) return { kind: 'error', message: 'the vulnerability database client was closed' };
    if (!schemeOf(this.base!)) return { kind: 'error', message: `${PREFIX}${redactUrl(this.base!)}: unsupported scheme (use https, http or file)` };
    return undefined;
  }

  private isCurrent(): boolean {
    return !!this.meta && this.current?.modified === this.meta.modified && this.deps.now() - this.meta.answeredAt < this.deps.freshMs;
  }

  private answer(c: Current, fromCache: boolean): DbAnswer<ModuleIndex> {
    return { kind: 'ok', value: { modified: c.modified, byPath: c.byPath, fetchedAt: c.fetchedAt, fromCache } };
  }

  private fallback(): DbAnswer<ModuleIndex> {
    return this.current ? this.answer(this.current, true) : { kind: 'error', message: this.lastError ?? NO_CACHED_COPY };
  }

  private async loadDisk(): Promise<void> {
    const [meta, stored] = await Promise.all([this.records.readMeta(), this.records.readIndex()]);
    if (meta) this.meta = { modified: meta.modified, answeredAt: meta.storedAt };
    if (stored) this.current = { modified: stored.modified, byPath: stored.byPath, fetchedAt: stored.storedAt, fromDisk: true };
  }

  private get(endpoint: string, cap: typeof INDEX_CAP): Promise<Got> {
    return getJson(this.deps, this.base!, endpoint, cap, this.stop.signal);
  }

  private async refresh(): Promise<DbAnswer<ModuleIndex>> {
    const db = await this.get('index/db', DB_META_CAP);
    if (db.kind !== 'ok') return this.failed(db.message);
    const meta = parseDbMeta(db.value);
    if (typeof meta === 'string') return this.failed(`${this.shown('index/db')}: ${meta}`);
    const answeredAt = this.deps.now();
    this.meta = { modified: meta.modified, answeredAt };
    if (this.current?.modified !== meta.modified) {
      const modules = await this.get('index/modules', INDEX_CAP);
      if (modules.kind !== 'ok') return this.failed(modules.message);
      const parsed = parseModuleIndex(modules.value);
      if (typeof parsed === 'string') return this.failed(`${this.shown('index/modules')}: ${parsed}`);
      if (parsed.skipped > 0) this.deps.log(`vulnerability database ${this.shown('index/modules')}: skipped ${parsed.skipped} lines that are not module entries`);
      this.current = { modified: meta.modified, byPath: parsed.byPath, fetchedAt: answeredAt, fromDisk: false };
      // The index first, then db.json's time: a time on disk always has its index there.
      await this.records.writeIndex(meta.modified, parsed.byPath, answeredAt).catch((e: unknown) => this.deps.log(`cannot cache the vulnerability index: ${String(e)}`));
    } else {
      this.current = { ...this.current, fromDisk: false };
    }
    await this.records.writeMeta(meta.modified, answeredAt).catch((e: unknown) => this.deps.log(`cannot cache the vulnerability database time: ${String(e)}`));
    this.lastError = undefined;
    this.failedAt = undefined;
    return this.answer(this.current, false);
  }

  private failed(message: string): DbAnswer<ModuleIndex> {
    this.lastError = PREFIX + message;
    this.failedAt = this.deps.now();
    this.deps.log(this.lastError + (this.current ? ' (using the copy read earlier)' : ''));
    return this.fallback();
  }

  private shown(endpoint: string): string {
    return redactUrl(endpointUrl(this.base!, endpoint, schemeOf(this.base!)!));
  }

  private entry(id: string, modified: string): Promise<EntryAnswer> {
    const key = `${id}\u0000${modified}`;
    const kept = this.entryCache.get(key);
    if (kept) return Promise.resolve({ ok: kept });
    let flight = this.entryFlights.get(key);
    if (!flight) {
      flight = this.readEntry(id, modified, key)
        .catch((e: unknown): EntryAnswer => ({ error: `${PREFIX}unexpected failure reading ${id}: ${String(e)}` }))
        .finally(() => this.entryFlights.delete(key));
      this.entryFlights.set(key, flight);
    }
    return flight;
  }

  private async readEntry(id: string, modified: string, key: string): Promise<EntryAnswer> {
    const stored = await this.records.readEntry(id, modified);
    const fromDisk = stored === undefined ? undefined : parseEntry(stored, id);
    if (fromDisk !== undefined && typeof fromDisk !== 'string') {
      this.entryCache.set(key, fromDisk);
      return { ok: fromDisk };
    }
    if (this.deps.offline) return { error: `${id} is not in the cached copy of the vulnerability database; run once online` };
    const got = await this.get(`ID/${id}`, ENTRY_CAP);
    const entry = got.kind === 'ok' ? parseEntry(got.value, id) : got.message;
    if (got.kind !== 'ok' || typeof entry === 'string') {
      const message = PREFIX + (got.kind === 'ok' ? `${this.shown(`ID/${id}`)}: ${entry}` : got.message);
      this.lastError = message;
      this.deps.log(message);
      return { error: message };
    }
    this.entryCache.set(key, entry);
    this.lastError = undefined;
    await this.records.writeEntry(id, modified, got.bytes, this.deps.now()).catch((e: unknown) => this.deps.log(`cannot cache ${id}: ${String(e)}`));
    return { ok: entry };
  }
}

/** The shared answer, or "cancelled" as soon as this caller's signal fires. */
function cancellable<T>(shared: Promise<DbAnswer<T>>, signal: AbortSignal | undefined): Promise<DbAnswer<T>> {
  if (!signal) return shared;
  const answered = shared.catch((e: unknown): DbAnswer<T> => ({ kind: 'error', message: `${PREFIX}${String(e)}` }));
  return untilAborted(answered, signal, () => ({ kind: 'error', message: 'cancelled' }));
}
