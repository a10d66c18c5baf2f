// Tokenizes go.mod / go.work / go.sum snippets with the TextMate grammars in syntaxes/
// (via vscode-textmate + vscode-oniguruma, the same engine VS Code uses) and checks scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

function findRoot(): string {
  const isRoot = (dir: string) =>
    fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'syntaxes'));
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    let dir = path.resolve(start);
    for (;;) {
      if (isRoot(dir)) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('repository root (package.json + syntaxes/) not found');
}

const root = findRoot();
const grammarFiles: Record<string, string> = {
  'source.go.mod': 'go.mod.tmLanguage.json',
  'source.go.work': 'go.work.tmLanguage.json',
  'source.go.sum': 'go.sum.tmLanguage.json',
};

function readGrammarJson(scopeName: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', grammarFiles[scopeName]), 'utf8'));
}

async function loadGrammars(): Promise<Record<'mod' | 'work' | 'sum', vsctm.IGrammar>> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = grammarFiles[scopeName];
      if (!file) return null;
      const fullPath = path.join(root, 'syntaxes', file);
      return vsctm.parseRawGrammar(fs.readFileSync(fullPath, 'utf8'), fullPath);
    },
  });
  const load = async (scope: string) => {
    const g = await registry.loadGrammar(scope);
    assert.ok(g, `grammar ${scope} did not load`);
    return g;
  };
  return { mod: await load('source.go.mod'), work: await load('source.go.work'), sum: await load('source.go.sum') };
}

const grammarsPromise = loadGrammars();

interface Tok {
  text: string;
  scopes: string[];
}

/** Tokenizes a (possibly multi-line) text, carrying the rule stack across lines. */
function tokenizeLines(grammar: vsctm.IGrammar, text: string): Tok[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/**
 * Scopes of the single token covering the first occurrence of `tokenText` in `text`
 * (lines are searched in order; earlier lines only provide tokenizer state).
 * Throws if the substring is split across several tokens.
 */
function scopesAt(grammar: vsctm.IGrammar, text: string, tokenText: string): string[] {
  const lines = text.split('\n');
  const tokens = tokenizeLines(grammar, text);
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i].indexOf(tokenText);
    if (start < 0) continue;
    let pos = 0;
    for (const t of tokens[i]) {
      const end = pos + t.text.length;
      if (start >= pos && start < end) {
        if (start + tokenText.length > end) {
          const dump = tokens[i].map((x) => JSON.stringify(x.text)).join(' ');
          throw new Error(`"${tokenText}" spans several tokens in line ${JSON.stringify(lines[i])}: ${dump}`);
        }
        return t.scopes;
      }
      pos = end;
    }
  }
  throw new Error(`"${tokenText}" not found in ${JSON.stringify(text)}`);
}

function hasScope(grammar: vsctm.IGrammar, text: string, tokenText: string, scope: string): void {
  const scopes = scopesAt(grammar, text, tokenText);
  assert.ok(scopes.includes(scope), `"${tokenText}" in ${JSON.stringify(text)}: expected ${scope}, got ${scopes.join(' ')}`);
}

function lacksScope(grammar: vsctm.IGrammar, text: string, tokenText: string, scopePrefix: string): void {
  const scopes = scopesAt(grammar, text, tokenText);
  assert.ok(
    !scopes.some((s) => s.startsWith(scopePrefix)),
    `"${tokenText}" in ${JSON.stringify(text)}: unexpected ${scopePrefix}, got ${scopes.join(' ')}`,
  );
}

const KW = 'keyword.other.directive.go.mod';
const MODPATH = 'entity.name.type.module.go.mod';
const VERSION = 'constant.other.version.go.mod';
const PSEUDO = 'constant.other.version.pseudo.go.mod';
const FILEPATH = 'string.unquoted.file-path.go.mod';
const COMMENT = 'comment.line.double-slash.go.mod';

