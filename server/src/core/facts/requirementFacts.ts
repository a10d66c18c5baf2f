// Everything known about one requirement: the module facts (latest, update,
// retractions, deprecation), whether its version exists, the newest higher
// major and, for +incompatible versions, the /vN module of the same major.
// Gathered once per requirement under one lookup deadline.
import type { ParsedFile } from '../gomod/parse';
import type { Require } from '../gomod/directives';
import { higherMajorPaths, pathForMajor } from '../module/majors';
import type { Lookup, VersionRepo } from '../proxy/lookup';
import { major, prerelease } from '../semver/goSemver';
import { type ModuleFacts, moduleFacts } from './moduleFacts';
import { replacementFor } from '../gomod/replacement';
import { STDLIB_MODULE } from '../vuln/osv';
import { gatherToolchainVulns, gatherVulns, type VulnDeps, type VulnRecord, type VulnTarget, vulnTargetOf, withUpgrade } from './vulnFacts';

export interface RequirementFacts {
  req: Require;
  facts: ModuleFacts;
  /** Tagged versions from the proxy's list, when it answered. */
  tagged?: string[];
  /** The required version's .info was not found while the module exists. */
  versionMissing?: string;
  /** The newest higher major module found, if any. */
  major?: { path: string; version: string };
  /** Whether higher majors were looked for (gathered without them, completeFacts adds them later). */
  majorsChecked?: boolean;
  /** False: gathered without confirming the versions the list names (no publish times); completeFacts confirms them. */
  confirmed?: boolean;
  /** For +incompatible requirements: the /vN module of the same major, if it exists. */
  incompatibleModule?: string;
  /** Known vulnerabilities, when a vulnerability database is in use. */
  vulns?: VulnRecord;
}

export interface GatherDeps {
  repo: VersionRepo;
  /** Probe /vN paths for newer major versions (one request per requirement). */
  majors: boolean;
  /** Fetch the publish time of the version in use (one request more per requirement). */
  times?: boolean;
  /** False: take the listed versions without their .info (moduleFacts' FactsOptions.confirm); completeFacts confirms them. */
  confirm?: boolean;
  /** Check known vulnerabilities in this database (index and entry requests only: no module path is sent). */
  vulns?: VulnDeps;
}

/** What the proxy told us about one requirement (path, version and the exclusions that apply). */
export type FactsRecord = Omit<RequirementFacts, 'req'>;

/**
 * Facts depend on the version in use, on which of the module's versions are
 * excluded and, for vulnerabilities, on what a replace directive puts in its place.
 */
export function factsKey(path: string, version: string, excludedVersions: string[], vulnTarget?: VulnTarget): string {
  const replaced = !vulnTarget ? '' : 'localDir' in vulnTarget ? `|=>${vulnTarget.localDir}` : vulnTarget.replaced ? `|=>${vulnTarget.path}@${vulnTarget.version}` : '';
  return `${path}@${version}|${[...excludedVersions].sort().join(',')}${replaced}`;
}

export async function gatherFacts(deps: GatherDeps, path: string, version: string, excludedVersions: string[], vulnTarget?: VulnTarget): Promise<FactsRecord> {
  // One deadline for all of this requirement's proxy lookups (ProxyClient.withDeadline);
  // the database has its own, and its answer does not wait on the proxy's.
  const scoped = deps.repo.withDeadline?.(path);
  const vulns = deps.vulns ? gatherVulns(deps.vulns, vulnTarget ?? { path, version }) : undefined;
  try {
    const record = await gatherWithin({ ...deps, repo: scoped ?? deps.repo }, path, version, excludedVersions);
    if (vulns && deps.vulns) {
      const excluded = new Set(excludedVersions);
      record.vulns = withUpgrade(await vulns, record.tagged, record.facts.retractions, (v) => excluded.has(v), deps.vulns.match);
    }
    return record;
  } finally {
    scoped?.end();
  }
}

