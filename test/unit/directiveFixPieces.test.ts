// The pure parts of the fixes where one action is obvious: the toolchain name
// a rejected toolchain line meant, removing a go.work `use`, the requirements
// a go.sum download must fill in, the replacement a deprecation message names,
// and the arguments of a go mod download run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goFixArgs } from '../../server/src/core/gocmd/goFix';
import { parseFile } from '../../server/src/core/gomod/parse';
import { removeDirective } from '../../server/src/core/gomod/removeDirective';
import { applyEdits } from '../../server/src/core/gomod/textDiff';
import { correctToolchainName, toolchainFix } from '../../server/src/core/gomod/toolchainFix';
import { isStdPackagePath, replacementPath } from '../../server/src/core/module/replacementPath';
import { goSumRules, requirementsWithoutSums } from '../../server/src/core/rules/goSumRules';
import { toolchainRules } from '../../server/src/core/rules/toolchainRules';

const lines = (...l: string[]) => l.join('\n') + '\n';

test('a rejected toolchain name is corrected to the toolchain it names, or left alone', () => {
  const cases: [string[], string | undefined][] = [
    [['1.22.1'], 'go1.22.1'],
    [['v1.22.1'], 'go1.22.1'],
    [['Go1.22.1'], 'go1.22.1'],
    [['GO1.23.4'], 'go1.23.4'],
    [['go', '1.22.1'], 'go1.22.1'],
    [['1.22rc1'], 'go1.22rc1'],
    [['1.21beta1'], 'go1.21beta1'],
    // From Go 1.21 on, 1.N is a language version; the release is 1.N.0 (go.dev/doc/toolchain#name).
    [['1.22'], 'go1.22.0'],
    [['v1.21'], 'go1.21.0'],
    [['1.20'], 'go1.20'],
    [['1.19.3'], 'go1.19.3'],
    [['gox1.2'], undefined],
    [['latest'], undefined],
    [['1.22.1.5'], undefined],
    [['go1.22.1', 'extra'], undefined],
    [[], undefined],
    [['go1.22.1'], undefined],
  ];
  for (const [args, want] of cases) assert.equal(correctToolchainName(args), want, JSON.stringify(args));
});

test('the toolchain fix rewrites only the arguments of a toolchain line the go command rejects', () => {
  const text = lines('module m', '', 'go 1.21', '', 'toolchain 1.22.1 // pinned', '', 'require a.example/b v1.0.0');
  const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const fix = toolchainFix(p, text.indexOf('toolchain'));
  assert.ok(fix);
  assert.equal(fix.name, 'go1.22.1');
  assert.equal(applyEdits(text, [fix.edit]), text.replace('toolchain 1.22.1', 'toolchain go1.22.1'));
  assert.equal(toolchainFix(p, text.indexOf('require')), undefined, 'not another line');

  const split = lines('go 1.22', '', 'toolchain go 1.23.2');
  const fixed = toolchainFix(parseFile(split, { filename: 'go.work', kind: 'work' }), split.indexOf('toolchain'));
  assert.equal(fixed && applyEdits(split, [fixed.edit]), lines('go 1.22', '', 'toolchain go1.23.2'));

  const valid = lines('module m', '', 'go 1.21', '', 'toolchain go1.22.1');
  assert.equal(toolchainFix(parseFile(valid, { filename: 'go.mod', kind: 'mod' }), valid.indexOf('toolchain')), undefined, 'a toolchain name is never rewritten');
  const language = lines('module m', '', 'go 1.21', '', 'toolchain go1.22');
  const release = toolchainFix(parseFile(language, { filename: 'go.mod', kind: 'mod' }), language.indexOf('toolchain'));
  assert.equal(release && applyEdits(language, [release.edit]), language.replace('go1.22', 'go1.22.0'), 'a language version becomes its first release');
});

test('toolchain-language-version: a language version of Go 1.21 or later where a toolchain name belongs', () => {
  const codes = (toolchain: string) => toolchainRules(parseFile(lines('module m', '', 'go 1.21', '', `toolchain ${toolchain}`), { filename: 'go.mod', kind: 'mod' })).map((f) => f.code);
  assert.deepEqual(codes('go1.22'), ['toolchain-language-version']);
  assert.deepEqual(codes('go1.21'), ['toolchain-language-version']);
  for (const ok of ['go1.22.0', 'go1.20', 'go1.19', 'go1.22rc1', 'default', 'go1.22-custom']) assert.deepEqual(codes(ok), [], ok);
  const [f] = toolchainRules(parseFile(lines('go 1.22', '', 'toolchain go1.23'), { filename: 'go.work', kind: 'work' }));
  assert.match(f.message, /^go1\.23 is a Go language version, not a toolchain: write toolchain go1\.23\.0, the first 1\.23 release\./);
  assert.deepEqual([f.start.line, f.start.col, f.end.col], [3, 11, 17], 'on the name');
});

