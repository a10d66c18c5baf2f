// index/db.json and index/modules.json into the engine's records, checking
// every field: a database is input like any other. A line of the modules
// index that cannot be used (no path, an id that is not an id) is skipped and
// counted; a file of the wrong shape altogether is an error.
import { MAX_PATH, MAX_TIME, MAX_VERSION } from './limits';
import type { DbMeta, ModuleIndexEntry } from './osv';

/** Ids name a file (ID/<id>.json): letters, digits, ".", "_" and "-", never a "/" or a leading ".". */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isVulnId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

export function isShortString(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

export function parseDbMeta(value: unknown): DbMeta | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const modified = (value as { modified?: unknown }).modified;
  if (!isShortString(modified, MAX_TIME)) return 'no "modified" time';
  return { modified };
}

export interface ParsedModuleIndex {
  byPath: Map<string, ModuleIndexEntry>;
  /** Lines, or vulns within lines, that could not be used. */
  skipped: number;
}

/** One pass and one Map: the real index (some 1,400 modules) takes a few milliseconds. */
export function parseModuleIndex(value: unknown): ParsedModuleIndex | string {
  if (!Array.isArray(value)) return 'not a JSON array of modules';
  const byPath = new Map<string, ModuleIndexEntry>();
  let skipped = 0;
  for (let i = 0; i < value.length; i++) {
    const line = value[i] as { path?: unknown; vulns?: unknown } | null;
    if (typeof line !== 'object' || line === null || !isShortString(line.path, MAX_PATH) || !Array.isArray(line.vulns)) {
      skipped++;
      continue;
    }
    const vulns: ModuleIndexEntry['vulns'] = [];
    for (let k = 0; k < line.vulns.length; k++) {
      const v = line.vulns[k] as { id?: unknown; modified?: unknown; fixed?: unknown } | null;
      if (typeof v !== 'object' || v === null || !isVulnId(v.id) || !isShortString(v.modified, MAX_TIME)) {
        skipped++;
        continue;
      }
      // A fixed version that cannot be read is left out: without one, the entry is always read and matched.
      if (isShortString(v.fixed, MAX_VERSION)) vulns.push({ id: v.id, modified: v.modified, fixed: v.fixed });
      else vulns.push({ id: v.id, modified: v.modified });
    }
    // A module listed twice keeps the vulns of both lines.
    const seen = byPath.get(line.path);
    // (A loop, not push(...vulns): spreading a huge array overflows the stack.)
    if (seen) for (const v of vulns) seen.vulns.push(v);
    else byPath.set(line.path, { path: line.path, vulns });
  }
  return { byPath, skipped };
}