test('go.mod: directive keywords, single-line and block forms', async () => {
  const { mod } = await grammarsPromise;
  for (const kw of ['module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']) {
    hasScope(mod, `${kw} x`, kw, KW);
  }
  hasScope(mod, 'require (', 'require', KW);
  hasScope(mod, 'require (', '(', 'punctuation.section.block.begin.go.mod');
  hasScope(mod, 'require (\n\texample.com/a v1.2.3\n)', 'example.com/a', MODPATH);
  hasScope(mod, 'require (\n\texample.com/a v1.2.3\n)', 'v1.2.3', VERSION);
  hasScope(mod, 'require (\n\texample.com/a v1.2.3\n)', ')', 'punctuation.section.block.end.go.mod');
  hasScope(mod, 'require(\n\texample.com/a v1.2.3\n)', 'require', KW);
  hasScope(mod, 'exclude (\n\texample.com/a v1.0.0\n)', 'v1.0.0', VERSION);
  hasScope(mod, 'tool (\n\texample.com/cmd/stringer\n)', 'example.com/cmd/stringer', MODPATH);
  hasScope(mod, 'require ()', ')', 'punctuation.section.block.end.go.mod');
  // After a block closes, the next directive is recognised again.
  hasScope(mod, 'require (\n\tx v1.0.0\n)\nexclude x v1.0.1', 'exclude', KW);
  hasScope(mod, '  require example.com/a v1.2.3', 'require', KW);
});

test('go.mod: keywords only at line start (negative cases)', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, 'require example.com/require v1.0.0', 'example.com/require', MODPATH);
  lacksScope(mod, 'require example.com/require v1.0.0', 'example.com/require', 'keyword');
  // Inside a block the first token is a module path even if it looks like a keyword.
  hasScope(mod, 'require (\n\treplace v1.0.0\n)', 'replace', MODPATH);
  lacksScope(mod, 'require (\n\treplace v1.0.0\n)', 'replace', 'keyword');
  // "requirement" is not "require".
  lacksScope(mod, 'requirement x v1.0.0', 'requirement', 'keyword');
  // A version-looking string inside a comment is a comment.
  hasScope(mod, '// require example.com/a v1.2.3', 'v1.2.3', COMMENT);
  lacksScope(mod, '// require example.com/a v1.2.3', 'v1.2.3', 'constant');
  lacksScope(mod, '// require example.com/a v1.2.3', 'require', 'keyword');
  hasScope(mod, 'require example.com/a v1.2.3 // was v1.0.0', 'v1.0.0', COMMENT);
  // A version-like path element is part of the module path.
  hasScope(mod, 'require example.com/v2.0.0/x v2.0.0', 'example.com/v2.0.0/x', MODPATH);
});

test('go.mod: module paths, quoted and raw', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, 'module example.com/m', 'example.com/m', MODPATH);
  hasScope(mod, 'module "example.com/quoted"', 'example.com/quoted', MODPATH);
  hasScope(mod, 'module "example.com/quoted"', 'example.com/quoted', 'string.quoted.double.go.mod');
  hasScope(mod, 'module "example.com/quoted"', '"', 'punctuation.definition.string.begin.go.mod');
  hasScope(mod, 'require `example.com/raw` v1.0.0', 'example.com/raw', MODPATH);
  hasScope(mod, 'require `example.com/raw` v1.0.0', 'example.com/raw', 'string.quoted.raw.go.mod');
  hasScope(mod, 'require `example.com/raw` v1.0.0', 'v1.0.0', VERSION);
  hasScope(mod, 'require "example.com/a" "v1.2.3"', 'v1.2.3', VERSION);
});

