// The syntax tree of a go.mod or go.work file, shaped like golang.org/x/mod/modfile's
// FileSyntax so that comment attachment and formatting can follow Go exactly.

/** A place in the text: UTF-16 offset (for editors) plus Go's line and rune column (for messages). */
export interface Position {
  offset: number;
  /** 1-based; only "\n" ends a line, as in Go. */
  line: number;
  /** 1-based rune (code point) column, Go's Position.LineRune. */
  col: number;
}

export type TokenKind = 'ident' | 'string' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The text as it appears in the file. */
  raw: string;
  /** The text the formatter prints: Go normalises quoting and canonicalises versions in place. */
  text: string;
  start: Position;
  end: Position;
}

export interface Comment {
  /** The comment including "//", without the line ending; "" marks a preserved blank line in a block. */
  token: string;
  start: Position;
  end: Position;
  /** An end-of-line comment rather than a whole-line one. */
  suffix: boolean;
}

export interface Comments {
  before: Comment[];
  suffix: Comment[];
  after: Comment[];
}

export interface Line {
  type: 'line';
  comments: Comments;
  start: Position;
  /** End of the last token. */
  end: Position;
  tokens: Token[];
  inBlock: boolean;
  /** Set when a syntax error falls on this line: its meaning is not interpreted. */
  syntaxError?: boolean;
}

export interface Paren {
  comments: Comments;
  pos: Position;
}

export interface LineBlock {
  type: 'block';
  comments: Comments;
  start: Position;
  tokens: Token[];
  lparen: Paren;
  lines: Line[];
  rparen: Paren;
  /** The file ended (or a new directive began) before the closing parenthesis. */
  unterminated?: boolean;
}

export interface CommentBlock {
  type: 'comments';
  comments: Comments;
  start: Position;
}

export type Stmt = Line | LineBlock | CommentBlock;

export interface FileSyntax {
  comments: Comments;
  stmts: Stmt[];
}

export interface SyntaxProblem {
  pos: Position;
  /** End of the offending text, for editors. */
  end: Position;
  message: string;
  /** Where an editor should show the problem when that differs from Go's position. */
  highlight?: { start: Position; end: Position };
}

export const emptyComments = (): Comments => ({ before: [], suffix: [], after: [] });

/** A directive line's arguments: the tokens after the verb (a block line has no verb token). */
export function argTokens(line: Line): Token[] {
  return line.inBlock ? line.tokens : line.tokens.slice(1);
}
