// Which vulnerabilities affect one module version, with the semantics of
// `govulncheck -scan module` (x/vuln internal/semver/affects.go and
// internal/vulncheck): SEMVER ranges of introduced/fixed events, half-open;
// introduced "0" is the beginning of time, so pseudo-versions are covered; no
// ranges (or none of type SEMVER) means every version; withdrawn entries and
// entries about other modules are ignored; platforms do not narrow anything
// (govulncheck passes none when it scans source or modules). Go's version order ignores
// build metadata, so v2.0.0+incompatible compares as v2.0.0.
import { compare, isValid, prerelease } from '../semver/goSemver';
import type { ModuleIndexEntry, OsvAffected, OsvRange, VulnEntry } from './osv';

/** What the reports say of one vulnerability that affects the version in use. */
export interface Vulnerability {
  id: string;
  aliases: string[];
  summary: string;
  /** The lowest version above the one in use that is no longer affected, in Go's form ("v1.2.3"); absent when there is none. */
  fixed?: string;
  url: string;
  /** The affected packages (import paths) of this module. */
  packages: string[];
}

export interface MatchOptions {
  /** Withdrawn entries count as withdrawn from their date on. */
  now: number;
}

/** An OSV version ("1.2.3", or already "v1.2.3" / "go1.2.3") in Go's form. */
export function goForm(osvVersion: string): string {
  return `v${osvVersion.replace(/^(v|go)/, '')}`;
}

function before(a: string, b: string): boolean {
  return compare(goForm(a), goForm(b)) < 0;
}

/** Whether a SEMVER range holds the version: events in version order, introduced opens, fixed closes. */
export function rangeContains(r: OsvRange, version: string): boolean {
  if (r.type !== 'SEMVER') return false;
  if (r.events.length === 0) return true;
  const at = (e: { introduced?: string; fixed?: string }) => (e.introduced === '0' ? undefined : (e.fixed ?? e.introduced ?? ''));
  const events = [...r.events].sort((x, y) => {
    const a = at(x);
    const b = at(y);
    if (a === undefined) return b === undefined ? 0 : -1;
    if (b === undefined) return 1;
    return compare(goForm(a), goForm(b));
  });
  let affected = false;
  for (const e of events) {
    if (!affected && e.introduced !== undefined && e.introduced !== '') affected = e.introduced === '0' || !before(version, e.introduced);
    else if (affected && e.fixed) affected = before(version, e.fixed);
  }
  return affected;
}

/** Whether any of the ranges holds the version; no SEMVER range at all means every version. */
export function rangesAffect(ranges: OsvRange[], version: string): boolean {
  let semver = false;
  for (const r of ranges) {
    if (r.type !== 'SEMVER') continue;
    semver = true;
    if (rangeContains(r, version)) return true;
  }
  return !semver;
}

/** The affected items of an entry that are about this module and hold this version. */
function affectedItems(e: VulnEntry, path: string, version: string, opts: MatchOptions): OsvAffected[] {
  if (e.withdrawn && Date.parse(e.withdrawn) <= opts.now) return [];
  return e.affected.filter((a) => a.module === path && rangesAffect(a.ranges, version));
}

/**
 * The lowest fixed event above the version at which the module is no longer
 * affected. items are all the entry's items about the module, those that do
 * not hold the version in use too: one may take back another's fix (x/vuln
 * internal/vulncheck earliestValidFix).
 */
function fixedAbove(items: OsvAffected[], version: string): string | undefined {
  const fixes = items.flatMap((a) => a.ranges.filter((r) => r.type === 'SEMVER').flatMap((r) => r.events.map((e) => e.fixed ?? '')))
    .filter((f) => f !== '' && isValid(goForm(f)) && before(version, f))
    .sort((a, b) => compare(goForm(a), goForm(b)));
  return fixes.find((f) => !items.some((a) => rangesAffect(a.ranges, goForm(f))));
}

/** The vulnerabilities of these entries that affect path@version, ordered by id. */
export function vulnerabilitiesOf(path: string, version: string, entries: readonly VulnEntry[], opts: MatchOptions): Vulnerability[] {
  // Like govulncheck: a version it cannot order is not guessed at.
  if (!isValid(version)) return [];
  const out: Vulnerability[] = [];
  for (const e of entries) {
    const items = affectedItems(e, path, version, opts);
    if (items.length === 0) continue;
    const fixed = fixedAbove(e.affected.filter((a) => a.module === path), version);
    const packages = [...new Set(items.flatMap((a) => a.packages.map((p) => p.path)))];
    out.push({ id: e.id, aliases: e.aliases, summary: e.summary, url: e.url, packages, ...(fixed ? { fixed: goForm(fixed) } : {}) });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The ids worth fetching for path@version: the index's `fixed` is the latest
 * fix that no later introduction undoes, so a version at or above it is not
 * affected by that entry (x/vuln internal/client byModule).
 */
export function candidateIds(meta: ModuleIndexEntry | undefined, version: string): { id: string; modified: string }[] {
  if (!meta || !isValid(version)) return [];
  return meta.vulns.filter((v) => !v.fixed || before(version, v.fixed)).map((v) => ({ id: v.id, modified: v.modified }));
}

/** Whether path@version is affected by any of the entries (for choosing an upgrade). */
export function anyAffects(path: string, version: string, entries: readonly VulnEntry[], opts: MatchOptions): boolean {
  return entries.some((e) => affectedItems(e, path, version, opts).length > 0);
}

/**
 * The version to upgrade to: the lowest published version above the one in
 * use that none of the entries affects and that is not retracted, a release
 * when one qualifies. `+incompatible` stays `+incompatible` (and the other way
 * round), as `go get` keeps a module on its own major.
 */
export function lowestFixingVersion(path: string, version: string, entries: readonly VulnEntry[], published: readonly string[], isRetracted: (v: string) => boolean, opts: MatchOptions): string | undefined {
  const incompatible = version.endsWith('+incompatible');
  const candidates = published.filter((v) => compare(v, version) > 0 && v.endsWith('+incompatible') === incompatible && !isRetracted(v) && !anyAffects(path, v, entries, opts))
    .sort(compare);
  return candidates.find((v) => prerelease(v) === '') ?? candidates[0];
}

/**
 * A Go release as the database writes the standard library's versions:
 * go1.21.5 -> v1.21.5, go1.21 (before 1.21 the first release had no .0) ->
 * v1.21.0, go1.21rc2 -> v1.21.0-rc.2 (x/vuln internal/semver GoTagToSemver).
 */
export function goReleaseVersion(tag: string): string | undefined {
  if (tag === 'go1') return 'v1.0.0';
  const m = /^go(\d+\.\d+)(\.\d+)?(?:(beta|rc)(\d+))?$/.exec(tag);
  if (!m) return undefined;
  return `v${m[1]}${m[2] ?? '.0'}${m[3] ? `-${m[3]}.${m[4]}` : ''}`;
}

/** The other way: v1.21.5 -> go1.21.5, v1.20.0 -> go1.20, v1.21.0-rc.2 -> go1.21rc2. */
export function goReleaseTag(version: string): string {
  const m = /^v(\d+)\.(\d+)\.(\d+)(?:-(beta|rc)\.(\d+))?$/.exec(version);
  if (!m) return version;
  const [, maj, min, patch, pre, n] = m;
  if (pre) return `go${maj}.${min}${pre}${n}`;
  const dropZero = patch === '0' && (Number(maj) === 1 && Number(min) < 21);
  return `go${maj}.${min}${dropZero ? '' : `.${patch}`}`;
}
