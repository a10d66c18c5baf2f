// What to offer while typing a require, replace or exclude line: versions of
// the module (newest first, retracted ones marked) or module paths the
// workspace already knows. It reads the line's syntax, not its meaning, since
// a line being typed is usually not a valid directive yet.
import { argTokens, type Line, type LineBlock, type Position } from '../gomod/ast';
import type { ParsedFile } from '../gomod/parse';
import { retractionRationale, type Retraction } from '../facts/moduleFacts';
import { compare, prerelease } from '../semver/goSemver';

export type CompletionSlot =
  | { kind: 'version'; path: string; start: Position; end: Position; prefix: string }
  | { kind: 'module'; start: Position; end: Position; prefix: string };

const VERBS = new Set(['require', 'exclude', 'replace']);

/** The directive line the cursor is on: the cursor is after its start with no newline between. */
function lineAt(p: ParsedFile, text: string, offset: number): { line: Line; verb: string } | undefined {
  const onLine = (l: Line) => offset >= l.start.offset && !text.slice(l.start.offset, offset).includes('\n');
  for (const s of p.syntax.stmts) {
    if (s.type === 'line' && s.tokens.length > 0 && onLine(s)) return { line: s, verb: s.tokens[0].raw };
    if (s.type === 'block') {
      const b = s as LineBlock;
      for (const l of b.lines) if (onLine(l)) return { line: l, verb: b.tokens[0].raw };
    }
  }
  return undefined;
}

function positionAt(text: string, offset: number, near: Position): Position {
  // Positions here only need offsets for editors; line/col follow the nearest token.
  let line = near.line;
  let col = near.col;
  for (let i = near.offset; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { offset, line, col };
}

/** Where the cursor is in a require/replace/exclude line, if it is at a path or version. */
export function completionSlot(p: ParsedFile, text: string, offset: number): CompletionSlot | undefined {
  const hit = lineAt(p, text, offset);
  if (!hit || !VERBS.has(hit.verb)) {
    // A block line that is still empty: "require (\n\t|\n)".
    return blankBlockSlot(p, text, offset);
  }
  const args = argTokens(hit.line);
  // The token being typed (the cursor at its end or inside), or a new one after a space.
  let index = args.findIndex((t) => offset >= t.start.offset && offset <= t.end.offset);
  let start: Position;
  let end: Position;
  if (index >= 0) {
    start = args[index].start;
    end = args[index].end;
  } else {
    index = args.filter((t) => t.end.offset < offset).length;
    start = positionAt(text, offset, hit.line.start);
    end = start;
  }
  const prefix = text.slice(start.offset, offset);
  const arrow = args.findIndex((t) => t.text === '=>');
  if (hit.verb === 'replace' && arrow >= 0 && index > arrow) {
    const rel = index - arrow - 1;
    const newPath = args[arrow + 1]?.text;
    if (rel === 0) return { kind: 'module', start, end, prefix };
    if (rel === 1 && newPath && !/^[./\\]/.test(newPath)) return { kind: 'version', path: newPath, start, end, prefix };
    return undefined;
  }
  if (index === 0) return { kind: 'module', start, end, prefix };
  if (index === 1 && args[0] && args[0].text !== '=>') return { kind: 'version', path: args[0].text.replace(/^"|"$/g, ''), start, end, prefix };
  return undefined;
}

function blankBlockSlot(p: ParsedFile, text: string, offset: number): CompletionSlot | undefined {
  for (const s of p.syntax.stmts) {
    if (s.type !== 'block' || !VERBS.has(s.tokens[0].raw)) continue;
    if (offset > s.lparen.pos.offset && offset <= s.rparen.pos.offset) {
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      const typed = text.slice(lineStart, offset);
      if (/^\s*\S*$/.test(typed)) {
        const word = typed.trim();
        const start = positionAt(text, offset - word.length, s.start);
        return { kind: 'module', start, end: positionAt(text, offset, s.start), prefix: word };
      }
    }
  }
  return undefined;
}

export interface VersionChoice {
  version: string;
  /** Retraction rationale, if this version is retracted. */
  retracted?: string;
  latest: boolean;
  prerelease: boolean;
}

/** Versions newest first; retracted ones marked and listed after the rest. */
export function versionChoices(tagged: string[], retractions: Retraction[], latest: string | undefined, prefix: string): VersionChoice[] {
  const out = tagged
    .filter((v) => v.startsWith(prefix) || prefix === '')
    .sort((a, b) => compare(b, a))
    .map((v) => {
      const r = retractionRationale(retractions, v);
      return { version: v, retracted: r?.join('; '), latest: v === latest, prerelease: prerelease(v) !== '' };
    });
  return [...out.filter((c) => !c.retracted), ...out.filter((c) => c.retracted)];
}
