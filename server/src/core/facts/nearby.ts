// What is near a requirement that does not exist: the nearest published
// version of its module, and the known module paths one or two typos away.
// Both answer from what the proxy already told us, so the fixes built on them
// are plain text edits that need no module graph (a go.mod with one broken
// line cannot load one: go.dev/ref/mod#go-get).
import { retractionRationale, type Retraction } from './moduleFacts';
import { compare, isValid, major, prerelease } from '../semver/goSemver';

/**
 * The published version nearest to `missing`: the highest one not above it,
 * else the lowest above it, of the same major version. Retracted and excluded
 * versions only when there is nothing else, and pre-releases only when the
 * missing version is one (a release line should not move to a pre-release).
 */
export function nearestVersion(missing: string, published: string[], retractions: Retraction[], excluded: ReadonlySet<string> = new Set()): string | undefined {
  if (!isValid(missing)) return undefined;
  const sameMajor = published.filter((v) => isValid(v) && v !== missing && major(v) === major(missing) && v.endsWith('+incompatible') === missing.endsWith('+incompatible'));
  const releases = prerelease(missing) === '' ? sameMajor.filter((v) => prerelease(v) === '') : sameMajor;
  const pool = releases.length > 0 ? releases : sameMajor;
  const usable = pool.filter((v) => !excluded.has(v) && retractionRationale(retractions, v) === undefined);
  const from = (usable.length > 0 ? usable : pool).slice().sort(compare);
  const below = from.filter((v) => compare(v, missing) < 0);
  return below.at(-1) ?? from.find((v) => compare(v, missing) > 0);
}

/** Levenshtein distance, stopping early once it exceeds `limit` (paths are short; this stays linear in practice). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/** At most this many typos, and never more than a fifth of the path: "did you mean", not "try another module". */
const MAX_TYPOS = 2;

/** The candidate paths nearest to `path` (closest first, at most two), among those the caller says a proxy knows. */
export function nearbyPaths(path: string, candidates: Iterable<string>): string[] {
  const limit = Math.min(MAX_TYPOS, Math.floor(path.length / 5));
  const scored: { p: string; d: number }[] = [];
  for (const p of new Set(candidates)) {
    if (p === path) continue;
    const d = editDistance(path, p, limit);
    if (d <= limit) scored.push({ p, d });
  }
  return scored.sort((x, y) => x.d - y.d || x.p.localeCompare(y.p)).slice(0, 2).map((s) => s.p);
}
