// The go.mod tokenizer, a port of golang.org/x/mod/modfile/read.go (readToken).
// It keeps Go's one-token lookahead so that errors land at the positions Go
// reports, but it records errors and recovers instead of stopping at the first.
import type { Comment, Position, SyntaxProblem } from './ast';
import { goQuoteRune, isGoPrint, isGoSpace } from '../text/goText';

export type LexKind = 'eof' | 'eolcomment' | 'comment' | 'ident' | 'string' | '\n' | '(' | ')' | '[' | ']' | '{' | '}' | ',';

export interface LexToken {
  kind: LexKind;
  text: string;
  pos: Position;
  endPos: Position;
  /** The token is malformed (an unterminated string); its line is not interpreted. */
  bad?: boolean;
}

export const isEOL = (k: LexKind) => k === 'eof' || k === 'eolcomment' || k === '\n';

const PUNCT = new Set(['\n', '(', ')', '[', ']', '{', '}', ',']);

/** Go's isIdent: most printable runes, except a handful of ASCII punctuation. */
function isIdent(cp: number): boolean {
  if (cp > 0x20 && cp < 0x7f) return cp !== 0x28 && cp !== 0x29 && cp !== 0x5b && cp !== 0x5d && cp !== 0x7b && cp !== 0x7d && cp !== 0x2c;
  if (cp === 0x20 || cp === 0x28 || cp === 0x29 || cp === 0x5b || cp === 0x5d || cp === 0x7b || cp === 0x7d || cp === 0x2c) {
    return false;
  }
  return !isGoSpace(cp) && isGoPrint(cp);
}

export interface LexerState {
  i: number;
  pos: Position;
  token: LexToken;
  comments: number;
  errors: number;
}

export class Lexer {
  // The current position, kept as numbers: allocating a Position per rune made
  // garbage collection the largest cost of parsing big files.
  private i = 0;
  private line = 1;
  private col = 1;
  token!: LexToken;
  /** End-of-line comments, attached to the tree after parsing. */
  readonly comments: Comment[] = [];
  readonly errors: SyntaxProblem[] = [];
  /** Tokens read, re-reads after a restore included: the parser's work, which must stay linear in the text. */
  tokensRead = 0;

  constructor(private readonly text: string) {
    this.readToken();
  }

  /** The current position (the offset is the UTF-16 index into the text). */
  get pos(): Position {
    return { offset: this.i, line: this.line, col: this.col };
  }

  save(): LexerState {
    return { i: this.i, pos: this.pos, token: this.token, comments: this.comments.length, errors: this.errors.length };
  }

  restore(s: LexerState): void {
    this.i = s.i;
    this.line = s.pos.line;
    this.col = s.pos.col;
    this.token = s.token;
    this.comments.length = s.comments;
    this.errors.length = s.errors;
  }

  error(message: string, pos: Position = this.pos, end: Position = pos): void {
    this.errors.push({ pos, end, message });
  }

  peek(): LexKind {
    return this.token.kind;
  }

  lex(): LexToken {
    const tok = this.token;
    this.readToken();
    this.tokensRead++;
    return tok;
  }

  private eof(): boolean {
    return this.i >= this.text.length;
  }

  private peekRune(): number {
    return this.eof() ? 0 : this.text.codePointAt(this.i)!;
  }

  private peekPrefix(prefix: string): boolean {
    return this.text.startsWith(prefix, this.i);
  }

  private readRune(): number {
    const cp = this.text.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    if (cp === 0x0a) {
      this.line++;
      this.col = 1;
    } else {
      this.col++;
    }
    return cp;
  }

  private skipRestOfLine(): void {
    while (!this.eof() && this.peekRune() !== 0x0a) this.readRune();
  }

  private readToken(): void {
    for (;;) {
      // Skip spaces; only these three count, as in Go.
      while (!this.eof()) {
        const c = this.peekRune();
        if (c === 0x20 || c === 0x09 || c === 0x0d) {
          this.readRune();
          continue;
        }
        break;
      }
      if (this.peekPrefix('//')) {
        this.readComment();
        return;
      }
      if (this.peekPrefix('/*')) {
        // Recovery: treat the rest of the line as unreadable and carry on.
        if (this.errors.at(-1)?.pos.offset !== this.pos.offset) {
          this.error('mod files must use // comments (not /* */ comments)');
        }
        this.skipRestOfLine();
        continue;
      }
      const start = this.pos;
      const startIndex = this.i;
      if (this.eof()) {
        this.token = { kind: 'eof', text: '', pos: start, endPos: start };
        return;
      }
      const c = this.peekRune();
      const ch = String.fromCodePoint(c);
      if (PUNCT.has(ch)) {
        this.readRune();
        this.token = { kind: ch as LexKind, text: ch, pos: start, endPos: this.pos };
        return;
      }
      if (c === 0x22 || c === 0x60) {
        this.readString(c, start, startIndex);
        return;
      }
      if (!isIdent(c)) {
        // Recovery: report the character, skip it and read on.
        this.error(`unexpected input character ${goQuoteRune(c)}`);
        this.readRune();
        continue;
      }
      while (isIdent(this.peekRune())) {
        if (this.peekPrefix('//')) break;
        if (this.peekPrefix('/*')) {
          this.error('mod files must use // comments (not /* */ comments)');
          break;
        }
        this.readRune();
      }
      this.token = { kind: 'ident', text: this.text.slice(startIndex, this.i), pos: start, endPos: this.pos };
      return;
    }
  }

  private readComment(): void {
    const start = this.pos;
    const startIndex = this.i;
    // A comment is a suffix comment unless it is the only thing on its line.
    const lineStart = this.text.lastIndexOf('\n', this.i - 1) + 1;
    let suffix = false;
    for (const ch of this.text.slice(lineStart, this.i)) {
      if (!isGoSpace(ch.codePointAt(0)!)) {
        suffix = true;
        break;
      }
    }
    this.readRune();
    this.readRune();
    while (!this.eof() && this.readRune() !== 0x0a) {
      // consume to end of line, newline included
    }
    let text = this.text.slice(startIndex, this.i);
    if (text.endsWith('\r\n')) text = text.slice(0, -2);
    else if (text.endsWith('\n')) text = text.slice(0, -1);
    const end = { offset: start.offset + text.length, line: start.line, col: start.col + [...text].length };
    this.token = { kind: suffix ? 'eolcomment' : 'comment', text, pos: start, endPos: this.pos };
    if (suffix) this.comments.push({ token: text, start, end, suffix: true });
  }

  private readString(quote: number, start: Position, startIndex: number): void {
    this.readRune();
    let bad = false;
    for (;;) {
      if (this.eof()) {
        this.error('unexpected EOF in string', start, this.pos);
        bad = true;
        break;
      }
      if (this.peekRune() === 0x0a) {
        this.error('unexpected newline in string', this.pos);
        bad = true;
        break;
      }
      const c = this.readRune();
      if (c === quote) break;
      if (c === 0x5c && quote !== 0x60) {
        if (this.eof()) {
          this.error('unexpected EOF in string', start, this.pos);
          bad = true;
          break;
        }
        this.readRune();
      }
    }
    this.token = { kind: 'string', text: this.text.slice(startIndex, this.i), pos: start, endPos: this.pos, bad };
  }
}