test('go.mod: versions, pre-releases, pseudo-versions, +incompatible, build metadata', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, 'require example.com/a v1.2.3', 'v1.2.3', VERSION);
  hasScope(mod, 'require example.com/a v1.2.3-rc.1', 'v1.2.3-rc.1', VERSION);
  lacksScope(mod, 'require example.com/a v1.2.3-rc.1', 'v1.2.3-rc.1', PSEUDO);
  for (const v of [
    'v0.0.0-20210101120000-abcdefabcdef',
    'v1.2.4-0.20210101120000-abcdefabcdef',
    'v1.2.3-pre.0.20210101120000-abcdefabcdef',
  ]) {
    hasScope(mod, `require example.com/a ${v}`, v, PSEUDO);
    hasScope(mod, `require (\n\texample.com/a ${v} // indirect\n)`, v, PSEUDO);
  }
  hasScope(mod, 'require example.com/a v2.0.0+incompatible', '+incompatible', 'constant.other.version.incompatible.go.mod');
  hasScope(mod, 'require example.com/a v2.0.0+incompatible', 'v2.0.0', VERSION);
  hasScope(
    mod,
    'require example.com/a v2.0.1-0.20210101120000-abcdefabcdef+incompatible',
    '+incompatible',
    'constant.other.version.incompatible.go.mod',
  );
  hasScope(mod, 'require example.com/a v1.2.3+meta.1', '+meta.1', 'constant.other.version.build-metadata.go.mod');
  // Not a version: trailing garbage makes it an ordinary token.
  lacksScope(mod, 'require example.com/a v1.2.3x', 'v1.2.3x', 'constant');
});

test('go.mod: go, toolchain and godebug', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, 'go 1.21.0', '1.21.0', 'constant.other.version.language.go.mod');
  hasScope(mod, 'go 1.22', '1.22', 'constant.other.version.language.go.mod');
  hasScope(mod, 'go 1.23rc1', '1.23rc1', 'constant.other.version.language.go.mod');
  hasScope(mod, 'toolchain go1.22.1', 'go1.22.1', 'constant.other.version.toolchain.go.mod');
  hasScope(mod, 'toolchain default', 'default', 'constant.language.default.go.mod');
  hasScope(mod, 'godebug default=go1.21', 'default', 'variable.other.key.go.mod');
  hasScope(mod, 'godebug default=go1.21', '=', 'keyword.operator.assignment.go.mod');
  hasScope(mod, 'godebug default=go1.21', 'go1.21', 'string.unquoted.value.go.mod');
  hasScope(mod, 'godebug (\n\tpanicnil=1\n\thttp2client=0\n)', 'http2client', 'variable.other.key.go.mod');
  hasScope(mod, 'godebug (\n\tpanicnil=1\n)', '1', 'string.unquoted.value.go.mod');
});

test('go.mod: replace arrows and file-path targets', async () => {
  const { mod } = await grammarsPromise;
  const line = 'replace example.com/a v1.0.0 => example.com/b v1.1.0';
  hasScope(mod, line, '=>', 'keyword.operator.arrow.go.mod');
  hasScope(mod, line, 'example.com/b', MODPATH);
  hasScope(mod, line, 'v1.1.0', VERSION);
  for (const target of ['./local', '../x', '/abs/path', 'C:\\path\\to\\mod', '.']) {
    hasScope(mod, `replace example/a => ${target}`, target, FILEPATH);
    lacksScope(mod, `replace example/a => ${target}`, target, MODPATH);
  }
  hasScope(mod, 'replace (\n\texample.com/a => ../fork // local\n)', '../fork', FILEPATH);
  hasScope(mod, 'replace (\n\texample.com/a => ../fork // local\n)', '=>', 'keyword.operator.arrow.go.mod');
  hasScope(mod, 'replace example.com/a => "./dir with space"', './dir with space', FILEPATH);
  // "=>" glued to other text is part of a token, not the operator.
  lacksScope(mod, 'replace a=>b v1.0.0', 'a=>b', 'keyword.operator');
});

