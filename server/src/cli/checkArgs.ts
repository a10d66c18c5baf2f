// The arguments of `go-mod-hygiene check`.
import * as path from 'node:path';
import type { Severity } from '../core/rules/finding';

/** The least severe finding that makes the exit status 1; `none`: findings never do. */
export type FailOn = Severity | 'none';
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'none'];

export interface CheckArgs {
  json: boolean;
  offline: boolean;
  noCache: boolean;
  times: boolean;
  tidy: boolean;
  /** Skip the vulnerability database. */
  noVulns: boolean;
  /** Like other linters, errors fail the run unless told otherwise. */
  failOn: FailOn;
  /** Columns to wrap the text report at; undefined: decided by the terminal (see wrap.ts). */
  width?: number;
  target: string;
}

/** `--flag value` or `--flag=value`. */
function flagValue(args: string[], i: number, name: string): { value: string | undefined; next: number } | undefined {
  const x = args[i];
  if (x === name) return { value: args[i + 1], next: i + 1 };
  if (x.startsWith(`${name}=`)) return { value: x.slice(name.length + 1), next: i };
  return undefined;
}

export function parseCheckArgs(args: string[], cwd: string): CheckArgs | string {
  const a: CheckArgs = { json: false, offline: false, noCache: false, times: false, tidy: false, noVulns: false, failOn: 'error', target: cwd };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i];
    const failOn = flagValue(args, i, '--fail-on');
    const width = flagValue(args, i, '--width');
    if (x === '--json') a.json = true;
    else if (x === '--offline') a.offline = true;
    else if (x === '--no-cache') a.noCache = true;
    else if (x === '--times') a.times = true;
    else if (x === '--tidy') a.tidy = true;
    else if (x === '--no-vulns') a.noVulns = true;
    else if (failOn) {
      const v = failOn.value;
      if (!FAIL_ON.includes(v as FailOn)) return `--fail-on takes ${FAIL_ON.join(', ')}, not ${JSON.stringify(v ?? '')}`;
      a.failOn = v as FailOn;
      i = failOn.next;
    } else if (width) {
      const v = width.value ?? '';
      if (!/^\d{1,4}$/.test(v)) return `--width takes a number of columns (0: no wrapping), not ${JSON.stringify(v)}`;
      a.width = Number(v);
      i = width.next;
    } else if (x === '--') {
      positional.push(...args.slice(i + 1));
      break;
    } else if (x.startsWith('-') && x !== '-') return `unknown flag for check: ${x}`;
    else positional.push(x);
  }
  if (positional.length > 1) return 'check takes at most one PATH';
  if (positional[0]) a.target = path.resolve(cwd, positional[0]);
  return a;
}
