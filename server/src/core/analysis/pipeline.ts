// The one analysis pipeline, in layers: syntax -> rules on the text -> module
// facts from the proxy -> rules on the facts (and on the go command's tidy
// answer). The command line runs it whole (analyze); the language server
// gives knownFindings at once and gathers facts in the background with the
// same lookup driver.
import type { TidyDiff } from '../gocmd/tidyDiff';
import { tidyFindings } from '../rules/tidyRules';
import type { AnalysisInput } from './input';
import { lookUpAll, MemoryFacts } from './lookupDriver';
import type { SyntaxProblem } from '../gomod/ast';
import { type ParsedFile, parseFile } from '../gomod/parse';
import type { FileKind } from '../gomod/directives';
import { factRules } from '../rules/factRules';
import { type FactsRecord, gatherTarget, lookupTargets, type LookupTarget, type RequirementFacts, toolchainTarget } from '../facts/requirementFacts';
import type { VulnDeps } from '../facts/vulnFacts';
import { vulnRules } from '../rules/vulnRules';
import { type Finding, finding } from '../rules/finding';
import { goSumRules } from '../rules/goSumRules';
import { textRules } from '../rules/textRules';
import { toolchainRules } from '../rules/toolchainRules';
import { overriddenReplaceRules, useTargetRules, type WorkspaceContext } from '../rules/workRules';
import type { VersionRepo } from '../proxy/lookup';

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
  /** Asks the go command whether go.mod is tidy, while the facts are gathered. */
  tidy?(): Promise<TidyDiff>;
  /** Check known vulnerabilities in this database; undefined: not checked. */
  vulns?: VulnDeps;
  /** The local go command's version ("go1.23.5"), for the toolchain's vulnerabilities. */
  goVersion?: string;
}

/** One vulnerability as `check --json` lists it. */
export interface VulnerabilityReport {
  ID: string;
  Aliases: string[];
  Summary: string;
  Fixed?: string;
  URL: string;
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
  /** Present when the module version was checked against a vulnerability database. */
  Vulnerabilities?: VulnerabilityReport[];
}

export interface Analysis {
  parsed: ParsedFile;
  modules: ModuleReport[];
  findings: Finding[];
  /** Requirements no proxy could be asked about (off, private, or the proxy failed). */
  unchecked: number;
  /** Of those, the private ones (GOPRIVATE/GONOPROXY): never sent to a proxy, and no finding says so. */
  uncheckedPrivate: number;
}

export function syntaxFindings(p: ParsedFile): Finding[] {
  const toFinding = (e: SyntaxProblem) => {
    const at = e.highlight ?? { start: e.pos, end: e.end };
    return finding('syntax', at.start, at.end, e.message);
  };
  return [...p.syntaxErrors, ...p.errors].map(toFinding);
}

/** Findings that need no network, for instant feedback. */
export function localFindings(p: ParsedFile, input: AnalysisInput, exists: (p: string) => boolean): Finding[] {
  if (p.tooLarge) return [finding('file-too-large', p.tooLarge.pos, p.tooLarge.end, p.tooLarge.message)];
  return [
    ...syntaxFindings(p),
    ...textRules(p, { dir: input.dir, exists }),
    ...(input.checkGoSum ? goSumRules(p, input.goSum) : []),
    ...useTargetRules(p, input.dir, exists),
    ...toolchainRules(p),
    ...(input.workspace ? overriddenReplaceRules(p, input.workspace) : []),
  ];
}

/**
 * Every finding that can be given from what is already known, without waiting:
 * the local rules, plus the fact rules for requirements whose facts are known.
 */
export function knownFindings(p: ParsedFile, input: AnalysisInput, exists: (p: string) => boolean, known: (key: string) => FactsRecord | undefined, tidy?: TidyDiff): { findings: Finding[]; items: RequirementFacts[] } {
  const findings = localFindings(p, input, exists);
  if (tidy && !p.tooLarge) for (const f of tidyFindings(p, tidy)) findings.push(f);
  const items: RequirementFacts[] = [];
  for (const t of lookupTargets(p)) {
    const record = known(t.key);
    if (record) items.push({ req: t.req, ...record });
  }
  for (const f of factRules(items)) findings.push(f);
  const toolchain = toolchainTarget(p);
  for (const f of vulnRules(items, toolchain && { line: toolchain.req.line, vulns: known(toolchain.key)?.vulns })) findings.push(f);
  // By path, not items.find per exclude: thousands of excludes times thousands of requirements add up.
  const itemByPath = new Map<string, RequirementFacts>();
  for (const it of items) if (!itemByPath.has(it.req.mod.path)) itemByPath.set(it.req.mod.path, it);
  for (const x of p.directives.exclude) {
    const it = itemByPath.get(x.mod.path);
    if (it?.tagged && !it.tagged.includes(x.mod.version) && !it.facts.failure) {
      findings.push(finding('exclude-unknown-version', x.line.start, x.line.end,
        `${x.mod.path} ${x.mod.version} is not a published version, so this exclude has no effect: check the version, or remove the exclude.`, { module: x.mod.path }));
    }
  }
  findings.sort((a, b) => a.start.offset - b.start.offset);
  return { findings, items };
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
  if (it.vulns?.kind === 'checked') {
    m.Vulnerabilities = it.vulns.vulns.map((v) => ({ ID: v.id, Aliases: v.aliases, Summary: v.summary, ...(v.fixed ? { Fixed: v.fixed } : {}), URL: v.url }));
  }
  const f = facts.failure;
  if (f && f.kind !== 'no-match') m.Error = { Err: f.message };
  else if (it.versionMissing) m.Error = { Err: it.versionMissing };
  return m;
}

export async function analyze(input: AnalysisInput, deps: AnalyzeDeps): Promise<Analysis> {
  const parsed = parseFile(input.text, { filename: input.filename, kind: input.kind });
  const facts = new MemoryFacts();
  let thrown: { error: unknown } | undefined;
  const tidy = parsed.kind === 'mod' ? deps.tidy?.() : undefined;
  const toolchain = deps.vulns ? toolchainTarget(parsed) : undefined;
  const targets: LookupTarget[] = toolchain ? [...lookupTargets(parsed), toolchain] : lookupTargets(parsed);
  await lookUpAll(targets, (t) => gatherTarget(t, deps, deps.goVersion), facts, {
    concurrency: deps.parallel ?? 64,
    progress: deps.progress,
    failed: (_t, error) => void (thrown ??= { error }),
  });
  if (thrown) throw thrown.error;
  const { findings, items } = knownFindings(parsed, input, deps.exists, (k) => facts.get(k), await tidy);
  const unchecked = items.filter((it) => ['unavailable', 'direct', 'off'].includes(it.facts.failure?.kind ?? '')).length;
  const uncheckedPrivate = items.filter((it) => it.facts.failure?.kind === 'direct' && it.facts.failure.reason === 'private').length;
  return { parsed, modules: items.map(report), findings, unchecked, uncheckedPrivate };
}
