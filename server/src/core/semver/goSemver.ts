// Go's semantic versions (golang.org/x/mod/semver) in two parts.
//
// Go's own, kept here as a thin layer: what a valid version is, and its
// parts. npm `semver` disagrees with Go on what a version is: the "v" Go
// requires is optional to npm, which also trims whitespace ("1.2.3" and
// " v1.2.3 " pass); Go's shorthands "v1" and "v1.2" are not versions to npm;
// "+incompatible", to Go the mark of a major version past v1 taken without a
// go.mod (module/pathMajor.ts), is build metadata like any other to npm; and
// npm's loose mode takes the leading zeros Go rejects ("v01.2.3",
// "v1.2.3-01"). So isValid, Canonical, Major, MajorMinor, Prerelease and Build
// stay a port of the Go code.
//
// From npm `semver`: ordering, and the numbers that classify an update
// (updateKind.ts). A valid Go version is handed to it as Go's
// canonical form without the "v" and the build ("v1.2+x" -> "1.2.0"), for
// which npm's precedence rules are Go's. Invalid versions keep Go's rule:
// below every valid one, equal to each other.
//
// npm semver holds numbers as JavaScript numbers and versions of at most 256
// characters; Go's numbers are decimal strings of any length. A version past
// either limit (a hostile list's v99999999999999999999.0.0) is ordered by
// Go's rules on the strings, so that it still sorts where the go command puts it.
import SemVer from 'semver/classes/semver';
import parseNpm from 'semver/functions/parse';

interface Parsed {
  major: string;
  minor: string;
  patch: string;
  short: string;
  prerelease: string;
  build: string;
}

function parseInt_(v: string): [string, string] | undefined {
  let i = 0;
  while (i < v.length && v[i] >= '0' && v[i] <= '9') i++;
  if (i === 0 || (v[0] === '0' && i !== 1)) return undefined;
  return [v.slice(0, i), v.slice(i)];
}

const isIdentChar = (c: string) => {
  const x = c.charCodeAt(0);
  return (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39) || x === 0x2d;
};
const isBadNum = (v: string) => /^[0-9]+$/.test(v) && v.length > 1 && v[0] === '0';
const isNum = (v: string) => /^[0-9]*$/.test(v);

function parsePrerelease(v: string): [string, string] | undefined {
  let i = 1;
  let start = 1;
  while (i < v.length && v[i] !== '+') {
    if (!isIdentChar(v[i]) && v[i] !== '.') return undefined;
    if (v[i] === '.') {
      if (start === i || isBadNum(v.slice(start, i))) return undefined;
      start = i + 1;
    }
    i++;
  }
  if (start === i || isBadNum(v.slice(start, i))) return undefined;
  return [v.slice(0, i), v.slice(i)];
}

function parseBuild(v: string): [string, string] | undefined {
  let i = 1;
  let start = 1;
  while (i < v.length) {
    if (!isIdentChar(v[i]) && v[i] !== '.') return undefined;
    if (v[i] === '.') {
      if (start === i) return undefined;
      start = i + 1;
    }
    i++;
  }
  if (start === i) return undefined;
  return [v.slice(0, i), v.slice(i)];
}

function parse(v: string): Parsed | undefined {
  if (v === '' || v[0] !== 'v') return undefined;
  const p: Parsed = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
  let r = parseInt_(v.slice(1));
  if (!r) return undefined;
  [p.major, v] = r;
  if (v === '') return { ...p, minor: '0', patch: '0', short: '.0.0' };
  if (v[0] !== '.') return undefined;
  r = parseInt_(v.slice(1));
  if (!r) return undefined;
  [p.minor, v] = r;
  if (v === '') return { ...p, patch: '0', short: '.0' };
  if (v[0] !== '.') return undefined;
  r = parseInt_(v.slice(1));
  if (!r) return undefined;
  [p.patch, v] = r;
  if (v.startsWith('-')) {
    const pr = parsePrerelease(v);
    if (!pr) return undefined;
    [p.prerelease, v] = pr;
  }
  if (v.startsWith('+')) {
    const b = parseBuild(v);
    if (!b) return undefined;
    [p.build, v] = b;
  }
  return v === '' ? p : undefined;
}

export function isValid(v: string): boolean {
  return parse(v) !== undefined;
}

/** semver.Canonical: "v1.2" -> "v1.2.0"; build metadata dropped; "" if invalid. */
export function canonical(v: string): string {
  const p = parse(v);
  if (!p) return '';
  if (p.build !== '') return v.slice(0, v.length - p.build.length);
  if (p.short !== '') return v + p.short;
  return v;
}