test('removing a go.work use takes its comments; an emptied use block goes whole', () => {
  const text = lines('go 1.22', '', 'use (', '\t.', '\t// gone', '\t./missing', ')', '', 'use ./alone // note', '');
  const p = parseFile(text, { filename: 'go.work', kind: 'work' });
  const remove = (needle: string) => {
    const r = removeDirective(text, p, 'use', text.indexOf(needle));
    assert.ok(r, needle);
    return applyEdits(text, [r.edit]);
  };
  assert.equal(remove('./missing'), lines('go 1.22', '', 'use (', '\t.', ')', '', 'use ./alone // note', ''));
  assert.equal(remove('./alone'), lines('go 1.22', '', 'use (', '\t.', '\t// gone', '\t./missing', ')', ''));
});

test('the requirements a download fills in: those without a go.mod checksum, the replacement\'s for a replaced one, never a local directory', () => {
  const text = lines('module m', '', 'go 1.22', '', 'require (', '\ta.example/x v1.0.0', '\ta.example/y v1.1.0', '\ta.example/local v1.0.0', '\ta.example/old v1.0.0', ')', '',
    'replace a.example/local v1.0.0 => ./local', '', 'replace a.example/old => a.example/new v1.2.0');
  const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const sums = (sum: string | undefined) => requirementsWithoutSums(p, sum).map((n) => `${n.req.mod.path}: ${n.sum.path}@${n.sum.version}`);
  assert.deepEqual(sums(undefined), ['a.example/x: a.example/x@v1.0.0', 'a.example/y: a.example/y@v1.1.0', 'a.example/old: a.example/new@v1.2.0']);
  assert.deepEqual(sums('a.example/x v1.0.0/go.mod h1:abc=\na.example/y v1.1.0 h1:zip=\na.example/old v1.0.0/go.mod h1:old=\n'),
    ['a.example/y: a.example/y@v1.1.0', 'a.example/old: a.example/new@v1.2.0'], 'only the go.mod line counts, of the module the go command loads');
  assert.deepEqual(sums('a.example/new v1.2.0/go.mod h1:new=\n'), ['a.example/x: a.example/x@v1.0.0', 'a.example/y: a.example/y@v1.1.0']);
  const [replaced] = goSumRules(p, 'a.example/x v1.0.0/go.mod h1:abc=\na.example/y v1.1.0/go.mod h1:def=\n');
  assert.match(replaced.message, /^go\.sum has no checksum for a\.example\/new v1\.2\.0 \(which replaces a\.example\/old v1\.0\.0\)/);
  assert.equal(replaced.module, 'a.example/old');
});

test('go mod download runs with -modfile and checked module paths', () => {
  assert.deepEqual(goFixArgs({ kind: 'download', paths: ['example.com/majors'] }, '/tmp/x/go.mod'), { ok: true, args: ['mod', 'download', '-modfile=/tmp/x/go.mod', 'example.com/majors'] });
  assert.equal(goFixArgs({ kind: 'download', paths: ['-x'] }, '/tmp/x/go.mod').ok, false, 'no flag through a module argument');
  assert.equal(goFixArgs({ kind: 'download', paths: ['example.com/majors@v1.0.0'] }, '/tmp/x/go.mod').ok, false, 'a path, not a version query, which would bypass replace');
  assert.equal(goFixArgs({ kind: 'download', paths: [] }, '/tmp/x/go.mod').ok, false);
});

test('a deprecation message names its replacement: a module path or a standard-library package', () => {
  const cases: [string, string | undefined][] = [
    ['use example.com/foo/v2 instead.', 'example.com/foo/v2'],
    ['Use the "google.golang.org/protobuf" module instead.', 'google.golang.org/protobuf'],
    ["Use the standard library's \"log/slog\" package.", 'log/slog'],
    ['use log/slog', 'log/slog'],
    ['This module is no longer maintained; please use `github.com/acme/tool/v3`.', 'github.com/acme/tool/v3'],
    ['moved to go.example.org/thing@v1.2.0.', 'go.example.org/thing'],
    ['replaced by example.com/self, see example.com/other', 'example.com/other'],
    ['use context instead', 'context'],
    ['in example.com/deprecated/a@v1.9.0', undefined],
    ['do not use this module, see the README', undefined],
    ['use with care: it is unmaintained', undefined],
    ['use text/template instead', 'text/template'],
    ['use go instead', undefined],
    ['see https://example.com/why for details', undefined],
  ];
  for (const [message, want] of cases) assert.equal(replacementPath(message, 'example.com/self')?.path, want, message);
  assert.equal(replacementPath('use log/slog', 'example.com/self')?.std, true);
  assert.equal(replacementPath('use example.com/foo/v2', 'example.com/self')?.std, false);
  assert.equal(isStdPackagePath('log/slog'), true);
  assert.equal(isStdPackagePath('logs/slog'), false);
  assert.equal(isStdPackagePath('encoding/JSON'), false);
});
