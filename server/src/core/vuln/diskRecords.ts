// The vulnerability database's answers kept between runs, in the engine's disk
// cache (proxy/diskCache.ts): when db.json last answered and with what time,
// the modules index read under that time (one record, overwritten, so that
// old indexes do not pile up), and each entry that was asked for, by id and
// modified time (immutable then). What is read back is checked as if the
// database had sent it: a cache file is input too.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DiskCache } from '../proxy/diskCache';
import { gunzipCapped, parseJson } from './decode';
import { isShortString, parseModuleIndex } from './indexParse';
import { INDEX_CAP, MAX_TIME } from './limits';
import type { ModuleIndexEntry } from './osv';

const gzipAsync = promisify(gzip);

export interface StoredIndex {
  modified: string;
  byPath: Map<string, ModuleIndexEntry>;
  storedAt: number;
}

export class VulnDiskRecords {
  constructor(private readonly disk: DiskCache | undefined, private readonly base: string) {}

  private key(...parts: string[]): string {
    return ['vulndb', this.base, ...parts].join('\u0000');
  }

  /** db.json's time as last answered, and when it answered. */
  async readMeta(): Promise<{ modified: string; storedAt: number } | undefined> {
    const got = await this.readJson('index/db');
    const modified = (got?.value as { modified?: unknown } | undefined)?.modified;
    return got && isShortString(modified, MAX_TIME) ? { modified, storedAt: got.storedAt } : undefined;
  }

  writeMeta(modified: string, at: number): Promise<void> {
    return this.write('index/db', Buffer.from(JSON.stringify({ modified })), at);
  }

  async readIndex(): Promise<StoredIndex | undefined> {
    const got = await this.readJson('index/modules', '', INDEX_CAP.decompressed);
    const v = got?.value as { modified?: unknown; modules?: unknown } | undefined;
    if (!got || !v || !isShortString(v.modified, MAX_TIME)) return undefined;
    const parsed = parseModuleIndex(v.modules);
    return typeof parsed === 'string' ? undefined : { modified: v.modified, byPath: parsed.byPath, storedAt: got.storedAt };
  }

  /** Gzipped: the index is some hundreds of KB of JSON, and a cache record is base64 on top. */
  async writeIndex(modified: string, byPath: ReadonlyMap<string, ModuleIndexEntry>, at: number): Promise<void> {
    const body = await gzipAsync(JSON.stringify({ modified, modules: [...byPath.values()] }));
    await this.write('index/modules', body, at);
  }

  async readEntry(id: string, modified: string): Promise<unknown> {
    return (await this.readJson(`ID/${id}`, modified))?.value;
  }

  writeEntry(id: string, modified: string, bytes: Buffer, at: number): Promise<void> {
    return this.write(`ID/${id}`, bytes, at, modified);
  }

  /** A record's JSON; gunzipped within the cap when one is given (only the index is stored gzipped). */
  private async readJson(endpoint: string, version = '', gunzipCap?: number): Promise<{ value: unknown; storedAt: number } | undefined> {
    const stored = await this.disk?.read(this.key(endpoint, version));
    if (!stored || stored.value.kind !== 'ok') return undefined;
    let bytes = stored.value.body;
    if (gunzipCap !== undefined) {
      const plain = await gunzipCapped(bytes, gunzipCap);
      if ('error' in plain) return undefined;
      bytes = plain.ok;
    }
    const parsed = parseJson(bytes);
    return 'ok' in parsed ? { value: parsed.ok, storedAt: stored.storedAt } : undefined;
  }

  private async write(endpoint: string, body: Buffer, at: number, version = ''): Promise<void> {
    await this.disk?.write(this.key(endpoint, version), { value: { kind: 'ok', body }, storedAt: at });
  }
}
