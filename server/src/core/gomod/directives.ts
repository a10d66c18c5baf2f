// What the parsed lines mean: a port of modfile/rule.go (File.add, parseReplace,
// parseVersionInterval, parseString, parseVersion) and work.go. Messages are the
// go command's, word for word, so users can search for them.
import type { FileSyntax, Line, LineBlock, Position, SyntaxProblem, Token } from './ast';
import { autoQuote, goQuote, goUnquote, isGoSpace } from '../text/goText';
import { canonicalVersion, checkPathMajor, invalidVersion, splitPathVersion } from '../module/pathMajor';

export interface ModuleVersion {
  path: string;
  version: string;
}

export interface Require {
  mod: ModuleVersion;
  indirect: boolean;
  line: Line;
}

export interface Replace {
  old: ModuleVersion;
  new: ModuleVersion;
  line: Line;
}

export interface Retract {
  low: string;
  high: string;
  rationale: string;
  line: Line;
}

export interface Directives {
  module?: { path: string; deprecated: string; line: Line };
  go?: { version: string; line: Line };
  toolchain?: { name: string; line: Line };
  godebug: { key: string; value: string; line: Line }[];
  require: Require[];
  exclude: { mod: ModuleVersion; line: Line }[];
  replace: Replace[];
  retract: Retract[];
  /** Go 1.24 `tool` directives. */
  tool: { path: string; line: Line }[];
  /** Go 1.25 `ignore` directives. */
  ignore: { path: string; line: Line }[];
  /** go.work `use` directives. */
  use: { path: string; line: Line }[];
}

export type FileKind = 'mod' | 'work';

export const MOD_DIRECTIVES: ReadonlySet<string> = new Set([
  'module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore',
]);
export const WORK_DIRECTIVES: ReadonlySet<string> = new Set(['go', 'toolchain', 'godebug', 'use', 'replace']);
const MOD_BLOCKS = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const WORK_BLOCKS = new Set(['godebug', 'use', 'replace']);

const GO_VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const LAX_GO_VERSION_RE = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;
const TOOLCHAIN_RE = /^default$|^go1($|\.)/;
const DEPRECATED_RE = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;

export function emptyDirectives(): Directives {
  return { godebug: [], require: [], exclude: [], replace: [], retract: [], tool: [], ignore: [], use: [] };
}

/** strings.TrimSpace with Go's notion of space. */
export function goTrimSpace(s: string): string {
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  while (a < b && isGoSpace(cps[a].codePointAt(0)!)) a++;
  while (b > a && isGoSpace(cps[b - 1].codePointAt(0)!)) b--;
  return cps.slice(a, b).join('');
}

/** modfile.IsDirectoryPath: both Unix and Windows forms, since go.mod files travel. */
export function isDirectoryPath(ns: string): boolean {
  return ns === '.' || ns.startsWith('./') || ns.startsWith('.\\') ||
    ns === '..' || ns.startsWith('../') || ns.startsWith('..\\') ||
    ns.startsWith('/') || ns.startsWith('\\') ||
    (ns.length >= 2 && /^[A-Za-z]$/.test(ns[0]) && ns[1] === ':');
}

/** isIndirect: the first suffix comment is "// indirect" or starts "// indirect;". */
export function isIndirect(line: Line): boolean {
  const c = line.comments.suffix[0];
  if (!c) return false;
  const f = goFields(c.token.startsWith('//') ? c.token.slice(2) : c.token);
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

function goFields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0)!)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** parseDirectiveComment: a directive's own comments, or its block's if it has none. */
export function directiveComment(block: LineBlock | undefined, line: Line): string {
  let comments = line.comments;
  if (block && comments.before.length === 0 && comments.suffix.length === 0) comments = block.comments;
  const lines: string[] = [];
  for (const c of [...comments.before, ...comments.suffix]) {
    if (!c.token.startsWith('//')) continue; // a preserved blank line
    lines.push(goTrimSpace(c.token.slice(2)));
  }
  return lines.join('\n');
}

class Failure extends Error {}

class Interpreter {
  readonly out = emptyDirectives();
  readonly errors: SyntaxProblem[] = [];

  constructor(private readonly kind: FileKind, private readonly windows: boolean, private readonly lax: boolean) {}

  run(syntax: FileSyntax): void {
    const blocks = this.kind === 'mod' ? MOD_BLOCKS : WORK_BLOCKS;
    for (const x of syntax.stmts) {
      if (x.type === 'line') {
        if (!x.syntaxError) this.add(undefined, x, x.tokens[0].raw, x.tokens.slice(1));
      } else if (x.type === 'block') {
        if (x.tokens.length > 1 || !blocks.has(x.tokens[0].raw)) {
          if (this.lax) continue;
          this.report(x.start, x.start, lineEndOf(x), `unknown block type: ${x.tokens.map((t) => t.raw).join(' ')}`);
          continue;
        }
        for (const l of x.lines) {
          if (!l.syntaxError) this.add(x, l, x.tokens[0].raw, l.tokens);
        }
      }
    }
  }

