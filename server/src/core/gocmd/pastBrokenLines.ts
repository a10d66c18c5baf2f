// A go get that gets past the lines it cannot load. Each time the go command
// fails on another requirement than the ones asked for (blame.ts), that
// module version gets a stand-in (standIns.ts) and the go command runs again,
// so the demo's retracted line can be upgraded while three other lines are
// broken. Only what the go command itself says it cannot load is stood in:
// the go command is the oracle, and a module that loads (from the module
// cache, say) keeps its real requirements in the graph.
//
// go mod tidy gets no stand-ins: it decides from the packages what to keep,
// and an empty stand-in would make it drop or rewrite the very lines it
// stands in for. Its failure names the line instead.
import type { ModuleVersion } from '../gomod/directives';
import { parseFile } from '../gomod/parse';
import { type Blame, blameLine } from './blame';
import { type GoFixFs, type GoFixInput, type GoFixResult, runGoFix } from './goFix';
import type { GoRunner } from './runner';

/** More broken lines than this and the go.mod needs a person, not a workaround. */
export const MAX_STAND_INS = 10;

export type PastBrokenLinesResult = GoFixResult & {
  /** The lines the go command could not load and ran without (in the order it met them). */
  standIns: Blame[];
  /** On failure: the other line of go.mod that the failure is about. */
  blame?: Blame;
};

function canStandIn(input: GoFixInput, blame: Blame, standIns: Blame[]): boolean {
  if (input.action.kind !== 'get' || input.signal?.aborted || standIns.length >= MAX_STAND_INS) return false;
  const same = (m: ModuleVersion) => m.path === blame.mod.path && m.version === blame.mod.version;
  if (standIns.some((s) => same(s.mod))) return false;
  // A second replace of the same module version is an error to the go command.
  const p = parseFile(input.goMod, { filename: 'go.mod', kind: 'mod' });
  return !p.directives.replace.some((r) => same(r.old));
}

export async function runGoFixPastBrokenLines(go: GoRunner, fs: GoFixFs, input: GoFixInput): Promise<PastBrokenLinesResult> {
  // Not lax: a blame may be about a replace line, which a lax parse leaves out.
  const parsed = parseFile(input.goMod, { filename: 'go.mod', kind: 'mod' });
  const asked = new Set(input.action.kind === 'get' ? input.action.modules.map((m) => m.path) : []);
  const standIns: Blame[] = [];
  for (;;) {
    const r = await runGoFix(go, fs, { ...input, standIns: standIns.map((b) => b.mod) });
    if (r.ok) {
      const wrong = standInsTaken(input.goMod, r.goMod, standIns);
      if (!wrong) return { ...r, standIns };
      return { ok: false, command: r.command, stderr: r.stderr, standIns, message: `${r.command} was not applied: it would require ${wrong.mod.path} ${wrong.mod.version}, which the go command cannot load. Nothing was changed.` };
    }
    const blame = r.stderr ? blameLine(parsed, r.stderr, asked) : undefined;
    if (!blame || !canStandIn(input, blame, standIns)) return { ...r, standIns, blame };
    standIns.push(blame);
  }
}

/**
 * A stand-in whose version the result requires while the buffer did not: the
 * change itself needs that module version, which cannot be loaded, so the
 * result would be a go.mod the go command rejects.
 */
function standInsTaken(before: string, after: string, standIns: Blame[]): Blame | undefined {
  const versions = (text: string) => new Map(parseFile(text, { filename: 'go.mod', kind: 'mod', lax: true }).directives.require.map((r) => [r.mod.path, r.mod.version]));
  const was = versions(before);
  const now = versions(after);
  return standIns.find((s) => now.get(s.mod.path) === s.mod.version && was.get(s.mod.path) !== s.mod.version);
}

/** "line 15 (example.com/config v1.7.0 does not exist) and line 19 (...)" */
export function linesRunWithout(standIns: Blame[]): string {
  const items = standIns.map((b) => `${b.text.replace(/^line (\d+): /, 'line $1 (')})`);
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
