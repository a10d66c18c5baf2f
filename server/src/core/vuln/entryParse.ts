// An OSV entry (ID/<id>.json, go.dev/security/vuln/database#schema) into a
// VulnEntry. What matching depends on (the id, the affected modules, their
// ranges) must have the documented shape, or the entry is refused with the
// reason: reading a damaged entry as "affects nothing" would hide a
// vulnerability. What is only shown (summary, details, aliases, url) is
// trimmed or defaulted instead.
import { isShortString, isVulnId } from './indexParse';
import { MAX_ALIASES, MAX_DETAILS, MAX_ID, MAX_PATH, MAX_SUMMARY, MAX_TIME, MAX_URL, MAX_VERSION } from './limits';
import type { OsvAffected, OsvEvent, OsvPackage, OsvRange, VulnEntry } from './osv';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Refused {
  constructor(readonly reason: string) {}
}

export function parseEntry(value: unknown, id: string): VulnEntry | string {
  try {
    return readEntry(value, id);
  } catch (e) {
    if (e instanceof Refused) return e.reason;
    throw e;
  }
}

function readEntry(raw: unknown, id: string): VulnEntry {
  if (!isObject(raw)) throw new Refused('not an OSV entry (a JSON object)');
  if (raw.id !== id) throw new Refused(`the entry names ${isVulnId(raw.id) ? raw.id : 'another id'}, not ${id}`);
  if (!isShortString(raw.modified, MAX_TIME)) throw new Refused('no "modified" time');
  const entry: VulnEntry = {
    id,
    modified: raw.modified,
    aliases: stringList(raw.aliases, MAX_ID).slice(0, MAX_ALIASES),
    summary: text(raw.summary, MAX_SUMMARY),
    details: text(raw.details, MAX_DETAILS),
    affected: list(raw.affected, 'affected').map((a, i) => readAffected(a, `affected[${i}]`)),
    url: entryUrl(raw.database_specific, id),
  };
  if (isShortString(raw.withdrawn, MAX_TIME)) entry.withdrawn = raw.withdrawn;
  return entry;
}

function readAffected(a: unknown, where: string): OsvAffected {
  if (!isObject(a)) throw new Refused(`${where} is not an object`);
  const pkg = a.package;
  if (!isObject(pkg) || !isShortString(pkg.name, MAX_PATH)) throw new Refused(`${where}.package.name is not a module path`);
  const eco = a.ecosystem_specific;
  const imports = isObject(eco) ? list(eco.imports, `${where}.ecosystem_specific.imports`) : [];
  return {
    module: pkg.name,
    ranges: list(a.ranges, `${where}.ranges`).map((r, i) => readRange(r, `${where}.ranges[${i}]`)),
    packages: imports.map((p, i) => readPackage(p, `${where}.ecosystem_specific.imports[${i}]`)),
  };
}

function readRange(r: unknown, where: string): OsvRange {
  if (!isObject(r) || !isShortString(r.type, MAX_ID)) throw new Refused(`${where} has no type`);
  const events: OsvEvent[] = [];
  for (const [i, e] of list(r.events, `${where}.events`).entries()) {
    if (!isObject(e)) throw new Refused(`${where}.events[${i}] is not an object`);
    const event: OsvEvent = {};
    // Go's omitempty: an empty string is an absent field. Other OSV events (last_affected, limit) are not Go's.
    if (e.introduced !== undefined && e.introduced !== '') event.introduced = version(e.introduced, `${where}.events[${i}].introduced`);
    if (e.fixed !== undefined && e.fixed !== '') event.fixed = version(e.fixed, `${where}.events[${i}].fixed`);
    if (event.introduced !== undefined || event.fixed !== undefined) events.push(event);
  }
  return { type: r.type, events };
}

function readPackage(p: unknown, where: string): OsvPackage {
  if (!isObject(p) || !isShortString(p.path, MAX_PATH)) throw new Refused(`${where}.path is not a package path`);
  const pkg: OsvPackage = { path: p.path };
  // Platform and symbol lists narrow what is affected; one that cannot be read is not guessed at.
  if (p.goos !== undefined) pkg.goos = strictStrings(p.goos, `${where}.goos`);
  if (p.goarch !== undefined) pkg.goarch = strictStrings(p.goarch, `${where}.goarch`);
  if (p.symbols !== undefined) pkg.symbols = strictStrings(p.symbols, `${where}.symbols`);
  return pkg;
}

function version(v: unknown, where: string): string {
  if (!isShortString(v, MAX_VERSION)) throw new Refused(`${where} is not a version`);
  return v;
}

/** An array, or [] when the field is absent (Go's omitempty); anything else refuses the entry. */
function list(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Refused(`${where} is not a list`);
  return v;
}

function strictStrings(v: unknown, where: string): string[] {
  const items = list(v, where);
  for (const s of items) if (!isShortString(s, MAX_PATH)) throw new Refused(`${where} holds something other than a name`);
  return items as string[];
}

function stringList(v: unknown, max: number): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => isShortString(s, max)) : [];
}

function text(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  if (v.length <= max) return v;
  // A copy of the kept part (UTF-16 round trip, exact for any string): a slice would keep the whole string alive in V8.
  return Buffer.from(v.slice(0, max), 'utf16le').toString('utf16le') + '…';
}

/** database_specific.url when it is a web address, else the entry's page on pkg.go.dev. */
function entryUrl(specific: unknown, id: string): string {
  const url = isObject(specific) ? specific.url : undefined;
  if (isShortString(url, MAX_URL) && /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url)) return url;
  return `https://pkg.go.dev/vuln/${id}`;
}
