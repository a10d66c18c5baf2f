// The "Vulnerability database" part of the configuration report: which
// database is in use and what chose it (GOVULNDB, the setting, the default),
// or why the check is off; how old its data is, when it last answered and
// whether it answers now.
import type { VulnDbLocation, VulnDbStatus } from '../vuln/database';

export interface VulnDbExplainInput {
  location: VulnDbLocation | { error: string };
  /** What the database last said, when one is in use. */
  status?: VulnDbStatus;
  /** Where GOVULNDB came from, when it chose the database ("the environment", "goModHygiene.env or go.toolsEnvVars"). */
  govulndbFrom?: string;
  /** The setting that names a database (the editor's, or the command line's flag). */
  settingName: string;
  offline: boolean;
  now: number;
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** "3 minutes ago", "2 days ago": coarse, as a person says it. */
export function ago(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'just now';
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

function sourceWords(l: Extract<VulnDbLocation, { kind: 'url' }>, input: VulnDbExplainInput): string {
  if (l.source === 'setting') return `from ${input.settingName}`;
  if (l.source === 'GOVULNDB') return `from GOVULNDB${input.govulndbFrom ? ` (${input.govulndbFrom})` : ''}`;
  return `the default: neither GOVULNDB nor ${input.settingName} is set`;
}

/** The report's lines for the vulnerability database, and the problems it adds. */
export function explainVulnDb(input: VulnDbExplainInput): { lines: string[]; problems: string[] } {
  const l = input.location;
  const lines = ['## Vulnerability database', ''];
  if ('error' in l) {
    lines.push(`Cannot be used: ${l.error}. Known vulnerabilities are not checked; everything else is.`, '');
    return { lines, problems: [`The vulnerability database cannot be used: ${l.error}.`] };
  }
  if (l.kind === 'off') {
    lines.push(`Off: ${l.why}. Known vulnerabilities are not checked.`, '');
    return { lines, problems: [] };
  }
  const problems: string[] = [];
  const s = input.status;
  lines.push(`- URL: ${code(l.redacted)} (${sourceWords(l, input)})`);
  if (s?.modified) {
    const at = Date.parse(s.modified);
    lines.push(`- Data last modified: ${code(s.modified)}${Number.isFinite(at) ? ` (${ago(input.now - at)})` : ''}`);
  }
  if (s?.answeredAt !== undefined) lines.push(`- Last answered: ${ago(input.now - s.answeredAt)}`);
  if (s?.error) {
    lines.push(`- Reachable: no (${s.error})`);
    problems.push(`The vulnerability database ${l.redacted} does not answer (${s.error}): known vulnerabilities are not checked until it does${s.modified ? ', or are checked against the copy in the cache' : ''}.`);
  } else if (s?.answeredAt !== undefined) {
    lines.push('- Reachable: yes');
  } else {
    lines.push('- Reachable: not asked yet');
  }
  if (input.offline) lines.push('- Offline mode: only the copy in the cache is read.');
  lines.push('', 'Only the database\'s index and the entries it lists for required modules are downloaded; no module path is sent to it.', '');
  return { lines, problems };
}
