// "latest" and "upgrade" exactly as the go command answers them for
// `go list -m -u` (cmd/go/internal/modload/query.go: newQueryMatcher,
// filterVersions, queryProxy): the highest allowed release, else the highest
// allowed pre-release, else @latest; never a downgrade from a newer
// pre-release or pseudo-version; +incompatible versions ignored once a
// compatible version has a real go.mod.
import type { Lookup, RevInfo, VersionRepo } from '../proxy/lookup';
import { autoQuote } from '../text/goText';
import { compare, isValid, prerelease } from '../semver/goSemver';
import { isPseudoVersion, pseudoVersionTime } from '../semver/pseudo';
import { versionOrder, yieldToEventLoop } from '../semver/versionList';
import { canonicalVersion, checkPathMajor, splitPathVersion } from '../module/pathMajor';


/** Whether a version may be chosen (not excluded, not retracted); undefined means yes. */
export type Allowed = (version: string) => Promise<boolean>;

export type Failure = Exclude<Lookup<never>, { kind: 'found' }>;
export type QueryResult = { kind: 'found'; info: RevInfo } | { kind: 'no-match'; message: string } | { kind: 'disallowed'; version: string } | Failure;

/** proxyRepo.Versions: valid, non-pseudo versions, sorted as semver.Sort sorts. */
export function taggedVersions(lines: string[]): string[] {
  const list = lines.map((l) => l.trim().split(/\s+/)[0]).filter((v) => v && isValid(v) && !isPseudoVersion(v));
  return list.sort(versionOrder);
}

/** modfetch.LegacyGoMod: what a proxy serves for a version that has no go.mod. */
export function legacyGoMod(path: string): string {
  return `module ${autoQuote(path)}\n`;
}

/**
 * The chosen candidate is confirmed with its .info (queryProxy's lookup:
 * repo.Stat), as the go command does: a list may name a version the proxy
 * cannot serve, or one whose .info names another version.
 */
export async function queryModule(repo: VersionRepo, path: string, query: 'latest' | 'upgrade', current: string, allowed: Allowed): Promise<QueryResult> {
  const hasCurrent = query === 'upgrade' && current !== '' && current !== 'none';
  const mayUseLatest = !hasCurrent || isPseudoVersion(current);
  const filter = (v: string) => !hasCurrent || compare(v, current) >= 0;
  const allows = async (v: string) => filter(v) && (await allowed(v));

  const listed = await repo.versions(path);
  if (listed.kind !== 'found') return listed;
  const versions = listed.value.versions;

  const releases: string[] = [];
  const prereleases: string[] = [];
  let needIncompatible = current.endsWith('+incompatible');
  let lastCompatible = '';
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i];
    // A long list must not hold the event loop (awaits of settled promises never yield to it).
    if (i % 4096 === 4095) await yieldToEventLoop();
    if (!(await allows(v))) continue;
    if (!needIncompatible) {
      if (!v.endsWith('+incompatible')) {
        lastCompatible = v;
      } else if (lastCompatible !== '') {
        // go.dev/issue/34165: once a compatible version has a go.mod, higher
        // +incompatible majors are not upgrades.
        const mod = await repo.goMod(path, lastCompatible);
        if (mod.kind !== 'found') return mod;
        if (mod.value !== legacyGoMod(path)) break;
        needIncompatible = true;
      }
    }
    (prerelease(v) !== '' ? prereleases : releases).push(v);
  }

  const lookup = async (v: string): Promise<QueryResult> => {
    const rev = await stat(repo, path, v);
    if (rev.kind !== 'found') return rev;
    // A pseudo-version newer than the best tag is kept rather than "upgraded" to an older commit.
    if (hasCurrent && isPseudoVersion(current) && rev.value.Time) {
      const currentTime = pseudoVersionTime(current);
      if (currentTime && new Date(rev.value.Time).getTime() < currentTime.getTime()) {
        if (!(await allowed(current))) return { kind: 'disallowed', version: current };
        const cur = await stat(repo, path, current);
        return cur.kind === 'found' ? { kind: 'found', info: cur.value } : cur;
      }
    }
    return { kind: 'found', info: rev.value };
  };

  if (releases.length > 0) return lookup(releases[releases.length - 1]);
  if (prereleases.length > 0) return lookup(prereleases[prereleases.length - 1]);
  if (mayUseLatest) {
    const latest = await latestRev(repo, path, listed.value.lines);
    if (latest.kind === 'found') {
      if (await allows(latest.value.Version)) return lookup(latest.value.Version);
    } else if (latest.kind !== 'not-found') {
      return latest;
    }
  }
  if (hasCurrent) {
    if (!(await allowed(current))) return { kind: 'disallowed', version: current };
    return lookup(current);
  }
  return { kind: 'no-match', message: `no matching versions for query "${query}"` };
}

/**
 * proxyRepo.Stat as queryProxy sees it. Not found counts as no match: the go
 * command ignores fs.ErrNotExist from the query for -u and for retractions
 * (modload addUpdate, addRetraction). An .info naming another version than
 * the canonical one asked for is an error ("the proxy must return either
 * exactly that version or an error", modfetch/proxy.go Stat).
 */
async function stat(repo: VersionRepo, path: string, v: string): Promise<Lookup<RevInfo> | { kind: 'no-match'; message: string }> {
  const rev = await repo.info(path, v);
  if (rev.kind === 'not-found') return { kind: 'no-match', message: `${path}@${v}: ${rev.message}` };
  if (rev.kind !== 'found') return rev;
  if (rev.value.Version !== v && canonicalVersion(v) === v && checkPathMajor(v, splitPathVersion(path).pathMajor) === undefined) {
    return { kind: 'unavailable', proxy: rev.proxy, message: `${path}@${v}: invalid version: proxy returned info for version ${rev.value.Version} instead of requested version` };
  }
  return rev;
}

/** proxyRepo.Latest: @latest, else the newest pseudo-version (or timestamped line) in the list. */
async function latestRev(repo: VersionRepo, path: string, lines: string[]): Promise<Lookup<RevInfo>> {
  const latest = await repo.latest(path);
  if (latest.kind !== 'not-found') return latest;
  let bestTime = -Infinity;
  let best = '';
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (!f[0] || !isValid(f[0])) continue;
    let t: number | undefined;
    if (f.length >= 2) t = Date.parse(f[1]);
    else if (isPseudoVersion(f[0])) t = pseudoVersionTime(f[0])?.getTime();
    else continue;
    if (t !== undefined && !Number.isNaN(t) && t > bestTime) {
      bestTime = t;
      best = f[0];
    }
  }
  if (best === '') return latest;
  return repo.info(path, best);
}
