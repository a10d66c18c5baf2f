// The go.mod/go.work statement parser, a port of modfile/read.go (parseFile,
// parseStmt, parseLineBlock, assignComments). Unlike Go it does not stop at the
// first syntax error: it records it, resynchronises at the end of the line and
// goes on, and marks the lines it could not read so that later layers skip them.
import {
  type Comment,
  type CommentBlock,
  type Comments,
  type FileSyntax,
  type Line,
  type LineBlock,
  type Position,
  type SyntaxProblem,
  type Token,
  emptyComments,
} from './ast';
import { isEOL, Lexer, type LexerState, type LexToken } from './lexer';

export interface SyntaxResult {
  syntax: FileSyntax;
  /** Syntax errors in file order; the first is the one the go command reports. */
  errors: SyntaxProblem[];
  /** Tokens the lexer read, counting re-reads after error recovery. */
  tokensRead: number;
}

export interface ParseSyntaxOptions {
  /** Directive names that may start a top-level statement; used only to recover from an unclosed block. */
  directives: ReadonlySet<string>;
}

function toToken(t: LexToken): Token {
  const kind = t.kind === 'ident' ? 'ident' : t.kind === 'string' ? 'string' : 'punct';
  return { kind, raw: t.text, text: t.text, start: t.pos, end: t.endPos };
}

class Parser {
  private readonly in: Lexer;
  private readonly file: FileSyntax = { comments: emptyComments(), stmts: [] };
  /** Lines containing a malformed token. */
  private readonly badLines = new Set<number>();

  constructor(text: string, private readonly filename: string, private readonly opts: ParseSyntaxOptions) {
    this.in = new Lexer(text);
  }

  private lex(): LexToken {
    const t = this.in.lex();
    if (t.bad) this.badLines.add(t.pos.line);
    return t;
  }

  run(): SyntaxResult {
    this.parseFile();
    this.assignComments();
    const errors = [...this.in.errors].sort((a, b) => a.pos.offset - b.pos.offset);
    this.markSyntaxErrors(errors);
    return { syntax: this.file, errors, tokensRead: this.in.tokensRead };
  }

  private parseFile(): void {
    let cb: CommentBlock | undefined;
    for (;;) {
      switch (this.in.peek()) {
        case '\n':
          this.lex();
          if (cb) {
            this.file.stmts.push(cb);
            cb = undefined;
          }
          break;
        case 'comment': {
          const tok = this.lex();
          cb ??= { type: 'comments', comments: emptyComments(), start: tok.pos };
          cb.comments.before.push(wholeLineComment(tok));
          break;
        }
        case 'eof':
          if (cb) this.file.stmts.push(cb);
          return;
        default:
          this.parseStmt();
          if (cb) {
            this.file.stmts[this.file.stmts.length - 1].comments.before = cb.comments.before;
            cb = undefined;
          }
      }
    }
  }