  private report(pos: Position, start: Position, end: Position, message: string): void {
    this.errors.push({ pos, end, message, highlight: { start, end } });
  }

  private add(block: LineBlock | undefined, line: Line, verb: string, args: Token[]): void {
    try {
      if (this.kind === 'mod') this.addMod(block, line, verb, args);
      else this.addWork(line, verb, args);
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      this.report(line.start, line.start, line.end, e.message);
    }
  }

  private addMod(block: LineBlock | undefined, line: Line, verb: string, args: Token[]): void {
    const f = this.out;
    // ParseLax reads dependencies' go.mod files: only these directives matter
    // there, and newer syntax elsewhere must not break older readers.
    if (this.lax && !['go', 'module', 'retract', 'require'].includes(verb)) return;
    if (this.lax && verb === 'go' && args.length === 1 && !GO_VERSION_RE.test(args[0].text)) {
      const m = LAX_GO_VERSION_RE.exec(args[0].text);
      if (m) args[0].text = m[1];
    }
    switch (verb) {
      case 'go':
      case 'toolchain':
      case 'godebug':
        return this.addCommon(line, verb, args);
      case 'module': {
        if (f.module) fail('repeated module statement');
        const deprecated = DEPRECATED_RE.exec(directiveComment(block, line))?.[1] ?? '';
        f.module = { path: '', deprecated, line };
        if (args.length !== 1) fail('usage: module module/path');
        f.module.path = parseString(args[0]);
        return;
      }
      case 'require':
      case 'exclude': {
        if (args.length !== 2) fail(`usage: ${verb} module/path v1.2.3`);
        const s = parseString(args[0]);
        const v = parseVersion(verb, s, args[1], true);
        const split = splitPathVersion(s);
        if (!split.ok) fail('invalid module path');
        const bad = checkPathMajor(v, split.pathMajor);
        if (bad) fail(`${verb} ${s}: ${bad}`);
        if (verb === 'require') f.require.push({ mod: { path: s, version: v }, indirect: isIndirect(line), line });
        else f.exclude.push({ mod: { path: s, version: v }, line });
        return;
      }
      case 'replace':
        f.replace.push(this.parseReplace(line, verb, args));
        return;
      case 'retract': {
        const rationale = directiveComment(block, line);
        let interval: [string, string, Token[]];
        try {
          interval = parseVersionInterval(verb, args);
        } catch (e) {
          // Future interval syntax must not break reading a dependency's go.mod.
          if (this.lax) return;
          throw e;
        }
        const [low, high, rest] = interval;
        if (rest.length > 0 && !this.lax) fail(`unexpected token after version: ${goQuote(rest[0].text)}`);
        f.retract.push({ low, high, rationale, line });
        return;
      }
      case 'tool':
      case 'ignore': {
        if (args.length !== 1) fail(`${verb} directive expects exactly one argument`);
        f[verb].push({ path: parseString(args[0]), line });
        return;
      }
      default:
        fail(`unknown directive: ${verb}`);
    }
  }

  private addWork(line: Line, verb: string, args: Token[]): void {
    switch (verb) {
      case 'go':
      case 'toolchain':
      case 'godebug':
        return this.addCommon(line, verb, args);
      case 'use':
        if (args.length !== 1) fail(`usage: ${verb} local/dir`);
        this.out.use.push({ path: parseString(args[0]), line });
        return;
      case 'replace':
        this.out.replace.push(this.parseReplace(line, verb, args));
        return;
      default:
        fail(`unknown directive: ${verb}`);
    }
  }

