// What `check` prints: the text report for people (grouped by severity,
// coloured and wrapped on a terminal) and the JSON report for tools, whose
// module objects are those of `go list -m -u -retracted -json`.
import type { Analysis, ModuleReport } from '../core/analysis/pipeline';
import type { Finding, Severity } from '../core/rules/finding';
import { plural } from '../core/text/plural';
import { wrapLine } from './wrap';

export const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

const colours = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', bold: '\x1b[1m' };

/** One checked file: how it is named in the report, and what was found. */
export interface FileResult {
  display: string;
  analysis: Analysis;
}

export interface TextOptions {
  /** Where lookups went: the GOPROXY list as described for people, or "off". */
  source: string;
  /** The vulnerability database, when one was used. */
  vulnSource?: string;
  colour: boolean;
  /** Columns to wrap at; undefined: one line per finding. */
  width?: number;
}


function whatWasChecked(a: Analysis, source: string, vulnSource?: string): string {
  return requirementsChecked(a, source) + (vulnSource && a.parsed.kind === 'mod' ? `; known vulnerabilities from ${vulnSource}` : '');
}

function requirementsChecked(a: Analysis, source: string): string {
  if (a.parsed.kind === 'work') {
    const n = a.parsed.directives.use.length;
    return `a workspace of ${plural(n, 'module')}`;
  }
  const n = a.modules.length;
  const reqs = n === 1 ? 'requirement' : 'requirements';
  const through = source === 'off' ? 'with GOPROXY=off' : `through ${source}`;
  // Only what a proxy answered counts as checked: GOPROXY=off, private modules and failing proxies do not.
  // Private modules are left out on purpose and have no finding: they are counted on their own.
  const failed = a.unchecked - a.uncheckedPrivate;
  const privately = a.uncheckedPrivate === 0 ? '' : `; ${plural(a.uncheckedPrivate, 'private module')} not checked (GOPRIVATE/GONOPROXY)`;
  return (a.unchecked === 0 ? `${n} ${reqs} checked ${through}`
    : a.unchecked === n && failed > 0 ? `none of ${n} ${reqs} could be checked ${through} (see lookup-failed)`
    : failed === 0 ? `${n - a.unchecked} of ${n} ${reqs} checked ${through}`
    : `${n - a.unchecked} of ${n} ${reqs} checked ${through}; ${failed} could not be (see lookup-failed)`) + privately;
}

function summary(findings: Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info, ${plural(count('hint'), 'hint')}`;
}

function fileReport({ display, analysis: a }: FileResult, o: TextOptions): string[] {
  const c = (k: keyof typeof colours, s: string) => (o.colour ? colours[k] + s + colours.reset : s);
  const lines = [wrapLine(`${c('bold', display)}: `, whatWasChecked(a, o.source, o.vulnSource), o.width, 2)];
  const sorted = [...a.findings].sort((x, y) => RANK[x.severity] - RANK[y.severity] || x.start.offset - y.start.offset);
  let last: Severity | undefined;
  for (const f of sorted) {
    if (f.severity !== last) {
      lines.push('', c(f.severity, f.severity === 'info' ? 'Information' : f.severity[0].toUpperCase() + f.severity.slice(1) + 's'));
      last = f.severity;
    }
    lines.push(wrapLine(`  ${display}:${f.start.line}:${f.start.col}  ${c(f.severity, f.code)}  `, f.message, o.width));
  }
  lines.push('', summary(a.findings));
  return lines;
}

/** Each file's report in turn; several files (a workspace) end with the total. */
export function textReport(results: FileResult[], o: TextOptions): string {
  const blocks = results.map((r) => fileReport(r, o).join('\n'));
  if (results.length > 1) blocks.push(`Total in ${results.length} files: ${summary(results.flatMap((r) => r.analysis.findings))}`);
  return blocks.join('\n\n') + '\n';
}

function jsonFinding(f: Finding, file: string) {
  return {
    code: f.code, severity: f.severity, message: f.message, file,
    line: f.start.line, column: f.start.col, endLine: f.end.line, endColumn: f.end.col,
    ...(f.module ? { module: f.module } : {}), ...(f.suggestedVersion ? { suggestedVersion: f.suggestedVersion } : {}),
  };
}

/**
 * One object for all the files: findings carry their file; a module version
 * required by several modules of a workspace is listed once, as in
 * `go list -m -u` (the facts about a version do not depend on who requires it).
 */
export function jsonReport(results: FileResult[]): string {
  const modules = new Map<string, ModuleReport>();
  for (const r of results) {
    for (const m of r.analysis.modules) {
      const key = `${m.Path}@${m.Version}`;
      const seen = modules.get(key);
      if (!seen) modules.set(key, m);
      else if (seen.Indirect && !m.Indirect) modules.set(key, { ...seen, Indirect: m.Indirect });
    }
  }
  const findings = results.flatMap((r) => r.analysis.findings.map((f) => jsonFinding(f, r.display)));
  return JSON.stringify({ modules: [...modules.values()], findings }, null, 2) + '\n';
}
