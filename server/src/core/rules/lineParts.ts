// Where the parts of a directive line are, for precise finding ranges.
import type { Line, Position, Token } from '../gomod/ast';

export function tokenRange(t: Token | undefined, line: Line): { start: Position; end: Position } {
  return t ? { start: t.start, end: t.end } : { start: line.start, end: line.end };
}

export function lineRange(line: Line): { start: Position; end: Position } {
  return { start: line.start, end: line.end };
}
