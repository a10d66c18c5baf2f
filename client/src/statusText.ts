// What the status bar says about one go.mod or go.work: the product's name,
// the icon of the worst severity, and the count the Problems view shows (it
// leaves hints, such as updates, out). Pure (no `vscode` import), so the
// wording can be tested without an editor.
import type { StatusReport, WorkspaceModuleStatus } from '../../shared/protocol';
import { RESTRICTED_MODE_REASON } from './trustText';

export const PRODUCT = 'Go Module Hygiene';

export interface StatusPresentation {
  text: string;
  tooltip: string;
  /** The check could not run: the item is shown on the error background. */
  failed: boolean;
}

interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  updates: number;
  /** Requirements with known vulnerabilities: their findings are among the problems too, and worth naming. */
  vulnerable: number;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A server that predates the per-severity counts sent only `problems` (errors and warnings). */
function countsOf(r: StatusReport): Counts {
  const vulnerable = r.vulnerable ?? 0;
  if (r.errors === undefined) return { errors: 0, warnings: r.problems, infos: 0, updates: r.updates, vulnerable };
  return { errors: r.errors, warnings: r.warnings ?? 0, infos: r.infos ?? 0, updates: r.updates, vulnerable };
}

function moduleCounts(m: WorkspaceModuleStatus): Counts {
  return { ...m, vulnerable: m.vulnerable ?? 0 };
}

function add(a: Counts, b: Counts): Counts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos, updates: a.updates + b.updates, vulnerable: a.vulnerable + b.vulnerable };
}

const problemsOf = (c: Counts) => c.errors + c.warnings + c.infos;

/** The icon of the worst severity among the counts: what the Problems view would show first. */
export function worstIcon(c: Counts): string {
  if (c.errors > 0) return '$(error)';
  if (c.warnings > 0) return '$(warning)';
  if (c.infos > 0) return '$(info)';
  return '$(check)';
}

/** "1 error, 2 warnings", or "no problems". */
function bySeverity(c: Pick<Counts, 'errors' | 'warnings' | 'infos'>): string {
  const parts = [
    c.errors ? count(c.errors, 'error') : '',
    c.warnings ? count(c.warnings, 'warning') : '',
    c.infos ? count(c.infos, 'info') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no problems';
}

/** "2 problems · 1 vulnerable · 3 updates", or "checked" when there is nothing to report. */
function summary(c: Counts): string {
  const parts = [problemsOf(c) ? count(problemsOf(c), 'problem') : 'checked'];
  if (c.vulnerable) parts.push(`${c.vulnerable} vulnerable`);
  if (c.updates) parts.push(count(c.updates, 'update'));
  return parts.join(' · ');
}

function moduleLine(m: WorkspaceModuleStatus): string {
  const name = m.module ? `${m.dir} (${m.module})` : m.dir;
  if (!m.module) return `- ${name}: no go.mod found there`;
  const vulnerable = m.vulnerable ? `, ${m.vulnerable} vulnerable` : '';
  return `- ${name}: ${bySeverity(m)}${vulnerable}${m.updates ? `, ${count(m.updates, 'update')}` : ''}`;
}

/** Said once in the tooltip, since "vulnerable" in the text is one word. */
function vulnerableLine(c: Counts): string[] {
  if (!c.vulnerable) return [];
  return [`${count(c.vulnerable, 'requirement has', 'requirements have')} known vulnerabilities (Go vulnerability database); hover one for the list.`];
}

function headline(report: StatusReport | undefined): { text: string; detail: string[]; failed: boolean } {
  if (!report) return { text: `$(package) ${PRODUCT}`, detail: ['No check has reported for this file yet.'], failed: false };
  if (report.state === 'error') {
    return { text: `$(error) ${PRODUCT}: check failed`, detail: [report.message || 'The module check failed; see the output for details.'], failed: true };
  }
  // "checking" without lookups is the pause after a change: the counts are already those of the new text.
  if (report.state === 'checking' && (report.lookups ?? 1) > 0) {
    return { text: `$(sync~spin) ${PRODUCT}: checking…`, detail: [`Asking the module proxies about ${report.lookups ? count(report.lookups, 'module') : 'the requirements'}.`], failed: false };
  }
  const own = countsOf(report);
  if (report.modules) {
    // A go.work: the modules it uses, and what their go.mod files hold.
    const all = report.modules.reduce((sum, m) => add(sum, moduleCounts(m)), own);
    const text = `${worstIcon(all)} ${PRODUCT}: ${count(report.modules.length, 'module')} · ${summary(all)}`;
    const detail = [
      `This go.work uses ${count(report.modules.length, 'module')}:`,
      ...report.modules.map(moduleLine),
      `go.work itself: ${bySeverity(own)}.`,
      ...vulnerableLine(all),
    ];
    return { text, detail, failed: false };
  }
  const detail = [`${bySeverity(own)} in the Problems view${own.updates ? `; ${count(own.updates, 'requirement has an update', 'requirements have updates')} (inlay hints)` : ''}.`, ...vulnerableLine(own)];
  return { text: `${worstIcon(own)} ${PRODUCT}: ${summary(own)}`, detail, failed: false };
}

export function presentStatus(report: StatusReport | undefined, trusted: boolean): StatusPresentation {
  const { text, detail, failed } = headline(report);
  const lines = [`${PRODUCT}`, ...detail];
  if (report?.proxy) lines.push(`Proxy: ${report.proxy}`);
  lines.push(trusted ? 'Workspace trusted: the go command may run.' : RESTRICTED_MODE_REASON);
  lines.push('Click to show the problems, explain the configuration or check again.');
  return { text, tooltip: lines.join('\n'), failed };
}
