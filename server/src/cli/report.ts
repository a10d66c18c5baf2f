// What `check` prints: the text report for people (grouped by severity,
// coloured on a terminal) and the JSON report for tools, whose module objects
// are those of `go list -m -u -retracted -json`.
import type { Analysis } from '../core/analysis/pipeline';
import type { Finding, Severity } from '../core/rules/finding';

export const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

const colours = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', bold: '\x1b[1m' };

export function textReport(a: Analysis, display: string, source: string, colour: boolean): string {
  const c = (k: keyof typeof colours, s: string) => (colour ? colours[k] + s + colours.reset : s);
  const n = a.modules.length;
  const reqs = `requirement${n === 1 ? '' : 's'}`;
  const through = source === 'off' ? 'with GOPROXY=off' : `through ${source}`;
  // Only what a proxy answered counts as checked: GOPROXY=off, private modules and failing proxies do not.
  // Private modules are left out on purpose and have no finding: they are counted on their own.
  const failed = a.unchecked - a.uncheckedPrivate;
  const privately = a.uncheckedPrivate === 0 ? '' : `; ${a.uncheckedPrivate} private module${a.uncheckedPrivate === 1 ? '' : 's'} not checked (GOPRIVATE/GONOPROXY)`;
  const what = (a.unchecked === 0 ? `${n} ${reqs} checked ${through}`
    : a.unchecked === n && failed > 0 ? `none of ${n} ${reqs} could be checked ${through} (see lookup-failed)`
    : failed === 0 ? `${n - a.unchecked} of ${n} ${reqs} checked ${through}`
    : `${n - a.unchecked} of ${n} ${reqs} checked ${through}; ${failed} could not be (see lookup-failed)`) + privately;
  const lines = [`${c('bold', display)}: ${what}`];
  const sorted = [...a.findings].sort((x, y) => RANK[x.severity] - RANK[y.severity] || x.start.offset - y.start.offset);
  let last: Severity | undefined;
  for (const f of sorted) {
    if (f.severity !== last) {
      lines.push('', c(f.severity, f.severity === 'info' ? 'Information' : f.severity[0].toUpperCase() + f.severity.slice(1) + 's'));
      last = f.severity;
    }
    lines.push(`  ${display}:${f.start.line}:${f.start.col}  ${c(f.severity, f.code)}  ${f.message}`);
  }
  const count = (s: Severity) => a.findings.filter((f) => f.severity === s).length;
  const summary = (['error', 'warning', 'info', 'hint'] as Severity[]).map((s) => `${count(s)} ${s === 'info' ? 'info' : s + (count(s) === 1 ? '' : 's')}`).join(', ');
  lines.push('', a.findings.length === 0 ? 'No findings.' : summary);
  return lines.join('\n') + '\n';
}

function jsonFinding(f: Finding, file: string) {
  return {
    code: f.code, severity: f.severity, message: f.message, file,
    line: f.start.line, column: f.start.col, endLine: f.end.line, endColumn: f.end.col,
    ...(f.module ? { module: f.module } : {}), ...(f.suggestedVersion ? { suggestedVersion: f.suggestedVersion } : {}),
  };
}

export function jsonReport(a: Analysis, file: string): string {
  return JSON.stringify({ modules: a.modules, findings: a.findings.map((f) => jsonFinding(f, file)) }, null, 2) + '\n';
}