  private addCommon(line: Line, verb: 'go' | 'toolchain' | 'godebug', args: Token[]): void {
    const f = this.out;
    if (verb === 'go') {
      if (f.go) fail('repeated go statement');
      if (args.length !== 1) fail('go directive expects exactly one argument');
      if (!GO_VERSION_RE.test(args[0].text)) fail(`invalid go version '${args[0].text}': must match format 1.23.0`);
      f.go = { version: args[0].text, line };
    } else if (verb === 'toolchain') {
      if (f.toolchain) fail('repeated toolchain statement');
      if (args.length !== 1) fail('toolchain directive expects exactly one argument');
      if (!TOOLCHAIN_RE.test(args[0].text)) {
        fail(`invalid toolchain version '${args[0].text}': must match format go1.23.0 or default`);
      }
      f.toolchain = { name: args[0].text, line };
    } else {
      if (args.length !== 1 || /["`',]/.test(args[0].text)) fail('usage: godebug key=value');
      const eq = args[0].text.indexOf('=');
      if (eq < 0) fail('usage: godebug key=value');
      f.godebug.push({ key: args[0].text.slice(0, eq), value: args[0].text.slice(eq + 1), line });
    }
  }

  private parseReplace(line: Line, verb: string, args: Token[]): Replace {
    const arrow = args.length >= 2 && args[1].text === '=>' ? 1 : 2;
    if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow].text !== '=>') {
      fail(`usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`);
    }
    const s = parseString(args[0]);
    const split = splitPathVersion(s);
    if (!split.ok) fail(`${verb} ${s}: invalid module path`);
    let v = '';
    if (arrow === 2) {
      v = parseVersion(verb, s, args[1], true);
      const bad = checkPathMajor(v, split.pathMajor);
      if (bad) fail(`${verb} ${s}: ${bad}`);
    }
    const ns = parseString(args[arrow + 1]);
    let nv = '';
    if (args.length === arrow + 2) {
      if (!isDirectoryPath(ns)) {
        if (ns.includes('@')) fail("replacement module must match format 'path version', not 'path@version'");
        fail('replacement module without version must be directory path (rooted or starting with . or ..)');
      }
      if (!this.windows && ns.includes('\\')) fail('replacement directory appears to be Windows path (on a non-windows system)');
    }
    if (args.length === arrow + 3) {
      nv = parseVersion(verb, ns, args[arrow + 2], true);
      if (isDirectoryPath(ns)) fail(`replacement module directory path ${goQuote(ns)} cannot have version`);
    }
    return { old: { path: s, version: v }, new: { path: ns, version: nv }, line };
  }
}

function fail(message: string): never {
  throw new Failure(message);
}

function lineEndOf(x: LineBlock): Position {
  return { ...x.lparen.pos, offset: x.lparen.pos.offset + 1, col: x.lparen.pos.col + 1 };
}

/** parseString: unquotes "..." tokens, rejects other quotes, and (as Go does) rewrites the token in place. */
function parseString(tok: Token): string {
  const r = tryParseString(tok);
  if (r.error) fail(`invalid quoted string: ${r.error}`);
  return r.value;
}

function tryParseString(tok: Token): { value: string; error?: string } {
  let t = tok.text;
  if (t.startsWith('"')) {
    const u = goUnquote(t);
    if (u === undefined) return { value: '', error: 'invalid syntax' };
    t = u;
  } else if (/["'`]/.test(t)) {
    return { value: '', error: 'unquoted string cannot contain quote' };
  }
  tok.text = autoQuote(t);
  return { value: t };
}

/**
 * parseVersion. With `canonicalize` (require, exclude, replace) the version must
 * be valid semver and is rewritten canonically, so "v1.2" means v1.2.0; retract
 * versions are kept as written (the go command passes them through unchecked).
 */
function parseVersion(verb: string, path: string, tok: Token, canonicalize: boolean): string {
  const who = path ? `${verb} ${path}` : verb;
  const raw = tok.text;
  const r = tryParseString(tok);
  if (r.error) fail(`${who}: ${invalidVersion(raw, r.error)}`);
  let t = r.value;
  if (canonicalize) {
    const cv = canonicalVersion(t);
    if (cv === '') fail(`${who}: ${invalidVersion(t, 'must be of the form v1.2.3')}`);
    t = cv;
  }
  tok.text = t;
  return t;
}

/** parseVersionInterval: "v1.2.3" or "[v1.0.0, v1.2.0]"; returns low, high and the tokens left over. */
function parseVersionInterval(verb: string, toks: Token[]): [string, string, Token[]] {
  if (toks.length === 0 || toks[0].text === '(') fail("expected '[' or version");
  if (toks[0].text !== '[') {
    const v = parseVersion(verb, '', toks[0], false);
    return [v, v, toks.slice(1)];
  }
  toks = toks.slice(1);
  if (toks.length === 0) fail("expected version after '['");
  const low = parseVersion(verb, '', toks[0], false);
  toks = toks.slice(1);
  if (toks.length === 0 || toks[0].text !== ',') fail("expected ',' after version");
  toks = toks.slice(1);
  if (toks.length === 0) fail("expected version after ','");
  const high = parseVersion(verb, '', toks[0], false);
  toks = toks.slice(1);
  if (toks.length === 0 || toks[0].text !== ']') fail("expected ']' after version");
  return [low, high, toks.slice(1)];
}

export function interpret(syntax: FileSyntax, kind: FileKind, windows: boolean, lax = false): { directives: Directives; errors: SyntaxProblem[] } {
  const i = new Interpreter(kind, windows, lax);
  i.run(syntax);
  return { directives: i.out, errors: i.errors };
}
