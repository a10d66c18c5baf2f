// What the go command does to a parsed file before printing it, whether as
// JSON (`go mod edit -json`) or as text (`go mod edit -fmt`): removeDups,
// SortBlocks and Cleanup from modfile/rule.go. It rewrites the tree in place.
import type { FileSyntax, Line, LineBlock, Stmt } from './ast';
import type { Directives, FileKind } from './directives';
import { compare } from '../version/goSemver';

/** Later replaces of the same old module win; earlier excludes of the same version win. */
function removeDups(syntax: FileSyntax, d: Directives, kind: FileKind): void {
  const kill = new Set<Line>();
  if (kind === 'mod') {
    const seen = new Set<string>();
    for (const x of d.exclude) {
      const key = `${x.mod.path}\0${x.mod.version}`;
      if (seen.has(key)) kill.add(x.line);
      seen.add(key);
    }
    d.exclude = d.exclude.filter((x) => !kill.has(x.line));
  }
  const seenOld = new Set<string>();
  for (let i = d.replace.length - 1; i >= 0; i--) {
    const x = d.replace[i];
    const key = `${x.old.path}\0${x.old.version}`;
    if (seenOld.has(key)) kill.add(x.line);
    seenOld.add(key);
  }
  d.replace = d.replace.filter((x) => !kill.has(x.line));

  const stmts: Stmt[] = [];
  for (const s of syntax.stmts) {
    if (s.type === 'line' && kill.has(s)) continue;
    if (s.type === 'block') {
      // Note: an empty block is dropped here too, as in Go.
      s.lines = s.lines.filter((l) => !kill.has(l));
      if (s.lines.length === 0) continue;
    }
    stmts.push(s);
  }
  syntax.stmts = stmts;
}

function lineLess(a: Line, b: Line): boolean {
  for (let k = 0; k < a.tokens.length && k < b.tokens.length; k++) {
    if (a.tokens[k].text !== b.tokens[k].text) return a.tokens[k].text < b.tokens[k].text;
  }
  return a.tokens.length < b.tokens.length;
}

function lineExcludeLess(a: Line, b: Line): boolean {
  if (a.tokens.length !== 2 || b.tokens.length !== 2) return lineLess(a, b);
  if (a.tokens[0].text !== b.tokens[0].text) return a.tokens[0].text < b.tokens[0].text;
  return compare(a.tokens[1].text, b.tokens[1].text) < 0;
}

function retractInterval(l: Line): [string, string] {
  const t = l.tokens.map((x) => x.text);
  if (t.length === 1) return [t[0], t[0]];
  if (t.length === 5 && t[0] === '[' && t[2] === ',' && t[4] === ']') return [t[1], t[3]];
  return ['', ''];
}

/** Retractions sort newest first. */
function lineRetractLess(a: Line, b: Line): boolean {
  const [al, ah] = retractInterval(a);
  const [bl, bh] = retractInterval(b);
  const c = compare(al, bl);
  if (c !== 0) return c > 0;
  return compare(ah, bh) > 0;
}

function stableSort(lines: Line[], less: (a: Line, b: Line) => boolean): void {
  // Array.prototype.sort is stable; a comparator from a strict "less" keeps ties in order.
  lines.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

function sortBlocks(syntax: FileSyntax, d: Directives, kind: FileKind): void {
  removeDups(syntax, d, kind);
  // Exclude blocks sort by semantic version from go 1.21 on (go.dev/issue/60028).
  const semanticExclude = kind === 'mod' && d.go !== undefined && compare('v' + d.go.version, 'v1.21') >= 0;
  for (const s of syntax.stmts) {
    if (s.type !== 'block') continue;
    const verb = s.tokens[0].text;
    if (kind === 'mod' && verb === 'exclude' && semanticExclude) stableSort(s.lines, lineExcludeLess);
    else if (kind === 'mod' && verb === 'retract') stableSort(s.lines, lineRetractLess);
    else stableSort(s.lines, lineLess);
  }
}

/** Cleanup: drop emptied blocks and fold a one-line block into a plain line. */
function cleanup(syntax: FileSyntax): void {
  const out: Stmt[] = [];
  for (const s of syntax.stmts) {
    if (s.type !== 'block') {
      out.push(s);
      continue;
    }
    if (s.lines.length === 0) continue;
    if (s.lines.length === 1 && s.rparen.comments.before.length === 0) {
      out.push(foldBlock(s));
      continue;
    }
    out.push(s);
  }
  syntax.stmts = out;
}

function foldBlock(b: LineBlock): Line {
  const l = b.lines[0];
  return {
    type: 'line',
    comments: {
      before: [...b.comments.before, ...l.comments.before],
      suffix: [...l.comments.suffix, ...b.comments.suffix],
      after: [...l.comments.after, ...b.comments.after],
    },
    start: b.start,
    end: l.end,
    tokens: [...b.tokens, ...l.tokens],
    inBlock: false,
  };
}

export function normalizeForOutput(syntax: FileSyntax, d: Directives, kind: FileKind): void {
  sortBlocks(syntax, d, kind);
  cleanup(syntax);
}
