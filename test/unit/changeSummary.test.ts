// What a fix changes in go.mod, in words per line: the go command's own
// results (go get dropping a requirement on an excluded version and moving an
// indirect requirement into a block of its own, as Go 1.23 does) described,
// and the edits, applied, give exactly its text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeSummary, describeGoModChange, goSumChangeLabel, needingConfirmation, removedRequirements } from '../../server/src/core/gomod/changeSummary';
import { applyEdits } from '../../server/src/core/gomod/textDiff';

const lines = (...l: string[]) => l.join('\n') + '\n';

const BEFORE = lines(
  'module example.com/x',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/majors v1.0.0',
  '\texample.com/excludeme v1.0.0',
  '\texample.com/pseudonewer v1.0.0 // indirect',
  '\texample.com/retract/ranges v1.2.0',
  ')',
  '',
  'exclude example.com/excludeme v1.0.0',
);
// What `go get -modfile=... example.com/majors@v1.1.0` (Go 1.23) wrote for BEFORE.
const AFTER = lines(
  'module example.com/x',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/majors v1.1.0',
  '\texample.com/retract/ranges v1.2.0',
  ')',
  '',
  'require example.com/pseudonewer v1.0.0 // indirect',
  '',
  'exclude example.com/excludeme v1.0.0',
);

test('go get of one module: the titled upgrade, and the removal and the move it did not ask for', () => {
  const edits = describeGoModChange(BEFORE, AFTER, { kind: 'get', modules: [{ path: 'example.com/majors', version: 'v1.1.0' }] });
  assert.equal(applyEdits(BEFORE, edits), AFTER);
  const labels = [...new Set(edits.map((e) => e.change.label))];
  assert.deepEqual(labels.sort(), [
    'Move example.com/pseudonewer v1.0.0 // indirect to another require block',
    'Remove requirement example.com/excludeme v1.0.0 (an excluded version)',
    'Upgrade example.com/majors v1.0.0 → v1.1.0',
  ], 'the blank line before the new block goes with the move');
  const move = edits.filter((e) => e.change.kind === 'move');
  assert.equal(applyEdits(BEFORE, edits.filter((e) => e.change.kind !== 'move')), BEFORE.replace('v1.0.0\n\texample.com/excludeme v1.0.0\n', 'v1.1.0\n'), 'left out, the move leaves no stray blank line');
  assert.ok(move.some((e) => e.text === '\n'), 'the blank line is part of the move');
  const upgrade = edits.find((e) => e.change.kind === 'upgrade')!;
  assert.equal(upgrade.change.titled, true);
  assert.equal(BEFORE.slice(upgrade.start, upgrade.end), '\texample.com/majors v1.0.0\n', 'one line, replaced in place');
  assert.equal(upgrade.text, '\texample.com/majors v1.1.0\n');
  assert.deepEqual(needingConfirmation(edits).map((c) => c.kind).sort(), ['move', 'remove']);
  assert.deepEqual(removedRequirements(edits).map((c) => [c.path, c.from, c.excluded, c.destructive]), [['example.com/excludeme', 'v1.0.0', true, true]]);
  assert.equal(changeSummary(edits), 'upgraded 1, removed 1 requirement on an excluded version, moved 1 requirement to another require block');
  // Every edit is one line: each line the preview shows has its own words.
  for (const e of edits) {
    assert.ok(BEFORE.slice(e.start, e.end).split('\n').length <= 2 && e.text.split('\n').length <= 2, JSON.stringify(e));
  }
});

test('a version other than the one asked for is beyond the title; an added requirement is not destructive', () => {
  const before = lines('module m', '', 'go 1.22', '', 'require example.com/a v1.0.0');
  const after = lines('module m', '', 'go 1.23', '', 'require example.com/a v1.2.0', '', 'require example.com/b v1.0.0 // indirect');
  const edits = describeGoModChange(before, after, { kind: 'get', modules: [{ path: 'example.com/a', version: 'v1.1.0' }] });
  assert.equal(applyEdits(before, edits), after);
  const byKind = Object.fromEntries(edits.map((e) => [e.change.label, [e.change.titled, e.change.destructive]]));
  assert.deepEqual(byKind['Upgrade example.com/a v1.0.0 → v1.2.0'], [false, false]);
  assert.deepEqual(byKind['Add requirement example.com/b v1.0.0 // indirect'], [false, false]);
  assert.deepEqual(byKind['Change go 1.22 → go 1.23'], [false, false]);
  assert.equal(changeSummary(edits), 'upgraded 1, added 1 requirement, changed 1 other line');
});

