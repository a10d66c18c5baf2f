// Stand-ins for requirements the go command cannot load, so that one broken
// line does not block a change to another one.
//
// `go get` loads the whole module graph before it changes anything, so a
// requirement on a version that does not exist, a module no proxy knows, a
// private module behind a VPN that is down, or a replace that points at a
// missing directory fails every upgrade. The copy of go.mod the go command
// works on therefore gets, for each such module version, an exact-version
// replace by an empty local module:
//
//   replace example.com/config v1.7.0 => /tmp/go-mod-hygiene-x/
//
// An exact-version replace wins over a path-only one ("If a version is
// present on the left side of the arrow, only that specific version of the
// module is replaced", go.dev/ref/mod#go-mod-file-replace), and a directory
// replacement needs no download and no go.sum line. The requirement lines
// stay where they are, with their comments and versions, and the replaces are
// taken out of the result again. Why this and not a text-only edit: go get
// still completes go.sum and applies minimal version selection for
// everything it can load; only the graph below the broken module is missing,
// and that part could not be known anyway. The user is told which lines were
// stood in for (pastBrokenLines.ts).
import type { ModuleVersion } from '../gomod/directives';
import { parseFile } from '../gomod/parse';
import { removeDirective } from '../gomod/removeDirective';
import { applyEdits } from '../gomod/textDiff';
import { autoQuote } from '../text/goText';

export interface StandIn {
  mod: ModuleVersion;
  /** The empty module's directory (absolute). */
  dir: string;
}

const MARK = '// Temporary stand-in: the go command cannot load this module version.';

/** The go.mod of the empty module that stands in for `path`. */
export function standInGoMod(path: string): string {
  return `module ${autoQuote(path)}\n`;
}

export function withStandIns(goMod: string, standIns: StandIn[]): string {
  if (standIns.length === 0) return goMod;
  const lines = standIns.map((s) => `\n${MARK}\nreplace ${autoQuote(s.mod.path)} ${autoQuote(s.mod.version)} => ${autoQuote(s.dir)}\n`);
  return `${goMod.endsWith('\n') || goMod === '' ? goMod : `${goMod}\n`}${lines.join('')}`;
}

/** The result without the stand-in replaces, or undefined when one of them cannot be found again. */
export function withoutStandIns(goMod: string, standIns: StandIn[]): string | undefined {
  if (standIns.length === 0) return goMod;
  const dirs = new Set(standIns.map((s) => s.dir));
  let text = goMod;
  for (let i = 0; i < standIns.length; i++) {
    const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
    const r = p.directives.replace.find((d) => dirs.has(d.new.path));
    if (!r) return undefined;
    const removed = removeDirective(text, p, 'replace', r.line.start.offset);
    if (!removed) return undefined;
    text = applyEdits(text, [removed.edit]);
  }
  // The go command never ends go.mod with blank lines; any left are where the stand-ins were.
  text = text.replace(/\n(?:[ \t]*\r?\n)+$/, '\n');
  return standIns.some((s) => text.includes(s.dir)) ? undefined : text;
}
