// What `go list -m -u -retracted` says about one requirement, plus what it
// does not say (publish times, the latest version itself). Retractions and
// deprecation come from the go.mod of the latest version, chosen ignoring
// retractions and exclusions (modload.queryLatestVersionIgnoringRetractions),
// so a version can retract itself and a later release can un-deprecate.
import { parseFile } from '../gomod/parse';
import { compare, isValid } from '../semver/goSemver';
import { isPseudoVersion } from '../semver/pseudo';
import type { RevInfo } from '../proxy/lookup';
import type { VersionRepo } from '../proxy/lookup';
import { type Failure, queryModule } from './query';

export interface Retraction {
  low: string;
  high: string;
  rationale: string;
}

export interface ModuleFacts {
  path: string;
  version: string;
  /** The latest version, ignoring retractions and exclusions. */
  latest?: RevInfo;
  /** The version `go list -m -u` offers as an update. */
  update?: RevInfo;
  /** Rationales when the version in use is retracted (Go's wording when none is given). */
  retracted?: string[];
  deprecated?: string;
  /** Publish time of the version in use. */
  time?: string;
  /** Retractions declared by the latest version's go.mod. */
  retractions: Retraction[];
  /** The version in use does not exist (its .info was not found); known when times are fetched. */
  missing?: string;
  /** Why facts are missing: the lookup that failed. */
  failure?: Failure | { kind: 'no-match'; message: string };
}

export const RETRACTED_BY_AUTHOR = 'retracted by module author';

interface GoModSummary {
  retractions: Retraction[];
  deprecated?: string;
}

// A published version's go.mod never changes (go.sum pins it), so its summary
// can be kept for the life of the process; the bound only limits memory.
const summaries = new Map<string, GoModSummary>();
const MAX_SUMMARIES = 20_000;

function summarize(path: string, version: string, goMod: string): GoModSummary {
  const key = `${path}@${version}`;
  let s = summaries.get(key);
  if (!s && !goMod.includes('retract') && !goMod.includes('Deprecated:')) {
    // Neither directive nor comment can be there without its word: most go.mod
    // files, some with hundreds of lines, need no parse at all.
    s = { retractions: [] };
  }
  if (!s) {
    const parsed = parseFile(goMod, { filename: 'go.mod', kind: 'mod', lax: true });
    s = {
      retractions: parsed.directives.retract.map((r) => ({ low: r.low, high: r.high, rationale: r.rationale })),
      deprecated: parsed.directives.module?.deprecated || undefined,
    };
    if (summaries.size >= MAX_SUMMARIES) summaries.clear();
    summaries.set(key, s);
  }
  return s;
}

export function retractionRationale(retractions: Retraction[], version: string): string[] | undefined {
  const hits = retractions.filter((r) => compare(r.low, version) <= 0 && compare(version, r.high) <= 0);
  if (hits.length === 0) return undefined;
  const rationale = hits.map((r) => r.rationale).filter((r) => r !== '');
  return rationale.length > 0 ? rationale : [RETRACTED_BY_AUTHOR];
}

export interface FactsOptions {
  /** Fetch the publish time (.info) of the version in use: one request more (the update's .info is always read, to confirm it). */
  times: boolean;
  /**
   * False: the tagged versions the list names are taken as they are, without
   * the .info that confirms each and gives its publish time (a third fewer
   * requests, for a first look that a confirmed gathering then replaces). A
   * pseudo-version in use is still confirmed: choosing against it needs times.
   */
  confirm?: boolean;
}

/**
 * The latest candidate's go.mod is asked for together with the .info that
 * confirms it: it is needed whenever the .info confirms the candidate, and
 * asking for both at once saves a round trip per requirement. The proxy client
 * shares identical requests in flight, so the later goMod call joins this one.
 */
function withGoModPrefetch(repo: VersionRepo): VersionRepo {
  return {
    versions: (path) => repo.versions(path),
    latest: (path) => repo.latest(path),
    goMod: (path, version) => repo.goMod(path, version),
    info: (path, version) => {
      repo.goMod(path, version).catch(() => undefined);
      return repo.info(path, version);
    },
  };
}

/** The repo seen by an unconfirmed gathering: a tagged version's .info is its name alone, with no request and no publish time. */
function trustingTheList(repo: VersionRepo): VersionRepo {
  return {
    versions: (path) => repo.versions(path),
    latest: (path) => repo.latest(path),
    goMod: (path, version) => repo.goMod(path, version),
    // The list is the proxy client's shared answer (no second request); the proxy named is the one that listed it.
    info: async (path, version) => {
      if (!isValid(version) || isPseudoVersion(version)) return repo.info(path, version);
      const listed = await repo.versions(path);
      return listed.kind === 'found' ? { kind: 'found', value: { Version: version }, proxy: listed.proxy } : repo.info(path, version);
    },
  };
}

export async function moduleFacts(repo: VersionRepo, path: string, version: string, isExcluded: (v: string) => boolean, opts: FactsOptions = { times: true }): Promise<ModuleFacts> {
  const facts: ModuleFacts = { path, version, retractions: [] };
  if (opts.confirm === false && !isPseudoVersion(version)) repo = trustingTheList(repo);
  const latest = await queryModule(withGoModPrefetch(repo), path, 'latest', '', async () => true);
  if (latest.kind === 'found') {
    facts.latest = latest.info;
    const mod = await repo.goMod(path, latest.info.Version);
    if (mod.kind === 'found') {
      const summary = summarize(path, latest.info.Version, mod.value);
      facts.retractions = summary.retractions;
      facts.deprecated = summary.deprecated;
    } else if (mod.kind !== 'not-found') {
      // A missing go.mod means no retraction or deprecation information, which the
      // go command does not treat as an error (modload addRetraction); a failing proxy is.
      facts.failure = mod;
    }
  } else if (latest.kind !== 'disallowed') {
    facts.failure = latest;
  }

  facts.retracted = retractionRationale(facts.retractions, version);
  const allowed = async (v: string) => !isExcluded(v) && retractionRationale(facts.retractions, v) === undefined;
  const upgrade = await queryModule(repo, path, 'upgrade', version, allowed);
  if (upgrade.kind === 'found') {
    if (compare(upgrade.info.Version, version) > 0) facts.update = upgrade.info;
  } else if (upgrade.kind !== 'disallowed' && !facts.failure) {
    facts.failure = upgrade;
  }

  if (opts.times) {
    const info = await repo.info(path, version);
    if (info.kind === 'found') facts.time = info.value.Time;
    else if (info.kind === 'not-found') facts.missing = info.message;
  }
  return facts;
}
