// Where completion applies in a go.mod, and how versions are offered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionSlot, versionChoices } from '../../server/src/core/present/completion';
import { parseFile } from '../../server/src/core/gomod/parse';

function slotAt(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  return completionSlot(parseFile(text, { filename: 'go.mod', kind: 'mod' }), text, offset);
}

test('versions after a module path, module paths at the start of a line', () => {
  assert.deepEqual(pick(slotAt('module m\n\nrequire example.com/a v1.|\n')), { kind: 'version', path: 'example.com/a', prefix: 'v1.' });
  assert.deepEqual(pick(slotAt('module m\n\nrequire (\n\texample.com/a |\n)\n')), { kind: 'version', path: 'example.com/a', prefix: '' });
  assert.deepEqual(pick(slotAt('module m\n\nrequire (\n\texample.com/a v1.0.0\n\texam|\n)\n')), { kind: 'module', prefix: 'exam' });
  assert.deepEqual(pick(slotAt('module m\n\nrequire (\n\t|\n)\n')), { kind: 'module', prefix: '' });
  assert.deepEqual(pick(slotAt('module m\n\nexclude example.com/a v|\n')), { kind: 'version', path: 'example.com/a', prefix: 'v' });
  assert.deepEqual(pick(slotAt('module m\n\nreplace example.com/a => example.com/b v|\n')), { kind: 'version', path: 'example.com/b', prefix: 'v' });
  assert.equal(slotAt('module m\n\nreplace example.com/a => ./local |\n'), undefined);
  assert.equal(slotAt('module m|\n'), undefined);
  assert.equal(slotAt('module m\n\ngo 1.2|\n'), undefined);
});

test('versions newest first, retracted ones last and marked', () => {
  const choices = versionChoices(['v1.0.0', 'v1.2.0', 'v1.10.0', 'v1.11.0-rc.1', 'v1.1.0'], [{ low: 'v1.2.0', high: 'v1.2.0', rationale: 'broken' }], 'v1.10.0', 'v1.1');
  assert.deepEqual(choices.map((c) => [c.version, c.latest, c.prerelease, c.retracted]), [
    ['v1.11.0-rc.1', false, true, undefined],
    ['v1.10.0', true, false, undefined],
    ['v1.1.0', false, false, undefined],
  ]);
  const all = versionChoices(['v1.0.0', 'v1.2.0'], [{ low: 'v1.2.0', high: 'v1.2.0', rationale: 'broken' }], 'v1.0.0', '');
  assert.deepEqual(all.map((c) => [c.version, c.retracted]), [['v1.0.0', undefined], ['v1.2.0', 'broken']]);
});

function pick(s: ReturnType<typeof completionSlot>) {
  if (!s) return s;
  return s.kind === 'version' ? { kind: s.kind, path: s.path, prefix: s.prefix } : { kind: s.kind, prefix: s.prefix };
}
