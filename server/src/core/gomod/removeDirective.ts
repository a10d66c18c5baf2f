// Removing a replace, exclude or (go.work) use directive as a plain text edit:
// the line goes with the comments that belong to it (those right above it and
// the one after it), as modfile's DropReplace/DropExclude/DropUse drop a line
// with its comments; a block left empty goes as a whole.
import type { Line, LineBlock } from './ast';
import type { ParsedFile } from './parse';
import type { OffsetEdit } from './textDiff';

export type RemovableVerb = 'replace' | 'exclude' | 'use';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function isBlankLineAt(text: string, offset: number): boolean {
  return /^\r?\n/.test(text.slice(offset, offset + 2));
}

/** The physical lines of a directive (or block) with its comments. */
function span(text: string, first: number, last: number): OffsetEdit {
  const start = lineStart(text, first);
  let end = nextLineStart(text, last);
  // Do not leave two blank lines where the directive was.
  const blankBefore = start === 0 || isBlankLineAt(text, lineStart(text, start - 1));
  if (blankBefore && isBlankLineAt(text, end)) end = nextLineStart(text, end);
  return { start, end, text: '' };
}

/** The directive of this verb whose line holds `offset`, and the edit that removes it. */
export function removeDirective(text: string, p: ParsedFile, verb: RemovableVerb, offset: number): { edit: OffsetEdit; line: Line } | undefined {
  const lines = p.directives[verb].map((d) => d.line);
  const line = lines.find((l) => lineStart(text, l.start.offset) <= offset && offset < nextLineStart(text, l.end.offset));
  if (!line) return undefined;
  const block = p.syntax.stmts.find((s): s is LineBlock => s.type === 'block' && s.lines.includes(line));
  if (block && block.lines.length === 1 && !block.unterminated) {
    const first = block.comments.before.find((c) => c.token !== '')?.start.offset ?? block.start.offset;
    return { edit: span(text, first, block.rparen.pos.offset), line };
  }
  // In a block, blank lines are kept as empty comments ("") without a place of their own.
  const first = line.comments.before.find((c) => c.token !== '')?.start.offset ?? line.start.offset;
  // The end-of-line comment is on the directive's last physical line, which goes whole.
  return { edit: span(text, first, line.end.offset), line };
}