/** A target's facts: a requirement's from the proxy and the database, the toolchain's from the database alone. */
export async function gatherTarget(t: LookupTarget, deps: GatherDeps, localGo?: string): Promise<FactsRecord> {
  if (t.toolchain) {
    const facts: ModuleFacts = { path: STDLIB_MODULE, version: t.req.mod.version, retractions: [] };
    return deps.vulns ? { facts, vulns: await gatherToolchainVulns(deps.vulns, t.toolchain, localGo) } : { facts };
  }
  return gatherFacts(deps, t.req.mod.path, t.req.mod.version, t.excluded, t.vulnTarget);
}

async function gatherWithin(deps: GatherDeps, path: string, version: string, excludedVersions: string[]): Promise<FactsRecord> {
  const excluded = new Set(excludedVersions);
  // The next major's list and, for +incompatible, the /vN module's list do not
  // depend on the module's own answers: asked for with them, they cost no round
  // trip of their own (the proxy client shares the request when it is asked again).
  const candidates = deps.majors ? higherMajorPaths(path, version) : [];
  const incompatibleOwn = version.endsWith('+incompatible') ? pathForMajor(path, Number(major(version).slice(1))) : undefined;
  for (const p of [candidates[0]?.path, incompatibleOwn]) if (p && p !== path) deps.repo.versions(p).catch(() => undefined);
  const confirm = deps.confirm ?? true;
  const item: FactsRecord = await versionFacts(deps.repo, path, version, excluded, { times: deps.times ?? false, confirm });
  item.confirmed = confirm;
  if (deps.majors && !item.facts.failure) item.major = await newestMajor(deps.repo, candidates);
  item.majorsChecked = deps.majors;
  if (incompatibleOwn && incompatibleOwn !== path && (await highestRelease(deps.repo, incompatibleOwn, Number(major(version).slice(1))))) {
    item.incompatibleModule = incompatibleOwn;
  }
  return item;
}

/** The module facts, the tagged versions and whether the version in use exists. */
async function versionFacts(repo: VersionRepo, path: string, version: string, excluded: Set<string>, opts: { times: boolean; confirm: boolean }): Promise<FactsRecord> {
  const facts = await moduleFacts(repo, path, version, (v) => excluded.has(v), opts);
  const item: FactsRecord = { facts, versionMissing: facts.missing };
  const listed = await repo.versions(path);
  if (listed.kind === 'found') {
    item.tagged = listed.value.versions;
    if (opts.confirm && !item.versionMissing && !listed.value.lines.some((l) => l.split(' ')[0] === version)) {
      // Unlisted (a pseudo-version, or a version that does not exist): ask for it.
      const info = await repo.info(path, version);
      if (info.kind === 'not-found') item.versionMissing = info.message;
    }
  }
  return item;
}

export interface LookupTarget {
  req: Require;
  key: string;
  excluded: string[];
  /** The module version a build uses in its place, for the vulnerability check. */
  vulnTarget: VulnTarget;
  /** Set on the one target that stands for the toolchain (toolchainTarget): only its vulnerabilities are gathered. */
  toolchain?: { toolchain?: string; go?: string };
}

/**
 * The toolchain that builds the module, as a target of its own: the standard
 * library's and the go command's vulnerabilities belong on the go or toolchain
 * line. The local go command's version is only known when gathering, so the
 * key is the lines' text.
 */
export function toolchainTarget(p: ParsedFile): LookupTarget | undefined {
  // A go.work's toolchain lines govern its modules' builds, whose go.mod files carry the finding.
  if (p.kind !== 'mod') return undefined;
  const d = p.directives;
  const line = d.toolchain?.line ?? d.go?.line;
  if (!line) return undefined;
  const lines = { toolchain: d.toolchain?.name, go: d.go?.version };
  const key = `${STDLIB_MODULE}@toolchain=${lines.toolchain ?? ''};go=${lines.go ?? ''}`;
  const req: Require = { mod: { path: STDLIB_MODULE, version: lines.toolchain ?? `go${lines.go ?? ''}` }, indirect: false, line };
  return { req, key, excluded: [], vulnTarget: { path: STDLIB_MODULE, version: '' }, toolchain: lines };
}

