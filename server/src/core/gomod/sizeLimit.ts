// The largest go.mod or go.work text that is read. Real files are far below it:
// the go.mod files of the largest open-source projects have a few hundred to a
// few thousand requirements (tens of KiB); 1 MiB and 20,000 lines leave room for
// generated monorepo files while bounding the time and memory that a hostile or
// broken file (a 10 MB line, 200,000 lines of errors) can cost the editor.
import type { SyntaxProblem } from './ast';

export const MAX_FILE_CHARS = 1 << 20;
export const MAX_FILE_LINES = 20_000;

/** Why the text is too large to read, or undefined. Counting stops at the limit. */
export function sizeProblem(text: string): SyntaxProblem | undefined {
  const at = { offset: 0, line: 1, col: 1 };
  if (text.length > MAX_FILE_CHARS) {
    return { pos: at, end: at, message: `file too large: ${text.length} characters, more than the limit of ${MAX_FILE_CHARS} (1 MiB); it is not checked` };
  }
  // More lines than the limit take at least as many characters: the usual small file is not scanned.
  if (text.length <= MAX_FILE_LINES) return undefined;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_FILE_LINES) {
      return { pos: at, end: at, message: `file too large: more than the limit of ${MAX_FILE_LINES} lines; it is not checked` };
    }
  }
  return undefined;
}
