// Does our reading of a file agree with the go command's? Accept/reject must
// match; accepted files must give the same JSON (keys the go command does not
// print yet aside); rejected files must fail at the same line, with the same
// column where Go prints one and the same message.
import type { Outcome } from '../../server/src/core/gomod/parse';
import type { GoError, GoResult } from './goOracle';

/** Directives newer than the go command used as the oracle (Go 1.24 tool, Go 1.25 ignore). */
const NEWER_DIRECTIVE = /^unknown (directive|block type): (tool|ignore)\b/;
const ADDED_KEYS = ['Godebug', 'Tool', 'Ignore'];

export interface Verdict {
  agree: boolean;
  /** Agreement only because we accept directives that this go release does not know. */
  newerDirective?: boolean;
  why?: string;
}

function withoutAddedKeys(json: string): string {
  const v = JSON.parse(json) as Record<string, unknown>;
  for (const k of ADDED_KEYS) delete v[k];
  return JSON.stringify(v);
}

export function compareJson(ours: Outcome<string>, go: GoResult): Verdict {
  if (!go.ok && go.errors.length === 0) return { agree: false, why: `cannot read the go command's errors:\n${go.stderr}` };
  const goErrors = go.ok ? [] : go.errors.filter((e) => !NEWER_DIRECTIVE.test(e.message));
  const newerDirective = !go.ok && goErrors.length < go.errors.length;
  if (go.ok || goErrors.length === 0) {
    // Go 1.23 stops at "unknown directive: tool"; we check those lines by Go 1.24/1.25 rules.
    const newerLines = new Set(go.ok ? [] : go.errors.map((e) => e.line));
    if (!ours.ok && newerDirective && ours.errors.every((e) => newerLines.has(e.pos.line))) return { agree: true, newerDirective };
    if (!ours.ok) return { agree: false, why: `go accepts, we reject: ${ours.errors[0].pos.line}: ${ours.errors[0].message}` };
    if (newerDirective) return { agree: true, newerDirective };
    if (go.ok && withoutAddedKeys(ours.value) !== withoutAddedKeys(go.stdout)) {
      return { agree: false, why: `JSON differs:\n--- go\n${go.stdout}\n--- ours\n${ours.value}` };
    }
    return { agree: true };
  }
  if (ours.ok) return { agree: false, why: `go rejects (${describe(goErrors[0])}), we accept` };
  const e = ours.errors[0];
  const want = goErrors[0];
  if (e.pos.line !== want.line || e.pos.col !== (want.col ?? 1) || e.message !== want.message) {
    return { agree: false, why: `first error differs:\n  go:   ${describe(want)}\n  ours: ${e.pos.line}:${e.pos.col}: ${e.message}` };
  }
  return { agree: true, newerDirective };
}

function describe(e: GoError): string {
  return `${e.line}${e.col ? ':' + e.col : ''}: ${e.message}`;
}