test('go.mod: retract intervals', async () => {
  const { mod } = await grammarsPromise;
  const line = 'retract [v1.0.0, v1.2.0] // bad releases';
  hasScope(mod, line, 'retract', KW);
  hasScope(mod, line, '[', 'punctuation.section.brackets.begin.go.mod');
  hasScope(mod, line, ']', 'punctuation.section.brackets.end.go.mod');
  hasScope(mod, line, ',', 'punctuation.separator.comma.go.mod');
  hasScope(mod, line, 'v1.0.0', VERSION);
  hasScope(mod, line, 'v1.2.0', VERSION);
  hasScope(mod, line, 'v1.0.0', 'meta.interval.go.mod');
  hasScope(mod, line, 'bad releases', COMMENT);
  hasScope(mod, 'retract v0.9.0', 'v0.9.0', VERSION);
  hasScope(mod, 'retract (\n\t[v1.0.0,v1.0.5]\n\tv0.1.0-pre\n)', 'v1.0.5', VERSION);
  hasScope(mod, 'retract (\n\t[v1.0.0,v1.0.5]\n\tv0.1.0-pre\n)', ',', 'punctuation.separator.comma.go.mod');
});

test('go.mod: ignore directive paths', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, 'ignore ./node_modules', './node_modules', FILEPATH);
  hasScope(mod, 'ignore (\n\tstatic\n\t"with space"\n)', 'static', FILEPATH);
  hasScope(mod, 'ignore (\n\tstatic\n\t"with space"\n)', 'with space', FILEPATH);
});

test('go.mod: comments, // indirect and Deprecated:', async () => {
  const { mod } = await grammarsPromise;
  hasScope(mod, '// plain comment', 'plain comment', COMMENT);
  hasScope(mod, '// plain comment', '//', 'punctuation.definition.comment.go.mod');
  const ind = 'require example.com/a v1.2.3 // indirect';
  hasScope(mod, ind, 'indirect', 'keyword.other.indirect.go.mod');
  hasScope(mod, ind, 'indirect', 'comment.line.double-slash.indirect.go.mod');
  hasScope(mod, 'require example.com/a v1.2.3 // indirect; for tests', 'indirect', 'keyword.other.indirect.go.mod');
  hasScope(mod, 'require example.com/a v1.2.3 // indirect; for tests', 'for tests', 'comment.line.double-slash.indirect.go.mod');
  hasScope(mod, 'require (\n\texample.com/a v1.2.3 // indirect\n)', 'indirect', 'keyword.other.indirect.go.mod');
  // Not indirect per modfile.isIndirect: more words without ";" or "indirect;" alone.
  lacksScope(mod, 'require example.com/a v1.2.3 // indirect dependency', 'indirect', 'keyword');
  hasScope(mod, 'require example.com/a v1.2.3 // indirect dependency', 'indirect', COMMENT);
  lacksScope(mod, 'require example.com/a v1.2.3 // indirectly', 'indirectly', 'keyword');
  const dep = '// Deprecated: use example.com/b instead';
  hasScope(mod, dep, 'Deprecated:', 'keyword.other.deprecated.go.mod');
  hasScope(mod, dep, 'Deprecated:', 'comment.line.double-slash.deprecated.go.mod');
  hasScope(mod, dep, 'use example.com/b instead', 'comment.line.double-slash.deprecated.go.mod');
  hasScope(mod, 'module example.com/old // Deprecated: moved', 'Deprecated:', 'keyword.other.deprecated.go.mod');
  lacksScope(mod, '// deprecated: lower case is not a marker', 'deprecated:', 'keyword');
});

