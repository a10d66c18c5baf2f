// The analysis, in layers: syntax -> rules on the text -> module facts from
// the proxy -> rules on the facts. One engine for the CLI and the server.
import { forEachLimited } from './pool';
import type { SyntaxProblem } from './gomod/ast';
import { type ParsedFile, parseFile } from './gomod/parse';
import type { FileKind, Require } from './gomod/directives';
import type { Lookup } from './proxy/lookup';
import { factRules, type RequirementFacts } from './rules/factRules';
import { type Finding, finding } from './rules/finding';
import { goSumRules } from './rules/goSumRules';
import { textRules } from './rules/textRules';
import { overriddenReplaceRules, useTargetRules, type WorkspaceContext } from './rules/workRules';
import { moduleFacts } from './version/facts';
import { major, prerelease } from './version/goSemver';
import { higherMajorPaths, pathForMajor } from './version/majors';
import type { VersionRepo } from './version/query';

export interface AnalyzeInput {
  text: string;
  filename: string;
  kind: FileKind;
  /** The go.mod's directory, when it is a file on disk. */
  dir?: string;
  /** go.sum contents; undefined when there is none (or it was not read). */
  goSum?: string;
  /** Whether go.sum was looked for at all. */
  checkGoSum: boolean;
  /** The go.work this module belongs to, if any. */
  workspace?: WorkspaceContext;
}

export interface AnalyzeDeps {
  repo: VersionRepo;
  exists(p: string): boolean;
  /** Probe /vN paths for newer major versions (one request per requirement). */
  majors: boolean;
  /** Fetch publish times (two requests per outdated requirement); editors ask on hover instead. */
  times?: boolean;
  /** How many requirements are looked up at once (their requests share the transport's limit). */
  parallel?: number;
  /** Reports progress: requirements done of total. */
  progress?(done: number, total: number): void;
}

/** A requirement as `go list -m -u -retracted -json` describes it, plus our own fields. */
export interface ModuleReport {
  Path: string;
  Version: string;
  Indirect?: boolean;
  Time?: string;
  Update?: { Path: string; Version: string; Time?: string };
  Retracted?: string[];
  Deprecated?: string;
  Error?: { Err: string };
  Latest?: { Version: string; Time?: string };
  Major?: { Path: string; Version: string };
}

export interface Analysis {
  parsed: ParsedFile;
  modules: ModuleReport[];
  findings: Finding[];
}

export function syntaxFindings(p: ParsedFile): Finding[] {
  const toFinding = (e: SyntaxProblem) => {
    const at = e.highlight ?? { start: e.pos, end: e.end };
    return finding('syntax', at.start, at.end, e.message);
  };
  return [...p.syntaxErrors, ...p.errors].map(toFinding);
}

/** Findings that need no network, for instant feedback. */
export function localFindings(p: ParsedFile, input: AnalyzeInput, exists: (p: string) => boolean): Finding[] {
  if (p.tooLarge) return [finding('file-too-large', p.tooLarge.pos, p.tooLarge.end, p.tooLarge.message)];
  return [
    ...syntaxFindings(p),
    ...textRules(p, { dir: input.dir, exists }),
    ...(input.checkGoSum ? goSumRules(p, input.goSum) : []),
    ...useTargetRules(p, input.dir, exists),
    ...(input.workspace ? overriddenReplaceRules(p, input.workspace) : []),
  ];
}

/** What the proxy told us about one requirement (path, version and the exclusions that apply). */
export type FactsRecord = Omit<RequirementFacts, 'req'>;

/** Facts depend on the version in use and on which of the module's versions are excluded. */
export function factsKey(path: string, version: string, excludedVersions: string[]): string {
  return `${path}@${version}|${[...excludedVersions].sort().join(',')}`;
}

export async function gatherFacts(deps: AnalyzeDeps, path: string, version: string, excludedVersions: string[]): Promise<FactsRecord> {
  // One deadline for all of this requirement's lookups (ProxyClient.withDeadline).
  const scoped = deps.repo.withDeadline?.(path);
  try {
    return await gatherWithin({ ...deps, repo: scoped ?? deps.repo }, path, version, excludedVersions);
  } finally {
    scoped?.end();
  }
}

