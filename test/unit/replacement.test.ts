// The replace in effect for a module version, as the go command picks it:
// a replace of that exact version before a replace of every version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/core/gomod/parse';
import { replacementFor } from '../../server/src/core/gomod/replacement';

const p = parseFile([
  'module example.com/m',
  'replace example.com/a => ./a-fork',
  'replace example.com/a v1.2.0 => example.com/a v1.2.1',
  'replace example.com/b v1.0.0 => ./b-fork',
].join('\n') + '\n', { filename: 'go.mod', kind: 'mod' });

test('an exact-version replace wins over a replace of every version, whatever their order', () => {
  assert.equal(replacementFor(p.directives, 'example.com/a', 'v1.2.0')?.new.path, 'example.com/a');
  assert.equal(replacementFor(p.directives, 'example.com/a', 'v1.3.0')?.new.path, './a-fork');
});

test('a version-specific replace applies to that version only; other modules have none', () => {
  assert.equal(replacementFor(p.directives, 'example.com/b', 'v1.0.0')?.new.path, './b-fork');
  assert.equal(replacementFor(p.directives, 'example.com/b', 'v1.1.0'), undefined);
  assert.equal(replacementFor(p.directives, 'example.com/c', 'v1.0.0'), undefined);
});
