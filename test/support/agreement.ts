// Does our reading of a file agree with the go command's? Accept/reject must
// match; accepted files must give the same JSON (keys the go command does not
// print yet aside); rejected files must fail at the same line, with the same
// column where Go prints one and the same message.
import type { Outcome } from '../../server/src/core/gomod/parse';
import type { GoError, GoResult } from './goOracle';

/** Directives newer than an older oracle (Go 1.24 tool, Go 1.25 ignore): that go stops at them, we read them. */
const NEWER_DIRECTIVE = /^unknown (directive|block type): (tool|ignore)\b/;
/** The first release that knows every directive we read. */
const FIRST_KNOWING_ALL_DIRECTIVES = 25;
/** Fields of the newer go's -json that Go 1.23 does not print; ours are the newer go's. */
const NEWER_KEYS = ['GoDebug', 'Tool', 'Ignore'];
/** The last release whose output we compare with those fields left out. */
const LAST_WITHOUT_NEWER_KEYS = 23;

export interface Verdict {
  agree: boolean;
  /** Agreement only because we accept directives that this go release does not know. */
  newerDirective?: boolean;
  why?: string;
}

function withoutNewerKeys(json: string): string {
  const v = JSON.parse(json) as Record<string, unknown>;
  for (const k of NEWER_KEYS) delete v[k];
  return JSON.stringify(v);
}

/** goMinor: the oracle's release (23 for go1.23.x); the newer go's output is compared as it is. */
export function compareJson(ours: Outcome<string>, go: GoResult, goMinor: number): Verdict {
  if (!go.ok && go.errors.length === 0) return { agree: false, why: `cannot read the go command's errors:\n${go.stderr}` };
  // A go that knows tool and ignore (Go 1.25 on) is taken at its word, "unknown directive: tool" in a go.work included.
  const goErrors = go.ok ? [] : goMinor >= FIRST_KNOWING_ALL_DIRECTIVES ? go.errors : go.errors.filter((e) => !NEWER_DIRECTIVE.test(e.message));
  const newerDirective = !go.ok && goErrors.length < go.errors.length;
  if (go.ok || goErrors.length === 0) {
    // Go 1.23 stops at "unknown directive: tool"; we check those lines by Go 1.24/1.25 rules.
    const newerLines = new Set(go.ok ? [] : go.errors.map((e) => e.line));
    if (!ours.ok && newerDirective && ours.errors.every((e) => newerLines.has(e.pos.line))) return { agree: true, newerDirective };
    if (!ours.ok) return { agree: false, why: `go accepts, we reject: ${ours.errors[0].pos.line}: ${ours.errors[0].message}` };
    if (newerDirective) return { agree: true, newerDirective };
    const differs = go.ok && (goMinor <= LAST_WITHOUT_NEWER_KEYS ? withoutNewerKeys(ours.value) !== withoutNewerKeys(go.stdout) : ours.value !== go.stdout);
    if (go.ok && differs) {
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

/**
 * Formatting: ours is what the newer go writes. Go 1.23 also kept a lone blank
 * line right before a block's ")"; against it, that one line is allowed.
 */
export function compareFormat(ours: string, go: string, goMinor: number): { agree: boolean; excused: boolean } {
  if (ours === go) return { agree: true, excused: false };
  if (goMinor > LAST_WITHOUT_NEWER_KEYS) return { agree: false, excused: false };
  const lines = go.split('\n');
  const kept = lines.filter((l, i) => !(l === '' && lines[i + 1] === ')' && i > 0 && lines[i - 1] !== '' && !lines[i - 1].trim().startsWith('//')));
  return kept.join('\n') === ours ? { agree: true, excused: true } : { agree: false, excused: false };
}
