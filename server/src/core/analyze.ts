// The analysis, in layers: syntax -> rules on the text -> module facts from
// the proxy -> rules on the facts. One engine for the CLI and the server.
import type { SyntaxProblem } from './gomod/ast';
import { type ParsedFile, parseFile } from './gomod/parse';
import type { FileKind, Require } from './gomod/directives';
import type { Lookup } from './proxy/lookup';
import { factRules, type RequirementFacts } from './rules/factRules';
import { type Finding, finding } from './rules/finding';
import { goSumRules } from './rules/goSumRules';
import { textRules } from './rules/textRules';
import { moduleFacts } from './version/facts';
import { major, prerelease } from './version/goSemver';
import { higherMajorPaths, pathForMajor } from './version/majors';
import { taggedVersions, type VersionRepo } from './version/query';

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
}

export interface AnalyzeDeps {
  repo: VersionRepo;
  exists(p: string): boolean;
  /** Probe /vN paths for newer major versions (one request per requirement). */
  majors: boolean;
  /** Fetch publish times (two requests per outdated requirement); editors ask on hover instead. */
  times?: boolean;
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
  return [
    ...syntaxFindings(p),
    ...textRules(p, { dir: input.dir, exists }),
    ...(input.checkGoSum ? goSumRules(p, input.goSum) : []),
  ];
}

async function requirementFacts(deps: AnalyzeDeps, req: Require, isExcluded: (v: string) => boolean): Promise<RequirementFacts> {
  const { path, version } = req.mod;
  const facts = await moduleFacts(deps.repo, path, version, isExcluded, { times: deps.times ?? false });
  const item: RequirementFacts = { req, facts, versionMissing: facts.missing };
  const listed = await deps.repo.versions(path);
  if (listed.kind === 'found') {
    item.tagged = taggedVersions(listed.value.lines);
    if (!item.versionMissing && !listed.value.lines.some((l) => l.trim().split(/\s+/)[0] === version)) {
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

async function highestRelease(repo: VersionRepo, path: string, n: number): Promise<string | undefined> {
  const listed: Lookup<{ versions: string[]; lines: string[] }> = await repo.versions(path);
  if (listed.kind !== 'found') return undefined;
  const ofMajor = taggedVersions(listed.value.lines).filter((v) => major(v) === `v${n}` && !v.endsWith('+incompatible'));
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
  const findings = localFindings(parsed, input, deps.exists);
  const excluded = new Set(parsed.directives.exclude.map((x) => `${x.mod.path}@${x.mod.version}`));
  // One lookup per module path: a path required twice is reported on its first line.
  const seen = new Set<string>();
  const reqs = parsed.directives.require.filter((r) => !seen.has(r.mod.path) && seen.add(r.mod.path));
  let done = 0;
  deps.progress?.(0, reqs.length);
  const items = await Promise.all(reqs.map(async (r) => {
    const it = await requirementFacts(deps, r, (v) => excluded.has(`${r.mod.path}@${v}`));
    deps.progress?.(++done, reqs.length);
    return it;
  }));
  findings.push(...factRules(items));
  for (const x of parsed.directives.exclude) {
    const it = items.find((i) => i.req.mod.path === x.mod.path);
    if (it?.tagged && !it.tagged.includes(x.mod.version) && !it.facts.failure) {
      findings.push(finding('exclude-unknown-version', x.line.start, x.line.end,
        `${x.mod.path} ${x.mod.version} is not a published version, so this exclude has no effect. Check the version, or remove the exclude.`, { module: x.mod.path }));
    }
  }
  findings.sort((a, b) => a.start.offset - b.start.offset);
  return { parsed, modules: items.map(report), findings };
}
