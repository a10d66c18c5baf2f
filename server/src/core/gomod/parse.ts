// The entry point of the go.mod/go.work reader: syntax, then meaning, with
// every problem kept. Nothing here throws on bad input.
import type { FileSyntax, SyntaxProblem } from './ast';
import { type Directives, type FileKind, interpret, MOD_DIRECTIVES, WORK_DIRECTIVES } from './directives';
import { goMarshalIndent, modJsonValue, workJsonValue } from './editJson';
import { formatSyntax } from './format';
import { normalizeForOutput } from './normalize';
import { parseSyntax } from './parser';
import { sizeProblem } from './sizeLimit';

export interface ParseOptions {
  /** The name used in messages, as the go command uses the path it was given. */
  filename: string;
  kind: FileKind;
  /** Whether replacement directories may use backslashes; defaults to the host's convention. */
  windows?: boolean;
  /** Read as a dependency's go.mod (modfile.ParseLax): unknown and main-module-only directives are ignored. */
  lax?: boolean;
}

export interface ParsedFile {
  kind: FileKind;
  filename: string;
  syntax: FileSyntax;
  directives: Directives;
  /** Problems reading the text; the go command stops at the first. */
  syntaxErrors: SyntaxProblem[];
  /** Problems with the meaning of lines that could be read. */
  errors: SyntaxProblem[];
  /** Why the text was not read at all: it is over the size limit (see sizeLimit.ts). */
  tooLarge?: SyntaxProblem;
}

export function parseFile(text: string, opts: ParseOptions): ParsedFile {
  const tooLarge = sizeProblem(text);
  if (tooLarge) {
    const empty = parseFile('', opts);
    return { ...empty, tooLarge };
  }
  const { syntax, errors: syntaxErrors } = parseSyntax(text, opts.filename, {
    directives: opts.kind === 'mod' ? MOD_DIRECTIVES : WORK_DIRECTIVES,
  });
  const windows = opts.windows ?? process.platform === 'win32';
  const { directives, errors } = interpret(syntax, opts.kind, windows, opts.lax ?? false);
  return { kind: opts.kind, filename: opts.filename, syntax, directives, syntaxErrors, errors };
}

/**
 * The problems the go command would report for this file: its syntax errors if
 * there are any (Go does not look further), otherwise the errors in meaning.
 */
export function goCommandErrors(p: ParsedFile): SyntaxProblem[] {
  if (p.tooLarge) return [p.tooLarge];
  return p.syntaxErrors.length > 0 ? p.syntaxErrors : p.errors;
}

/** Go's "file:line:col: message" form, always with a column. */
export function formatProblem(filename: string, e: SyntaxProblem): string {
  return `${filename}:${e.pos.line}:${e.pos.col}: ${e.message}`;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: SyntaxProblem[] };

function parseForOutput(text: string, opts: ParseOptions, sort: boolean): Outcome<ParsedFile> {
  const p = parseFile(text, opts);
  const errors = goCommandErrors(p);
  if (errors.length > 0) return { ok: false, errors };
  normalizeForOutput(p.syntax, p.directives, p.kind, sort);
  return { ok: true, value: p };
}

/** What `go mod edit -json` / `go work edit -json` prints for the file. */
export function editJson(text: string, opts: ParseOptions): Outcome<string> {
  const r = parseForOutput(text, opts, false);
  if (!r.ok) return r;
  const value = r.value.kind === 'mod' ? modJsonValue(r.value.directives) : workJsonValue(r.value.directives);
  return { ok: true, value: goMarshalIndent(value) };
}

/** What `go mod edit -fmt` / `go work edit -fmt` writes for the file. */
export function formatFile(text: string, opts: ParseOptions): Outcome<string> {
  const r = parseForOutput(text, opts, true);
  if (!r.ok) return r;
  return { ok: true, value: formatSyntax(r.value.syntax) };
}

/** go.work files are recognised by name; everything else is read as a go.mod. */
export function fileKindOf(path: string): FileKind {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base === 'go.work' || base.endsWith('.work') ? 'work' : 'mod';
}
