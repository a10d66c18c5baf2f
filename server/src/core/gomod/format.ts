// The go.mod printer, a port of modfile/print.go: what `go mod edit -fmt` writes.
import type { Comment, FileSyntax, Line, LineBlock, Paren, Stmt } from './ast';
import { goTrimSpace } from './directives';

/**
 * An append-only text buffer that can look at and trim its own tail cheaply;
 * Go's printer inspects the end of its output after every line, and doing that
 * on one growing JS string is quadratic.
 */
class TailBuffer {
  private readonly parts: string[] = [];

  append(s: string): void {
    if (s) this.parts.push(s);
  }

  /** Removes trailing spaces and tabs. */
  trimEnd(): void {
    while (this.parts.length > 0) {
      const last = this.parts[this.parts.length - 1];
      const t = last.replace(/[ \t]+$/, '');
      if (t.length > 0) {
        this.parts[this.parts.length - 1] = t;
        return;
      }
      this.parts.pop();
    }
  }

  /** The last n characters (fewer if the buffer is shorter). */
  tail(n: number): string {
    let s = '';
    for (let i = this.parts.length - 1; i >= 0 && s.length < n; i--) s = this.parts[i] + s;
    return s.slice(-n);
  }

  /** Characters after the last newline. */
  column(): number {
    let n = 0;
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const nl = this.parts[i].lastIndexOf('\n');
      if (nl >= 0) return n + this.parts[i].length - nl - 1;
      n += this.parts[i].length;
    }
    return n;
  }

  isEmpty(): boolean {
    return this.parts.length === 0;
  }

  toString(): string {
    return this.parts.join('');
  }
}

class Printer {
  private readonly buf = new TailBuffer();
  private pending: Comment[] = [];
  private margin = 0;

  text(): string {
    return this.buf.toString();
  }

  private trim(): void {
    this.buf.trimEnd();
  }

  private indent(): number {
    return this.buf.column();
  }

  private tabs(): void {
    this.buf.append('\t'.repeat(this.margin));
  }

  newline(): void {
    if (this.pending.length > 0) {
      this.buf.append(' ');
      this.pending.forEach((com, i) => {
        if (i > 0) {
          this.trim();
          this.buf.append('\n');
          this.tabs();
        }
        this.buf.append(goTrimSpace(com.token));
      });
      this.pending = [];
    }
    this.trim();
    // Never a blank line at the top of the file or two in a row.
    if (!(this.buf.isEmpty() || this.buf.tail(2) === '\n\n')) this.buf.append('\n');
    this.tabs();
  }

  file(f: FileSyntax): void {
    for (const com of f.comments.before) {
      this.buf.append(goTrimSpace(com.token));
      this.newline();
    }
    f.stmts.forEach((stmt, i) => {
      this.expr(stmt);
      if (stmt.type !== 'comments') this.newline();
      for (const com of stmt.comments.after) {
        this.buf.append(goTrimSpace(com.token));
        this.newline();
      }
      if (i + 1 < f.stmts.length) this.newline();
    });
  }

  private expr(x: Stmt | Paren, paren?: '(' | ')'): void {
    const before = x.comments.before;
    if (before.length > 0) {
      this.trim();
      if (this.indent() > 0) this.buf.append('\n');
      this.tabs();
      for (const com of before) {
        this.buf.append(goTrimSpace(com.token));
        this.newline();
      }
    }
    if (paren) {
      this.buf.append(paren);
    } else if ((x as Stmt).type === 'line') {
      this.tokens((x as Line).tokens.map((t) => t.text));
    } else if ((x as Stmt).type === 'block') {
      const b = x as LineBlock;
      this.tokens(b.tokens.map((t) => t.text));
      this.buf.append(' ');
      this.expr(b.lparen, '(');
      this.margin++;
      for (const l of b.lines) {
        this.newline();
        this.expr(l);
      }
      this.margin--;
      this.newline();
      this.expr(b.rparen, ')');
    }
    this.pending.push(...x.comments.suffix);
  }

  private tokens(tokens: string[]): void {
    let sep = '';
    for (const t of tokens) {
      if (t === ',' || t === ')' || t === ']' || t === '}') sep = '';
      this.buf.append(sep + t);
      sep = ' ';
      if (t === '(' || t === '[' || t === '{') sep = '';
    }
  }
}

/** Format: the file in standard style, without trailing blank lines. */
export function formatSyntax(f: FileSyntax): string {
  const p = new Printer();
  p.file(f);
  let out = p.text();
  // Remove trailing blank lines, keeping the final newline.
  let n = out.length;
  while (n > 0 && out[n - 1] === '\n' && (n === 1 || out[n - 2] === '\n')) n--;
  out = out.slice(0, n);
  return out;
}
