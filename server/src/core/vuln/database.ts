// What the rest of the engine asks of a vulnerability database. The client
// (client.ts) implements it over http(s) and file://; matching (match.ts) and
// the pipeline only see these shapes.
import type { ModuleIndexEntry, VulnEntry } from './osv';

/** Where the database is, after GOVULNDB and the settings (location.ts). */
export type VulnDbLocation =
  | { kind: 'off'; why: string }
  | { kind: 'url'; url: URL; redacted: string; source: 'GOVULNDB' | 'setting' | 'default' };

export interface ModuleIndex {
  /** db.json's `modified`: the database's age, and the key of everything read under it. */
  modified: string;
  /** Only modules the database has entries for. */
  byPath: ReadonlyMap<string, ModuleIndexEntry>;
  /** When this index was read from the database (ms since the epoch), for "checked 3 minutes ago". */
  fetchedAt: number;
  /** True when it came from the disk cache without asking the database (offline, or the database failed). */
  fromCache: boolean;
}

export type DbAnswer<T> = { kind: 'ok'; value: T } | { kind: 'error'; message: string };

export interface VulnDatabase {
  readonly location: VulnDbLocation;
  /** The modules index, fetched again only when db.json's `modified` changed, and db.json itself at most once per fresh time. */
  index(opts?: { signal?: AbortSignal; revalidate?: boolean }): Promise<DbAnswer<ModuleIndex>>;
  /** The entries with these ids (as the index lists them for one module), from memory, disk or ID/<id>.json. */
  entries(ids: { id: string; modified: string }[], opts?: { signal?: AbortSignal }): Promise<DbAnswer<VulnEntry[]>>;
  /** For the configuration report: what was last seen, without asking again. */
  status(): VulnDbStatus;
  close(): Promise<void>;
}

export interface VulnDbStatus {
  location: VulnDbLocation;
  /** db.json's `modified` as last read. */
  modified?: string;
  /** When the database last answered (ms since the epoch). */
  answeredAt?: number;
  /** The last failure, when the latest attempt failed. */
  error?: string;
}