test('go mod tidy: every change is the title, and removals are still destructive', () => {
  const before = lines('module m', '', 'go 1.22', '', 'require (', '\t// the cache', '\texample.com/a v1.0.0', '\texample.com/b v1.0.0', ')');
  const after = lines('module m', '', 'go 1.22');
  const edits = describeGoModChange(before, after, { kind: 'tidy' });
  assert.equal(applyEdits(before, edits), after);
  assert.ok(edits.every((e) => e.change.titled));
  assert.deepEqual(removedRequirements(edits).map((c) => c.path), ['example.com/a', 'example.com/b']);
  assert.deepEqual(needingConfirmation(edits).map((c) => c.label), ['Remove requirement example.com/a v1.0.0', 'Remove requirement example.com/b v1.0.0'], 'the comment and the parentheses go with the removals');
  assert.equal(changeSummary(edits), 'removed 2 requirements');
});

test('the comment above a dropped requirement goes with it, as the go command drops them together', () => {
  const before = lines('module m', '', 'require (', '\texample.com/a v1.0.0', '\t// excluded below', '\texample.com/e v1.0.0', ')', '', 'exclude example.com/e v1.0.0');
  // What go get wrote (Go 1.23) for a file of this shape.
  const after = lines('module m', '', 'require (', '\texample.com/a v1.1.0', ')', '', 'exclude example.com/e v1.0.0');
  const edits = describeGoModChange(before, after, { kind: 'get', modules: [{ path: 'example.com/a', version: 'v1.1.0' }] });
  assert.equal(applyEdits(before, edits), after);
  assert.deepEqual([...new Set(edits.map((e) => e.change.label))], ['Upgrade example.com/a v1.0.0 → v1.1.0', 'Remove requirement example.com/e v1.0.0 (an excluded version)']);
  assert.equal(changeSummary(edits), 'upgraded 1, removed 1 requirement on an excluded version', 'no "other line" for the comment');
});

test('CRLF files and a file without a final newline come out exactly', () => {
  const before = 'module m\r\n\r\nrequire example.com/a v1.0.0\r\nrequire example.com/c v1.0.0';
  const after = 'module m\r\n\r\nrequire example.com/a v1.0.1\r\n';
  const edits = describeGoModChange(before, after, { kind: 'get', modules: [{ path: 'example.com/a', version: 'v1.0.1' }] });
  assert.equal(applyEdits(before, edits), after);
  assert.deepEqual(edits.map((e) => e.change.kind), ['upgrade', 'remove']);
  assert.equal(describeGoModChange(before, before, { kind: 'tidy' }).length, 0);
});

test('upgrade all: four upgrades and a removal in one sentence', () => {
  const before = lines('module m', 'require (', '\texample.com/a v1.0.0', '\texample.com/b v1.0.0', '\texample.com/c v1.0.0', '\texample.com/d v1.0.0', '\texample.com/e v1.0.0', ')', 'exclude example.com/e v1.0.0');
  const after = lines('module m', 'require (', '\texample.com/a v1.0.1', '\texample.com/b v1.1.0', '\texample.com/c v1.0.1', '\texample.com/d v1.2.0', ')', 'exclude example.com/e v1.0.0');
  const modules = [['a', 'v1.0.1'], ['b', 'v1.1.0'], ['c', 'v1.0.1'], ['d', 'v1.2.0']].map(([p, version]) => ({ path: `example.com/${p}`, version }));
  const edits = describeGoModChange(before, after, { kind: 'get', modules });
  assert.equal(applyEdits(before, edits), after);
  assert.equal(changeSummary(edits), 'upgraded 4, removed 1 requirement on an excluded version');
  assert.deepEqual(needingConfirmation(edits).map((c) => c.path), ['example.com/e']);
});

test('go.sum changes are counted in words', () => {
  assert.equal(goSumChangeLabel('a h1:x\nb h1:y\n', 'a h1:x\nc h1:z\nd h1:w\n'), 'go.sum: 2 checksums added, 1 checksum removed');
});