  private parseStmt(): void {
    const first = this.lex();
    const start = first.pos;
    let end = first.endPos;
    const tokens: Token[] = [toToken(first)];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) {
        this.file.stmts.push(newLine(start, end, tokens, false));
        return;
      }
      if (tok.kind === '(') {
        const next = this.in.peek();
        if (isEOL(next)) {
          this.file.stmts.push(this.parseLineBlock(start, tokens, tok));
          return;
        }
        if (next === ')') {
          const rparen = this.lex();
          if (isEOL(this.in.peek())) {
            this.lex();
            this.file.stmts.push({
              type: 'block',
              comments: emptyComments(),
              start,
              tokens,
              lparen: { comments: emptyComments(), pos: tok.pos },
              lines: [],
              rparen: { comments: emptyComments(), pos: rparen.pos },
            });
            return;
          }
          // "( )" in the middle of a line is not a block.
          tokens.push(toToken(tok), toToken(rparen));
        } else {
          tokens.push(toToken(tok));
        }
        continue;
      }
      tokens.push(toToken(tok));
      end = tok.endPos;
    }
  }

  private parseLineBlock(start: Position, tokens: Token[], lparen: LexToken): LineBlock {
    const x: LineBlock = {
      type: 'block',
      comments: emptyComments(),
      start,
      tokens,
      lparen: { comments: emptyComments(), pos: lparen.pos },
      lines: [],
      rparen: { comments: emptyComments(), pos: lparen.pos },
    };
    // Where each line of the block began, to resume there if the block never closes.
    const lineStarts: LexerState[] = [];
    let comments: Comment[] = [];
    for (;;) {
      switch (this.in.peek()) {
        case 'eolcomment':
          this.lex();
          break;
        case '\n':
          // A blank line: keep it as an empty comment so the formatter preserves it.
          this.lex();
          if ((comments.length === 0 && x.lines.length > 0) || (comments.length > 0 && comments[comments.length - 1].token !== '')) {
            comments.push(blankLine());
          }
          break;
        case 'comment':
          comments.push(wholeLineComment(this.lex()));
          break;
        case 'eof':
          return this.unterminatedBlock(x, comments, lineStarts);
        case ')': {
          const rparen = this.lex();
          // A lone blank line right before ")" is not kept: x/mod's parseLineBlock as
          // the current go command vendors it (Go 1.23's kept it), so the formatter drops it.
          x.rparen.comments.before = comments.length === 1 && comments[0].token === '' ? [] : comments;
          x.rparen.pos = rparen.pos;
          if (!isEOL(this.in.peek())) {
            this.in.error('syntax error (expected newline after closing paren)', this.in.pos, this.in.pos);
            this.badLines.add(rparen.pos.line);
            while (!isEOL(this.in.peek())) this.lex();
          }
          this.lex();
          return x;
        }
        default: {
          if (this.eofPos && this.startsTopLevelDirective()) {
            // An earlier block already ran to the end of the file without a line-initial ")".
            // The lexer does not depend on parser state and this block's lines are a suffix of
            // that block's lines, so this one cannot close either: it would scan to the end of
            // the file only to resume here, at its first unindented directive line. Stopping now
            // gives the same tree and errors and keeps recovery linear in the file's size.
            lineStarts.push(this.in.save());
            x.lines.push(this.parseLine());
            return this.unterminatedBlock(x, comments, lineStarts, this.eofPos);
          }
          lineStarts.push(this.in.save());
          const l = this.parseLine();
          x.lines.push(l);
          l.comments.before = comments;
          comments = [];
        }
      }
    }
  }

  /**
   * Go reports an unclosed block at the end of the file. To keep the rest of the
   * file usable, the block is ended before the first unindented line that starts
   * with a directive, and parsing resumes there.
   */
  private unterminatedBlock(x: LineBlock, comments: Comment[], lineStarts: LexerState[], knownEof?: Position): LineBlock {
    const eofPos = knownEof ?? this.in.pos;
    this.eofPos = eofPos;
    const problem: SyntaxProblem = {
      pos: eofPos,
      end: eofPos,
      message: `syntax error (unterminated block started at ${this.filename}:${x.start.line}:${x.start.col})`,
      highlight: { start: x.start, end: { ...x.lparen.pos, offset: x.lparen.pos.offset + 1, col: x.lparen.pos.col + 1 } },
    };
    x.unterminated = true;
    this.unterminated.add(problem);
    const resumeAt = x.lines.findIndex((l) => l.start.col === 1 && this.opts.directives.has(l.tokens[0].raw));
    if (resumeAt < 0) {
      x.rparen.pos = eofPos;
      x.rparen.comments.before = comments;
    } else {
      x.rparen.pos = x.lines[resumeAt].start;
      x.lines.length = resumeAt;
      this.in.restore(lineStarts[resumeAt]);
    }
    this.in.errors.push(problem);
    return x;
  }

  private readonly unterminated = new Set<SyntaxProblem>();
  /** Where the file ends, known once a block has scanned to it without closing. */
  private eofPos: Position | undefined;

  /** The next token starts an unindented line with a directive name: where an unclosed block gives up. */
  private startsTopLevelDirective(): boolean {
    const t = this.in.token;
    return t.pos.col === 1 && this.opts.directives.has(t.text);
  }

  private parseLine(): Line {
    const first = this.lex();
    const start = first.pos;
    let end = first.endPos;
    const tokens: Token[] = [toToken(first)];
    for (;;) {
      const tok = this.lex();
      if (isEOL(tok.kind)) return newLine(start, end, tokens, true);
      tokens.push(toToken(tok));
      end = tok.endPos;
    }
  }

  private markSyntaxErrors(errors: SyntaxProblem[]): void {
    const errorLines = new Set(this.badLines);
    for (const e of errors) {
      if (!this.unterminated.has(e)) errorLines.add(e.pos.line);
    }
    const mark = (l: Line) => {
      for (let n = l.start.line; n <= l.end.line; n++) {
        if (errorLines.has(n)) l.syntaxError = true;
      }
    };
    for (const s of this.file.stmts) {
      if (s.type === 'line') mark(s);
      else if (s.type === 'block') s.lines.forEach(mark);
    }
  }

  // Suffix comments go to the expression that ends just before them on the
  // same line (modfile's assignComments); whole-line comments were attached
  // while parsing.
  private assignComments(): void {
    const post: { comments: Comments; start: Position; end: Position; isFile?: boolean }[] = [];
    const one = (c: Comments, p: Position) => post.push({ comments: c, start: p, end: { ...p, offset: p.offset + 1, col: p.col + 1 } });
    for (const s of this.file.stmts) {
      if (s.type === 'block') {
        one(s.lparen.comments, s.lparen.pos);
        for (const l of s.lines) post.push({ comments: l.comments, start: l.start, end: l.end });
        one(s.rparen.comments, s.rparen.pos);
        post.push({ comments: s.comments, start: s.start, end: { ...s.rparen.pos, offset: s.rparen.pos.offset + 1, col: s.rparen.pos.col + 1 } });
      } else if (s.type === 'line') {
        post.push({ comments: s.comments, start: s.start, end: s.end });
      } else {
        post.push({ comments: s.comments, start: s.start, end: s.start });
      }
    }
    const suffix = [...this.in.comments];
    for (let i = post.length - 1; i >= 0; i--) {
      const x = post[i];
      if (x.start.line !== x.end.line) continue;
      while (suffix.length > 0 && x.end.offset <= suffix[suffix.length - 1].start.offset) {
        x.comments.suffix.push(suffix.pop()!);
      }
    }
    for (const x of post) x.comments.suffix.reverse();
    for (const c of suffix) this.file.comments.before.push(c);
  }
}

function newLine(start: Position, end: Position, tokens: Token[], inBlock: boolean): Line {
  return { type: 'line', comments: emptyComments(), start, end, tokens, inBlock };
}

function wholeLineComment(tok: LexToken): Comment {
  const end = { offset: tok.pos.offset + tok.text.length, line: tok.pos.line, col: tok.pos.col + [...tok.text].length };
  return { token: tok.text, start: tok.pos, end, suffix: false };
}

function blankLine(): Comment {
  const zero = { offset: 0, line: 0, col: 0 };
  return { token: '', start: zero, end: zero, suffix: false };
}

export function parseSyntax(text: string, filename: string, opts: ParseSyntaxOptions): SyntaxResult {
  return new Parser(text, filename, opts).run();
}

