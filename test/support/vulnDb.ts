// A Go vulnerability database in the documented v1 layout
// (go.dev/security/vuln/database#api), written from a list of OSV entries:
// index/db.json, index/modules.json, index/vulns.json and ID/<id>.json, each
// also gzipped, so that one tree serves both loopback HTTP (proxyServer.ts,
// which sends the .json.gz files as they are) and file://. The index is
// computed as x/vulndb computes it (x/vuln internal/client/index.go).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compare } from '../../server/src/core/semver/goSemver';
import type { ModuleIndexEntry } from '../../server/src/core/vuln/osv';

export { VULN_FIXTURE_ENTRIES } from './vulnFixture';
export { generateVulnDbEntries } from './vulnDbGenerator';

/** An OSV entry as the database serves it (the fields the Go database uses). */
export interface OsvJson {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details: string;
  affected: {
    package: { name: string; ecosystem: string };
    ranges?: { type: string; events: { introduced?: string; fixed?: string }[] }[];
    ecosystem_specific?: { imports?: { path: string; goos?: string[]; goarch?: string[]; symbols?: string[] }[] };
  }[];
  database_specific?: { url?: string };
}

export interface WrittenVulnDb {
  root: string;
  /** The same tree as a GOVULNDB value. */
  fileUrl: string;
  /** db.json's time: the latest modified of the entries unless given. */
  modified: string;
  /** modules.json as written. */
  modules: ModuleIndexEntry[];
}

/** OSV versions have no "v"; Go's semver wants one (x/vuln semver.Less adds it). */
const less = (a: string, b: string) => compare(`v${a}`, `v${b}`) < 0;

/**
 * x/vuln semver.NonSupersededFix: the latest fixed version of the SEMVER
 * ranges, unless the vulnerability was introduced again after it.
 */
export function nonSupersededFix(ranges: OsvJson['affected'][number]['ranges'] = []): string {
  let latest = '';
  for (const r of ranges) {
    if (r.type !== 'SEMVER') continue;
    for (const e of r.events) if (e.fixed && less(latest, e.fixed)) latest = e.fixed;
    if (r.events.some((e) => e.introduced && e.introduced !== '0' && less(latest, e.introduced))) latest = '';
  }
  return latest;
}

export function moduleIndexOf(entries: OsvJson[]): ModuleIndexEntry[] {
  const byPath = new Map<string, ModuleIndexEntry>();
  for (const e of entries) {
    for (const a of e.affected) {
      const m = byPath.get(a.package.name) ?? { path: a.package.name, vulns: [] };
      byPath.set(m.path, m);
      const fixed = nonSupersededFix(a.ranges);
      m.vulns.push(fixed ? { id: e.id, modified: e.modified, fixed } : { id: e.id, modified: e.modified });
    }
  }
  const modules = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const m of modules) m.vulns.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return modules;
}

export type EndpointForm = 'json' | 'json.gz';

export interface WriteOptions {
  /** db.json's time; the latest modified of the entries by default. */
  modified?: string;
  /**
   * The forms written: both by default. A database read only over file://
   * (plain) or only over HTTP (gzipped) may skip the other, which halves the
   * files a database the real size takes (some 8,000).
   */
  forms?: EndpointForm[];
}

/** Writes (or overwrites) the database for these entries under dir. */
export function writeVulnDb(dir: string, entries: OsvJson[], opts: WriteOptions = {}): WrittenVulnDb {
  const root = path.resolve(dir);
  mkdirSync(path.join(root, 'index'), { recursive: true });
  mkdirSync(path.join(root, 'ID'), { recursive: true });
  const modified = opts.modified ?? entries.map((e) => e.modified).reduce((a, b) => (a > b ? a : b), '1970-01-01T00:00:00Z');
  const modules = moduleIndexOf(entries);
  const forms = opts.forms ?? ['json', 'json.gz'];
  writeEndpoint(root, 'index/db', { modified }, forms);
  writeEndpoint(root, 'index/modules', modules, forms);
  writeEndpoint(root, 'index/vulns', [...entries].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => ({ id: e.id, modified: e.modified, aliases: e.aliases ?? [] })), forms);
  for (const e of entries) writeEndpoint(root, `ID/${e.id}`, e, forms);
  return { root, fileUrl: pathToFileURL(root).href, modified, modules };
}

/** endpoint.json and endpoint.json.gz with the same content. */
export function writeEndpoint(root: string, endpoint: string, value: unknown, forms: EndpointForm[] = ['json', 'json.gz']): void {
  const json = Buffer.from(JSON.stringify(value));
  if (forms.includes('json')) writeFileSync(path.join(root, `${endpoint}.json`), json);
  if (forms.includes('json.gz')) writeFileSync(path.join(root, `${endpoint}.json.gz`), gzipSync(json));
}

/** Raw bytes for both forms (the .gz one gzipped unless gz is given): for broken files. */
export function writeRawEndpoint(root: string, endpoint: string, plain: Buffer | string, gz?: Buffer): void {
  writeFileSync(path.join(root, `${endpoint}.json`), plain);
  writeFileSync(path.join(root, `${endpoint}.json.gz`), gz ?? gzipSync(plain));
}