test('go.work: go, toolchain, godebug, use and replace', async () => {
  const { work } = await grammarsPromise;
  hasScope(work, 'go 1.23.0', 'go', 'keyword.other.directive.go.work');
  hasScope(work, 'go 1.23.0', '1.23.0', 'constant.other.version.language.go.work');
  hasScope(work, 'toolchain go1.23.4', 'go1.23.4', 'constant.other.version.toolchain.go.work');
  hasScope(work, 'godebug asynctimerchan=1', 'asynctimerchan', 'variable.other.key.go.work');
  hasScope(work, 'use ./tools', 'use', 'keyword.other.directive.go.work');
  hasScope(work, 'use ./tools', './tools', 'string.unquoted.file-path.go.work');
  const block = 'use (\n\t.\n\t./a // main\n\t../b\n)';
  hasScope(work, block, '(', 'punctuation.section.block.begin.go.work');
  hasScope(work, block, '../b', 'string.unquoted.file-path.go.work');
  hasScope(work, block, 'main', 'comment.line.double-slash.go.work');
  hasScope(work, 'use (\n\t.\n)', '.', 'string.unquoted.file-path.go.work');
  const rep = 'replace example.com/a v1.0.0 => ../a';
  hasScope(work, rep, 'replace', 'keyword.other.directive.go.work');
  hasScope(work, rep, 'example.com/a', 'entity.name.type.module.go.work');
  hasScope(work, rep, 'v1.0.0', 'constant.other.version.go.work');
  hasScope(work, rep, '=>', 'keyword.operator.arrow.go.work');
  hasScope(work, rep, '../a', 'string.unquoted.file-path.go.work');
  // go.mod-only directives are not keywords in go.work.
  lacksScope(work, 'require example.com/a v1.0.0', 'require', 'keyword');
  lacksScope(work, 'use (\n\texample.com/use\n)', 'example.com/use', 'keyword');
});

test('go.work shares its rules with go.mod (only the scope suffix differs)', async () => {
  const mod = readGrammarJson('source.go.mod');
  const work = readGrammarJson('source.go.work');
  const shared = Object.keys(work.repository).filter((k) => k in mod.repository && k !== 'directives');
  assert.ok(shared.length >= 10, `expected shared rules, got ${shared.join(', ')}`);
  for (const k of shared) {
    const expected = JSON.stringify(mod.repository[k]).replace(/\.go\.mod"/g, '.go.work"');
    assert.equal(JSON.stringify(work.repository[k]), expected, `repository.${k} differs between go.mod and go.work`);
  }
});

test('go.sum: module, version, /go.mod suffix and hash', async () => {
  const { sum } = await grammarsPromise;
  const l1 = 'golang.org/x/mod v0.17.0 h1:zY54UmvipHiNd+aUP0Bt8Ak5X3I6dPRv7tm9rwN3e6I=';
  hasScope(sum, l1, 'golang.org/x/mod', 'entity.name.type.module.go.sum');
  hasScope(sum, l1, 'v0.17.0', 'constant.other.version.go.sum');
  hasScope(sum, l1, 'h1:', 'keyword.other.hash-algorithm.go.sum');
  hasScope(sum, l1, 'zY54UmvipHiNd+aUP0Bt8Ak5X3I6dPRv7tm9rwN3e6I=', 'constant.other.hash.go.sum');
  const l2 = 'golang.org/x/mod v0.17.0/go.mod h1:hTbmBsO62+eylJbnUtE2MGJUyE7QWk4xUqPFrRgJ+7c=';
  hasScope(sum, l2, 'v0.17.0', 'constant.other.version.go.sum');
  hasScope(sum, l2, '/go.mod', 'storage.modifier.go-mod.go.sum');
  lacksScope(sum, l2, '/go.mod', 'constant.other.version');
  const l3 = 'example.com/a v0.0.0-20210101120000-abcdefabcdef/go.mod h1:abc=';
  hasScope(sum, l3, 'v0.0.0-20210101120000-abcdefabcdef', 'constant.other.version.pseudo.go.sum');
  const l4 = 'example.com/b v2.0.0+incompatible h1:abc=';
  hasScope(sum, l4, '+incompatible', 'constant.other.version.incompatible.go.sum');
  hasScope(sum, 'not a go.sum line', 'not a go.sum line', 'invalid.illegal.line.go.sum');
});
