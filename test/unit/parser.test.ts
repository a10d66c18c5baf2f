// The parser's own promises beyond agreeing with Go: exact ranges, comments
// kept where they belong, and recovery that keeps the rest of a broken file usable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Line, LineBlock } from '../../server/src/core/gomod/ast';
import { parseFile } from '../../server/src/core/gomod/parse';

const mod = (text: string) => parseFile(text, { filename: 'go.mod', kind: 'mod', windows: false });

test('tokens carry UTF-16 offsets and Go rune columns', () => {
  const text = 'module example.com/m // 😀\nrequire "example.com/é" v1.0.0\n';
  const p = mod(text);
  const req = p.directives.require[0];
  const [verb, pathTok, version] = req.line.tokens;
  assert.equal(verb.raw, 'require');
  assert.equal(text.slice(pathTok.start.offset, pathTok.end.offset), '"example.com/é"');
  assert.equal(pathTok.text, 'example.com/é', 'Go rewrites a quoted path that needs no quotes');
  assert.deepEqual([version.start.line, version.start.col], [2, 25]);
  assert.equal(text.slice(version.start.offset, version.end.offset), 'v1.0.0');
  assert.equal(p.directives.module?.line.comments.suffix[0].token, '// 😀');
});

test('comments attach as Go attaches them', () => {
  const p = mod('// file comment\n\n// before module\nmodule m // suffix\n\nrequire (\n\t// before a\n\ta v1.0.0 // a suffix\n\n\t// before paren\n)\n');
  const stmts = p.syntax.stmts;
  assert.equal(stmts[0].type, 'comments');
  assert.deepEqual(stmts[0].comments.before.map((c) => c.token), ['// file comment']);
  const module = stmts[1] as Line;
  assert.deepEqual(module.comments.before.map((c) => c.token), ['// before module']);
  assert.deepEqual(module.comments.suffix.map((c) => c.token), ['// suffix']);
  const block = stmts[2] as LineBlock;
  assert.deepEqual(block.lines[0].comments.before.map((c) => c.token), ['// before a']);
  assert.deepEqual(block.lines[0].comments.suffix.map((c) => c.token), ['// a suffix']);
  assert.deepEqual(block.rparen.comments.before.map((c) => c.token), ['', '// before paren'], 'a blank line is kept as an empty comment');
});

test('deprecation and retraction rationale come from comments', () => {
  const p = mod('// Deprecated: use example.com/n\n// instead.\n//\n// More text.\nmodule example.com/m\n\nretract (\n\t// Broke the build.\n\t// Twice.\n\tv1.0.0\n\t[v1.1.0, v1.2.0] // one-liner\n)\n');
  assert.equal(p.directives.module?.deprecated, 'use example.com/n\ninstead.');
  assert.deepEqual(p.directives.retract.map((r) => [r.low, r.high, r.rationale]), [
    ['v1.0.0', 'v1.0.0', 'Broke the build.\nTwice.'],
    ['v1.1.0', 'v1.2.0', 'one-liner'],
  ]);
});

test('a syntax error does not hide the rest of the file', () => {
  const p = mod('module m\nrequire a v1.0.0 /* no */\nrequire b "v1.0.0\nrequire c \u0000 v1.0.0\nrequire d v1.0.0\n');
  assert.deepEqual(p.syntaxErrors.map((e) => [e.pos.line, e.message]), [
    [2, 'mod files must use // comments (not /* */ comments)'],
    [3, 'unexpected newline in string'],
    [4, "unexpected input character '\\x00'"],
  ]);
  assert.deepEqual(p.directives.require.map((r) => r.mod.path), ['d'], 'lines with syntax errors are not interpreted');
  assert.deepEqual(p.errors, []);
});

test('an unclosed block ends before the next directive, so later lines still count', () => {
  const p = mod('module m\n\nrequire (\n\ta v1.0.0\n\nreplace a => ../a\n\nrequire b v1.1.0\n');
  assert.equal(p.syntaxErrors.length, 1);
  assert.equal(p.syntaxErrors[0].message, 'syntax error (unterminated block started at go.mod:3:1)');
  assert.equal(p.syntaxErrors[0].pos.line, 9, 'Go reports it at the end of the file');
  assert.deepEqual(p.syntaxErrors[0].highlight?.start.line, 3, 'editors show it at the block');
  assert.deepEqual(p.directives.require.map((r) => r.mod.path), ['a', 'b']);
  assert.deepEqual(p.directives.replace.map((r) => r.new.path), ['../a']);
});

test('rule errors are all reported, each on its own line', () => {
  const p = mod('module m\ngo 1.21.0.1\nrequire a v1.x\nrequire b/v2 v1.0.0\nexclude c\nreplace d => e\nretract v1.0.0 extra\nfoo bar\n');
  assert.deepEqual(p.errors.map((e) => [e.pos.line, e.message]), [
    [2, "invalid go version '1.21.0.1': must match format 1.23.0"],
    [3, 'require a: version "v1.x" invalid: must be of the form v1.2.3'],
    [4, 'require b/v2: version "v1.0.0" invalid: should be v2, not v1'],
    [5, 'usage: exclude module/path v1.2.3'],
    [6, 'replacement module without version must be directory path (rooted or starting with . or ..)'],
    [7, 'unexpected token after version: "extra"'],
    [8, 'unknown directive: foo'],
  ]);
});

test('tool (Go 1.24) and ignore (Go 1.25) directives are understood', () => {
  const p = mod('module m\n\ntool golang.org/x/tools/cmd/stringer\n\ntool (\n\texample.com/gen\n)\n\nignore ./node_modules\nignore (\n\t./testdata\n)\n');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(p.directives.tool.map((t) => t.path), ['golang.org/x/tools/cmd/stringer', 'example.com/gen']);
  assert.deepEqual(p.directives.ignore.map((t) => t.path), ['./node_modules', './testdata']);
  assert.deepEqual(mod('module m\ntool a b\n').errors.map((e) => e.message), ['tool directive expects exactly one argument']);
});

test('go.work files have their own directives', () => {
  const p = parseFile('go 1.22\ntoolchain go1.22.3\n\nuse (\n\t./a\n\t../b\n)\nuse ./c\nreplace x v1.0.0 => ./x\nrequire y v1.0.0\n', { filename: 'go.work', kind: 'work' });
  assert.deepEqual(p.directives.use.map((u) => u.path), ['./a', '../b', './c']);
  assert.equal(p.directives.toolchain?.name, 'go1.22.3');
  assert.deepEqual(p.errors.map((e) => e.message), ['unknown directive: require']);
});

test('Windows replacement directories are refused only off Windows, as Go does', () => {
  const text = 'module m\nreplace a => C:\\src\\a\nreplace b => .\\b\n';
  assert.deepEqual(parseFile(text, { filename: 'go.mod', kind: 'mod', windows: true }).errors, []);
  assert.equal(parseFile(text, { filename: 'go.mod', kind: 'mod', windows: false }).errors.length, 2);
});
