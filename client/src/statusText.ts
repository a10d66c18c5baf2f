// What the status bar says about one go.mod: text with codicons and a tooltip.
// Pure (no `vscode` import), so the wording can be tested without an editor.
import type { StatusReport } from '../../shared/protocol';
import { RESTRICTED_MODE_REASON } from './trustText';

export interface StatusPresentation {
  text: string;
  tooltip: string;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function headline(report: StatusReport | undefined): { text: string; detail: string } {
  if (!report) return { text: '$(package) Go modules', detail: 'No module check has reported for this file yet.' };
  switch (report.state) {
    case 'checking':
      return { text: '$(sync~spin) Checking modules…', detail: 'Asking the module proxies about the requirements.' };
    case 'error':
      return { text: '$(error) Module check failed', detail: report.message || 'The module check failed; see the output for details.' };
    case 'done': {
      const parts: string[] = [];
      if (report.problems > 0) parts.push(`$(warning) ${count(report.problems, 'problem', 'problems')}`);
      if (report.updates > 0) parts.push(`$(arrow-up) ${count(report.updates, 'update', 'updates')}`);
      if (parts.length === 0) return { text: '$(check) Modules up to date', detail: 'Every requirement is at its latest version and no problems were found.' };
      const found = [
        report.problems > 0 ? `${count(report.problems, 'problem', 'problems')} (errors and warnings)` : '',
        report.updates > 0 ? `${count(report.updates, 'requirement has an update', 'requirements have updates')}` : '',
      ].filter(Boolean);
      return { text: parts.join(' '), detail: `${found.join('; ')}. See the Problems panel and the inlay hints.` };
    }
  }
}

export function presentStatus(report: StatusReport | undefined, trusted: boolean): StatusPresentation {
  const { text, detail } = headline(report);
  const lines = [`Go Module Hygiene: ${detail}`];
  if (report?.proxy) lines.push(`Proxy: ${report.proxy}`);
  lines.push(trusted ? 'Workspace trusted: the go command may run.' : RESTRICTED_MODE_REASON);
  lines.push('Click to check again, bypassing the cache.');
  return { text, tooltip: lines.join('\n') };
}
