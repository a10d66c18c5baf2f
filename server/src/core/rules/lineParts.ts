// Where the parts of a directive line are, for precise finding ranges.
import type { Line, Position, Token } from '../gomod/ast';

/** The tokens after the verb (block lines have no verb token). */
export function argTokens(line: Line): Token[] {
  return line.inBlock ? line.tokens : line.tokens.slice(1);
}

export function tokenRange(t: Token | undefined, line: Line): { start: Position; end: Position } {
  return t ? { start: t.start, end: t.end } : { start: line.start, end: line.end };
}

export function lineRange(line: Line): { start: Position; end: Position } {
  return { start: line.start, end: line.end };
}