// A parse is never changed once made, and publishing, inlay hints, hover and
// completion all ask for its targets: compute them once per parse.
const targetsByParse = new WeakMap<ParsedFile, LookupTarget[]>();

/** The requirements to look up: one per module path (a path required twice is reported on its first line). */
export function lookupTargets(p: ParsedFile): LookupTarget[] {
  const known = targetsByParse.get(p);
  if (known) return known;
  const excludedBy = new Map<string, string[]>();
  for (const x of p.directives.exclude) {
    const list = excludedBy.get(x.mod.path);
    if (list) list.push(x.mod.version);
    else excludedBy.set(x.mod.path, [x.mod.version]);
  }
  const seen = new Set<string>();
  const targets = p.directives.require
    .filter((r) => !seen.has(r.mod.path) && seen.add(r.mod.path))
    .map((req) => {
      const excluded = excludedBy.get(req.mod.path) ?? [];
      const vulnTarget = vulnTargetOf(req, replacementFor(p.directives, req.mod.path, req.mod.version));
      return { req, excluded, vulnTarget, key: factsKey(req.mod.path, req.mod.version, excluded, vulnTarget) };
    });
  targetsByParse.set(p, targets);
  return targets;
}


async function newestMajor(repo: VersionRepo, candidates: { n: number; path: string }[]): Promise<FactsRecord['major']> {
  let newest: FactsRecord['major'];
  for (const candidate of candidates) {
    const found = await highestRelease(repo, candidate.path, candidate.n);
    if (!found) break;
    newest = { path: candidate.path, version: found };
  }
  return newest;
}

// One completion per record at a time: two documents sharing a requirement wait for the same requests.
const completing = new WeakMap<FactsRecord, Promise<void>>();

/**
 * Completes, in place, a record gathered for a first look: confirms the
 * versions its list named (their .info, with publish times; the lists and
 * go.mod files are the proxy client's answers already) and, with `majors`,
 * adds the newest higher major. The editor shows the updates first and these
 * a moment later: the .info requests are a third of a check's, and the major
 * probes are mostly for modules that do not exist, which proxies answer more
 * slowly than lists.
 */
export function completeFacts(repo: VersionRepo, t: LookupTarget, record: FactsRecord, opts: { majors: boolean }): Promise<void> {
  const wantsMajors = opts.majors && !record.majorsChecked;
  if (t.toolchain || (record.confirmed !== false && !wantsMajors)) return Promise.resolve();
  let p = completing.get(record);
  if (!p) {
    const scoped = repo.withDeadline?.(t.req.mod.path);
    const r = scoped ?? repo;
    p = (async () => {
      try {
        // The probes do not depend on the confirmation: both go out at once.
        const [confirmed, major] = await Promise.all([
          record.confirmed === false ? versionFacts(r, t.req.mod.path, t.req.mod.version, new Set(t.excluded), { times: false, confirm: true }) : undefined,
          wantsMajors ? newestMajor(r, higherMajorPaths(t.req.mod.path, t.req.mod.version)) : undefined,
        ]);
        if (confirmed) Object.assign(record, { facts: confirmed.facts, tagged: confirmed.tagged, versionMissing: confirmed.versionMissing, confirmed: true });
        if (wantsMajors) {
          if (!record.facts.failure) record.major = major;
          record.majorsChecked = true;
        }
      } finally {
        scoped?.end();
        completing.delete(record);
      }
    })();
    completing.set(record, p);
  }
  return p;
}

async function highestRelease(repo: VersionRepo, path: string, n: number): Promise<string | undefined> {
  const listed: Lookup<{ versions: string[]; lines: string[] }> = await repo.versions(path);
  if (listed.kind !== 'found') return undefined;
  const ofMajor = listed.value.versions.filter((v) => major(v) === `v${n}` && !v.endsWith('+incompatible'));
  // Like "latest": the highest release, else the highest pre-release.
  const releases = ofMajor.filter((v) => prerelease(v) === '');
  return (releases.length > 0 ? releases : ofMajor).at(-1);
}