async function gatherWithin(deps: AnalyzeDeps, path: string, version: string, excludedVersions: string[]): Promise<FactsRecord> {
  const excluded = new Set(excludedVersions);
  const facts = await moduleFacts(deps.repo, path, version, (v) => excluded.has(v), { times: deps.times ?? false });
  const item: FactsRecord = { facts, versionMissing: facts.missing };
  const listed = await deps.repo.versions(path);
  if (listed.kind === 'found') {
    item.tagged = listed.value.versions;
    if (!item.versionMissing && !listed.value.lines.some((l) => l.split(' ')[0] === version)) {
      // Unlisted (a pseudo-version, or a version that does not exist): ask for it.
      const info = await deps.repo.info(path, version);
      if (info.kind === 'not-found') item.versionMissing = info.message;
    }
  }
  if (deps.majors && !facts.failure) {
    for (const candidate of higherMajorPaths(path, version)) {
      const found = await highestRelease(deps.repo, candidate.path, candidate.n);
      if (!found) break;
      item.major = { path: candidate.path, version: found };
    }
  }
  if (version.endsWith('+incompatible')) {
    const own = pathForMajor(path, Number(major(version).slice(1)));
    if (own && own !== path && (await highestRelease(deps.repo, own, Number(major(version).slice(1))))) item.incompatibleModule = own;
  }
  return item;
}

export interface LookupTarget {
  req: Require;
  key: string;
  excluded: string[];
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
      return { req, excluded, key: factsKey(req.mod.path, req.mod.version, excluded) };
    });
  targetsByParse.set(p, targets);
  return targets;
}


/**
 * Every finding that can be given from what is already known, without waiting:
 * the local rules, plus the fact rules for requirements whose facts are known.
 */
export function knownFindings(p: ParsedFile, input: AnalyzeInput, exists: (p: string) => boolean, known: (key: string) => FactsRecord | undefined): { findings: Finding[]; items: RequirementFacts[] } {
  const findings = localFindings(p, input, exists);
  const items: RequirementFacts[] = [];
  for (const t of lookupTargets(p)) {
    const record = known(t.key);
    if (record) items.push({ req: t.req, ...record });
  }
  for (const f of factRules(items)) findings.push(f);
  // By path, not items.find per exclude: thousands of excludes times thousands of requirements add up.
  const itemByPath = new Map<string, RequirementFacts>();
  for (const it of items) if (!itemByPath.has(it.req.mod.path)) itemByPath.set(it.req.mod.path, it);
  for (const x of p.directives.exclude) {
    const it = itemByPath.get(x.mod.path);
    if (it?.tagged && !it.tagged.includes(x.mod.version) && !it.facts.failure) {
      findings.push(finding('exclude-unknown-version', x.line.start, x.line.end,
        `${x.mod.path} ${x.mod.version} is not a published version, so this exclude has no effect. Check the version, or remove the exclude.`, { module: x.mod.path }));
    }
  }
  findings.sort((a, b) => a.start.offset - b.start.offset);
  return { findings, items };
}

async function highestRelease(repo: VersionRepo, path: string, n: number): Promise<string | undefined> {
  const listed: Lookup<{ versions: string[]; lines: string[] }> = await repo.versions(path);
  if (listed.kind !== 'found') return undefined;
  const ofMajor = listed.value.versions.filter((v) => major(v) === `v${n}` && !v.endsWith('+incompatible'));
  // Like "latest": the highest release, else the highest pre-release.
  const releases = ofMajor.filter((v) => prerelease(v) === '');
  return (releases.length > 0 ? releases : ofMajor).at(-1);
}

function report(it: RequirementFacts): ModuleReport {
  const { req, facts } = it;
  const m: ModuleReport = { Path: req.mod.path, Version: req.mod.version };
  if (req.indirect) m.Indirect = true;
  if (facts.time) m.Time = facts.time;
  if (facts.update) m.Update = { Path: req.mod.path, Version: facts.update.Version, Time: facts.update.Time };
  if (facts.retracted) m.Retracted = facts.retracted;
  if (facts.deprecated) m.Deprecated = facts.deprecated;
  if (facts.latest) m.Latest = { Version: facts.latest.Version, Time: facts.latest.Time };
  if (it.major) m.Major = { Path: it.major.path, Version: it.major.version };
  const f = facts.failure;
  if (f && f.kind !== 'no-match') m.Error = { Err: f.message };
  else if (it.versionMissing) m.Error = { Err: it.versionMissing };
  return m;
}

export async function analyze(input: AnalyzeInput, deps: AnalyzeDeps): Promise<Analysis> {
  const parsed = parseFile(input.text, { filename: input.filename, kind: input.kind });
  const targets = lookupTargets(parsed);
  const records = new Map<string, FactsRecord>();
  let done = 0;
  deps.progress?.(0, targets.length);
  await forEachLimited(targets, deps.parallel ?? 64, async (t) => {
    records.set(t.key, await gatherFacts(deps, t.req.mod.path, t.req.mod.version, t.excluded));
    deps.progress?.(++done, targets.length);
  });
  const { findings, items } = knownFindings(parsed, input, deps.exists, (k) => records.get(k));
  return { parsed, modules: items.map(report), findings };
}
