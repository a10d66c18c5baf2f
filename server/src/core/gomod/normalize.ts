// What the go command does to a parsed file before printing it, whether as
// JSON (`go mod edit -json`) or as text (`go mod edit -fmt`): removeDups,
// SortBlocks and Cleanup from modfile/rule.go. It rewrites the tree in place.
import type { FileSyntax, Line, LineBlock, Stmt } from './ast';
import type { Directives, FileKind } from './directives';
import { compare } from '../semver/goSemver';

/** Marks every line after the first with the same key; returns the first ones. */
function firstOfEach<T extends { line: Line }>(items: T[], key: (x: T) => string, kill: Set<Line>): T[] {
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(key(x))) kill.add(x.line);
    seen.add(key(x));
  }
  return items.filter((x) => !kill.has(x.line));
}

/** Later replaces of the same old module win; earlier excludes of the same version, and earlier tool and ignore lines of the same path, win. */
function removeDups(syntax: FileSyntax, d: Directives, kind: FileKind): void {
  const kill = new Set<Line>();
  if (kind === 'mod') {
    d.exclude = firstOfEach(d.exclude, (x) => `${x.mod.path}\0${x.mod.version}`, kill);
    d.tool = firstOfEach(d.tool, (x) => x.path, kill);
    d.ignore = firstOfEach(d.ignore, (x) => x.path, kill);
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

// Comparators return <0, 0, >0 where Go's sort uses a "less" function.
function lineCompare(a: Line, b: Line): number {
  for (let k = 0; k < a.tokens.length && k < b.tokens.length; k++) {
    const x = a.tokens[k].text;
    const y = b.tokens[k].text;
    if (x !== y) return bytewise(x, y);
  }
  return a.tokens.length - b.tokens.length;
}

/** Go's string order (UTF-8 bytes), which is code point order, not UTF-16 order. */
function bytewise(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) {
    const a = x.charCodeAt(k);
    const b = y.charCodeAt(k);
    if (a !== b) return a < 0xd800 && b < 0xd800 ? a - b : x.codePointAt(k)! - y.codePointAt(k)!;
  }
  return x.length - y.length;
}

function lineExcludeCompare(a: Line, b: Line): number {
  if (a.tokens.length !== 2 || b.tokens.length !== 2) return lineCompare(a, b);
  if (a.tokens[0].text !== b.tokens[0].text) return bytewise(a.tokens[0].text, b.tokens[0].text);
  return compare(a.tokens[1].text, b.tokens[1].text);
}

function retractInterval(l: Line): [string, string] {
  const t = l.tokens.map((x) => x.text);
  if (t.length === 1) return [t[0], t[0]];
  if (t.length === 5 && t[0] === '[' && t[2] === ',' && t[4] === ']') return [t[1], t[3]];
  return ['', ''];
}

/** Retractions sort newest first. */
function lineRetractCompare(a: Line, b: Line): number {
  const [al, ah] = retractInterval(a);
  const [bl, bh] = retractInterval(b);
  return compare(bl, al) || compare(bh, ah);
}

function sortBlocks(syntax: FileSyntax, d: Directives, kind: FileKind): void {
  removeDups(syntax, d, kind);
  // Exclude blocks sort by semantic version from go 1.21 on (go.dev/issue/60028).
  const semanticExclude = kind === 'mod' && d.go !== undefined && compare('v' + d.go.version, 'v1.21') >= 0;
  for (const s of syntax.stmts) {
    if (s.type !== 'block') continue;
    const verb = s.tokens[0].text;
    // Array.prototype.sort is stable, as Go's sort.SliceStable.
    if (kind === 'mod' && verb === 'exclude' && semanticExclude) s.lines.sort(lineExcludeCompare);
    else if (kind === 'mod' && verb === 'retract') s.lines.sort(lineRetractCompare);
    else s.lines.sort(lineCompare);
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

/**
 * Applies what the go command does before output. JSON does not depend on the
 * order of lines in blocks, so `sort` may be skipped when only JSON is wanted.
 */
export function normalizeForOutput(syntax: FileSyntax, d: Directives, kind: FileKind, sort = true): void {
  if (sort) sortBlocks(syntax, d, kind);
  else removeDups(syntax, d, kind);
  cleanup(syntax);
}