export function major(v: string): string {
  const p = parse(v);
  return p ? v.slice(0, 1 + p.major.length) : '';
}

/** semver.MajorMinor: "v1.2.3" -> "v1.2", "v1" -> "v1.0"; "" if invalid. */
export function majorMinor(v: string): string {
  const p = parse(v);
  if (!p) return '';
  const i = 1 + p.major.length;
  const j = i + 1 + p.minor.length;
  return v[i] === '.' && v.slice(i + 1, j) === p.minor ? v.slice(0, j) : `${v.slice(0, i)}.${p.minor}`;
}

export function prerelease(v: string): string {
  return parse(v)?.prerelease ?? '';
}

export function build(v: string): string {
  return parse(v)?.build ?? '';
}

const INVALID = 'invalid';
const BEYOND_NPM = 'beyond npm semver';
type Entry = SemVer | typeof INVALID | typeof BEYOND_NPM;

function entryOf(v: string): Entry {
  const p = parse(v);
  if (!p) return INVALID;
  // Go's canonical form without its "v" and build: what npm semver reads as the same version.
  const sv = parseNpm(`${p.major}.${p.minor}.${p.patch}${p.prerelease}`);
  // npm semver refuses versions past 256 characters or 2^53, and keeps a larger
  // numeric pre-release identifier as a string it then compares as an imprecise number.
  if (!sv || sv.prerelease.some((id) => typeof id === 'string' && isNum(id))) return BEYOND_NPM;
  return sv;
}

// Sorting a list compares each version many times, and npm semver parses with
// regular expressions on every call given strings: parsed versions are kept.
// The bound is above the longest list a proxy may send (proxy/limits.ts,
// MAX_LIST_VERSIONS: 20,000), so that sorting one parses each version once
// (twice if the cache fills midway) and the pass over it that follows finds
// them parsed; at a few hundred bytes an entry, about 10 MB at most. A full
// cache is emptied rather than trimmed: V8's Map is slow to drop its oldest
// entries one at a time.
const CACHE_LIMIT = 32_768;
// Longer strings (build metadata of any length is valid) are parsed per call
// instead, so that what the cache holds is bounded by this times the count.
const CACHED_LENGTH = 256;
const cache = new Map<string, Entry>();

function entry(v: string): Entry {
  let e = cache.get(v);
  if (e !== undefined) return e;
  e = entryOf(v);
  if (v.length <= CACHED_LENGTH) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    // A version sliced from a list's body keeps the whole body (up to 1 MiB)
    // alive in V8; the key is a copy (flattening the concatenation copies it),
    // so that the cache does not hold lists after everything else let go of them.
    cache.set((' ' + v).slice(1), e);
  }
  return e;
}

/**
 * The npm semver form of a valid Go version, or undefined when the version is
 * invalid or past what npm semver can hold exactly. The object is the cached
 * one, shared: read it, never change it (inc()).
 */
export function npmSemVer(v: string): SemVer | undefined {
  const e = entry(v);
  return typeof e === 'string' ? undefined : e;
}

/** semver.Compare: invalid versions sort before all valid ones and equal each other. */
export function compare(v: string, w: string): number {
  if (v === w) return 0;
  const a = entry(v);
  const b = entry(w);
  if (a === INVALID || b === INVALID) return a === b ? 0 : a === INVALID ? -1 : 1;
  if (a === BEYOND_NPM || b === BEYOND_NPM) return compareParsed(parse(v)!, parse(w)!);
  return a.compare(b);
}

// Go's comparison on the decimal strings, for versions npm semver cannot hold.

function compareParsed(pv: Parsed, pw: Parsed): number {
  return (
    compareInt(pv.major, pw.major) ||
    compareInt(pv.minor, pw.minor) ||
    compareInt(pv.patch, pw.patch) ||
    comparePrerelease(pv.prerelease, pw.prerelease)
  );
}

function compareInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function comparePrerelease(x: string, y: string): number {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const dx = xs[i];
    const dy = ys[i];
    if (dx === dy) continue;
    const ix = isNum(dx);
    const iy = isNum(dy);
    if (ix !== iy) return ix ? -1 : 1;
    if (ix && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
    return dx < dy ? -1 : 1;
  }
  return xs.length < ys.length ? -1 : xs.length > ys.length ? 1 : 0;
}
