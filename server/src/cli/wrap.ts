// Wrapping the text report to the terminal's width, at word boundaries. Only
// a terminal is wrapped: piped output and JSON are for tools, which want one
// finding per line (as grep and editors' problem matchers do).

/** Printed width: ANSI colour codes take no columns. */
export function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

export interface WidthSource {
  /** --width N; 0 turns wrapping off. */
  flag?: number;
  stdoutIsTty: boolean;
  /** The terminal's columns (process.stdout.columns). */
  columns?: number;
  env: Record<string, string | undefined>;
}

/** Narrower than this, wrapping helps nobody: every word would be a line. */
const MIN_WIDTH = 40;

/**
 * The width to wrap at, or undefined for no wrapping. An explicit --width
 * wins; otherwise only a terminal is wrapped, at COLUMNS when it is set (as
 * GNU ls and Python's get_terminal_size read it) or the terminal's own width.
 */
export function wrapWidth(s: WidthSource): number | undefined {
  const pick = (n: number | undefined) => (n !== undefined && n >= MIN_WIDTH ? n : undefined);
  if (s.flag !== undefined) return pick(s.flag);
  if (!s.stdoutIsTty) return undefined;
  const columns = /^\d+$/.test(s.env.COLUMNS ?? '') ? Number(s.env.COLUMNS) : s.columns;
  return pick(columns);
}

/**
 * Breaks text at spaces so that the first line fits firstWidth columns and
 * the others restWidth. A word longer than a line (a URL, a long module path)
 * is kept whole on a line of its own rather than cut.
 */
export function wrapWords(text: string, firstWidth: number, restWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const limit = lines.length === 0 ? firstWidth : restWidth;
    if (line === '') line = word;
    else if (visibleLength(line) + 1 + visibleLength(word) <= limit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * prefix + text in at most width columns where words allow, the following
 * lines indented by `indent` spaces: a fixed indent, since the location and
 * the code in front of a message differ in length from line to line.
 */
export function wrapLine(prefix: string, text: string, width: number | undefined, indent = 4): string {
  if (width === undefined || visibleLength(prefix) + visibleLength(text) <= width) return prefix + text;
  const pad = (l: string) => ' '.repeat(indent) + l;
  const firstWord = text.split(' ').find((w) => w !== '') ?? '';
  if (visibleLength(prefix) + visibleLength(firstWord) > width) {
    // Not even one word fits after the prefix: the text starts on the next line.
    return [prefix.trimEnd(), ...wrapWords(text, width - indent, width - indent).map(pad)].join('\n');
  }
  const [first, ...rest] = wrapWords(text, width - visibleLength(prefix), width - indent);
  return [prefix + first, ...rest.map(pad)].join('\n');
}
