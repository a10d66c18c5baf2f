// not-tidy from the go command's `go mod tidy -diff` answer: findings on the
// lines tidy would change, placed by the current parse; a diff of go.sum alone
// is left to gosum-missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/core/gomod/parse';
import { cause } from '../../server/src/core/gocmd/tidyDiff';
import { tidyFindings } from '../../server/src/core/rules/tidyRules';

const GO_MOD = 'module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n';
const parsed = () => parseFile(GO_MOD, { filename: 'go.mod', kind: 'mod' });

const diff = (goMod: string[], goSum: string[] = []) => [
  ...(goMod.length ? ['--- /tmp/m/go.mod', '+++ /tmp/m/go.mod', '@@ -5,4 +5,4 @@', ...goMod] : []),
  ...(goSum.length ? ['--- /tmp/m/go.sum', '+++ /tmp/m/go.sum', '@@ -0,0 +1,2 @@', ...goSum] : []),
].join('\n') + '\n';

test('a requirement tidy would remove is reported on its path, one it would add on the module line', () => {
  const f = tidyFindings(parsed(), { kind: 'diff', diff: diff(['-\texample.com/a v1.0.0', '+\texample.com/c v1.2.0 // indirect']) });
  assert.deepEqual(f.map((x) => [x.start.line, x.module]).sort(), [[1, 'example.com/c'], [6, 'example.com/a']]);
  assert.match(f.find((x) => x.module === 'example.com/a')!.message, /^No package of this module needs example\.com\/a: run go mod tidy to remove this requirement\.$/);
  assert.match(f.find((x) => x.module === 'example.com/c')!.message, /: run go mod tidy to add "example.com\/c v1.2.0 \/\/ indirect"\.$/);
});

test('a rewritten requirement says what it would become', () => {
  const f = tidyFindings(parsed(), { kind: 'diff', diff: diff(['-\texample.com/b v1.1.0', '+\texample.com/b v1.1.0 // indirect']) });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^Run go mod tidy: it would rewrite this requirement as "example.com\/b v1.1.0 \/\/ indirect"\.$/);
});

test('a requirement that tidy only moves (a block shortened to one line) is no finding', () => {
  const f = tidyFindings(parsed(), { kind: 'diff', diff: diff(['-require (', '-\texample.com/a v1.0.0', '-\texample.com/b v1.1.0', '-)', '+require example.com/b v1.1.0']) });
  assert.deepEqual(f.map((x) => [x.start.line, x.module]), [[6, 'example.com/a']]);
});

test('a diff of go.sum alone is not a not-tidy finding', () => {
  assert.deepEqual(tidyFindings(parsed(), { kind: 'diff', diff: diff([], ['+example.com/a v1.0.0 h1:abc=', '+example.com/a v1.0.0/go.mod h1:def=']) }), []);
});

test('a go.mod change that is no requirement line is reported once on the module line', () => {
  const f = tidyFindings(parsed(), { kind: 'diff', diff: diff(['-go 1.22', '+go 1.22.0']) });
  assert.deepEqual(f.map((x) => [x.start.line, x.message]), [[1, 'go.mod is not tidy: run go mod tidy.']]);
});

test('an answer the go command could not give is information, and a tidy module has no finding', () => {
  const [f] = tidyFindings(parsed(), { kind: 'failed', why: 'flag provided but not defined: -diff' });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /Could not ask the go command whether go.mod is tidy \(go mod tidy -diff: flag provided/);
  assert.deepEqual(tidyFindings(parsed(), { kind: 'tidy' }), []);
});

test('the reason tidy could not answer is the line the go command stopped at, not a progress note', () => {
  const stderr = [
    'go: dropping requirement on excluded version example.com/metrics v1.1.0',
    'go: finding module for package example.com/greting',
    'go: example.com/demo imports',
    '\texample.com/greting: module example.com/greting: reading http://127.0.0.1:1/example.com/greting/@v/list: 404 Not Found',
    '',
  ].join('\n');
  assert.equal(cause(stderr), 'example.com/greting: module example.com/greting: reading http://127.0.0.1:1/example.com/greting/@v/list: 404 Not Found');
  assert.equal(cause('go: downloading example.com/m v1.0.0\n'), 'go: downloading example.com/m v1.0.0', 'only notes: the last one');
  assert.equal(cause(''), '');
});
