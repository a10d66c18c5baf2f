// A second reading of the Go vulnerability database, written from the OSV
// schema (ossf.github.io/osv-schema, "Evaluation") and the database's
// documentation (go.dev/security/vuln/database) alone, to measure the
// engine's matcher (server/src/core/vuln/match.ts) against. It shares no code
// with the engine: it reads the entries as written (OsvJson, not the engine's
// parsed form), orders versions with npm semver after taking off Go's "v",
// and turns each range into explicit spans instead of walking its events.
import { SemVer } from 'semver';
import type { OsvJson } from './vulnDb';

type Range = NonNullable<OsvJson['affected'][number]['ranges']>[number];
type Affected = OsvJson['affected'][number];

/** What the reference finds for one module version: an entry's id, and the lowest version above it that the entry no longer affects. */
export interface ReferenceFinding {
  id: string;
  /** In Go's form ("v1.2.3"); absent when no fixed version leaves the module unaffected. */
  fixed?: string;
}

/** A span of affected versions: from (inclusive; undefined = the beginning of time) to (exclusive; undefined = no fix). */
interface Span {
  from?: SemVer;
  to?: SemVer;
}

// semver.org's grammar, which is Go's for versions written in full: no
// leading zeros, identifiers of letters, digits and "-", build metadata
// ("+incompatible") allowed and ignored when ordering.
const NUM = '(?:0|[1-9][0-9]*)';
const PRE_ID = `(?:${NUM}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`;
const FULL = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);

/** A Go module version ("v1.2.3", "v0.0.0-2020…-abc", "v2.0.0+incompatible") for ordering, or undefined if it is not one. */
export function goVersion(v: string): SemVer | undefined {
  if (!v.startsWith('v') || !FULL.test(v.slice(1))) return undefined;
  return new SemVer(v.slice(1));
}

/** An OSV version of the Go ecosystem: Go's without the "v". The test's own data, so anything else is a mistake in it. */
function osvVersion(v: string): SemVer {
  if (!FULL.test(v)) throw new Error(`not an OSV version of the Go ecosystem: ${JSON.stringify(v)}`);
  return new SemVer(v);
}

/** Sort key of an event: introduced "0" is before every version. */
function eventAt(e: { introduced?: string; fixed?: string }): SemVer | undefined {
  if (e.introduced === '0') return undefined;
  return osvVersion(e.introduced ?? e.fixed ?? '');
}

/** The spans of a range: its events in version order, each introduced opening one and the next fixed closing it. */
export function spansOf(r: Range): Span[] {
  const events = r.events
    .filter((e) => e.introduced !== undefined || e.fixed !== undefined)
    .map((e) => ({ e, at: eventAt(e) }))
    .sort((a, b) => (a.at === undefined ? (b.at === undefined ? 0 : -1) : b.at === undefined ? 1 : a.at.compare(b.at)));
  const spans: Span[] = [];
  let open: Span | undefined;
  for (const { e, at } of events) {
    if (e.introduced !== undefined) open ??= { from: at };
    else if (open) {
      spans.push({ from: open.from, to: at });
      open = undefined;
    }
  }
  if (open) spans.push(open);
  return spans;
}

const inSpan = (s: Span, v: SemVer) => (s.from === undefined || v.compare(s.from) >= 0) && (s.to === undefined || v.compare(s.to) < 0);

/** Whether an affected item holds the version: in a span of one of its SEMVER ranges; without any SEMVER range, every version. */
export function itemAffects(a: Affected, v: SemVer): boolean {
  const ranges = (a.ranges ?? []).filter((r) => r.type === 'SEMVER');
  if (ranges.length === 0) return true;
  return ranges.some((r) => spansOf(r).some((s) => inSpan(s, v)));
}

/** The entries of a database, read the way a user of the OSV schema would: by package name. */
export class OsvReference {
  private readonly byModule = new Map<string, { entry: OsvJson; items: Affected[] }[]>();

  /** now: entries withdrawn at or before it affect nothing. */
  constructor(entries: readonly OsvJson[], private readonly now: number) {
    for (const entry of entries) {
      const names = new Set(entry.affected.map((a) => a.package.name));
      for (const name of names) {
        const list = this.byModule.get(name) ?? [];
        list.push({ entry, items: entry.affected.filter((a) => a.package.name === name) });
        this.byModule.set(name, list);
      }
    }
  }

  /** Whether any entry names this module at all (affecting or not). */
  names(path: string): boolean {
    return this.byModule.has(path);
  }

  /** The entries that affect path@version, ordered by id; none for a version that is not a Go version. */
  findings(path: string, version: string): ReferenceFinding[] {
    const v = goVersion(version);
    if (!v) return [];
    const out: ReferenceFinding[] = [];
    for (const { entry, items } of this.byModule.get(path) ?? []) {
      if (entry.withdrawn !== undefined && Date.parse(entry.withdrawn) <= this.now) continue;
      if (!items.some((a) => itemAffects(a, v))) continue;
      const fixed = lowestFix(items, v);
      out.push(fixed ? { id: entry.id, fixed: `v${fixed}` } : { id: entry.id });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * The lowest fixed version above v at which none of the entry's items for the
 * module holds any more: a fix that a later introduction, or another item,
 * takes back is no fix.
 */
function lowestFix(items: Affected[], v: SemVer): string | undefined {
  const fixes = items
    .flatMap((a) => (a.ranges ?? []).filter((r) => r.type === 'SEMVER').flatMap((r) => r.events.flatMap((e) => (e.fixed ? [e.fixed] : []))))
    .map((f) => ({ f, at: osvVersion(f) }))
    .filter((x) => x.at.compare(v) > 0)
    .sort((a, b) => a.at.compare(b.at));
  return fixes.find((x) => !items.some((a) => itemAffects(a, x.at)))?.f;
}

/**
 * The module version a build uses for a requirement, by the go command's rule
 * (go.dev/ref/mod#go-mod-file-replace): a replace of exactly that version,
 * else one of every version; a replacement without a version is a directory,
 * which no database describes.
 */
export function referenceTarget(replaces: readonly { old: { path: string; version: string }; new: { path: string; version: string } }[], path: string, version: string): { path: string; version: string; replaced: boolean } | { directory: string } {
  const exact = replaces.filter((r) => r.old.path === path && r.old.version === version).at(-1);
  const every = replaces.filter((r) => r.old.path === path && r.old.version === '').at(-1);
  const r = exact ?? every;
  if (!r) return { path, version, replaced: false };
  if (r.new.version === '') return { directory: r.new.path };
  return { path: r.new.path, version: r.new.version, replaced: true };
}
