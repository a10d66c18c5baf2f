// The list "Upgrade all" shows before it applies anything.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Upgrade } from '../../server/src/core/facts/upgrades';
import { upgradeAllQuestion } from '../../server/src/core/present/upgradeList';

const up = (path: string, from: string, version: string) => ({ path, from, version }) as Upgrade;

test('grouped by minor and patch, with the locally replaced modules named as left alone', () => {
  assert.equal(
    upgradeAllQuestion([up('example.com/a', 'v1.0.0', 'v1.1.0'), up('example.com/b', 'v1.0.0', 'v1.0.1'), up('example.com/c', 'v0.1.0', 'v0.2.0')], [up('example.com/d', 'v1.0.0', 'v1.9.0')]),
    'Upgrade 3 direct requirements? Minor (2): example.com/a v1.0.0 → v1.1.0, example.com/c v0.1.0 → v0.2.0. Patch (1): example.com/b v1.0.0 → v1.0.1. Left alone, replaced by a local directory: example.com/d.',
  );
});

test('a long list names the first ones and counts the rest', () => {
  const many = Array.from({ length: 10 }, (_, i) => up(`example.com/m${i}`, 'v1.0.0', 'v1.0.1'));
  assert.match(upgradeAllQuestion(many, []), /^Upgrade 10 direct requirements\? Patch \(10\): example\.com\/m0 v1\.0\.0 → v1\.0\.1, .*example\.com\/m7 v1\.0\.0 → v1\.0\.1 and 2 more\.$/);
});
