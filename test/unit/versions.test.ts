// Pseudo-versions, tagged-version lists, retraction intervals and lax go.mod reading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/core/gomod/parse';
import { RETRACTED_BY_AUTHOR, retractionRationale } from '../../server/src/core/facts/moduleFacts';
import { isPseudoVersion, pseudoVersionBase, pseudoVersionTime } from '../../server/src/core/semver/pseudo';
import { legacyGoMod, taggedVersions } from '../../server/src/core/facts/query';
import { parseVersionList, versionOrder } from '../../server/src/core/semver/versionList';

test('pseudo-versions: recognised, timed and traced to their base', () => {
  const cases: [string, string | undefined][] = [
    ['v0.0.0-20191109021931-daa7c04131f5', ''],
    ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3'],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', 'v1.2.3-pre'],
    ['v2.0.1-0.20191109021931-daa7c04131f5+incompatible', 'v2.0.0+incompatible'],
  ];
  for (const [v, base] of cases) {
    assert.ok(isPseudoVersion(v), v);
    assert.equal(pseudoVersionBase(v), base, v);
    assert.equal(pseudoVersionTime(v)?.toISOString(), '2019-11-09T02:19:31.000Z');
  }
  for (const v of ['v1.2.3', 'v1.2.3-rc.1', 'v0.0.0-2019110902193-daa7c04131f5', 'v1.2.3-20191109021931-daa7c04131f5']) {
    assert.equal(isPseudoVersion(v), false, v);
  }
});

test('@v/list: valid tags only, sorted by semver', () => {
  const lines = ['v1.10.0', 'v1.2.0 2020-01-01T00:00:00Z', 'v1.9.0-rc.1', 'garbage', '', 'v0.0.0-20191109021931-daa7c04131f5', 'v2.0.0+incompatible', 'v1.2'];
  assert.deepEqual(taggedVersions(lines), ['v1.2', 'v1.2.0', 'v1.9.0-rc.1', 'v1.10.0', 'v2.0.0+incompatible']);
  assert.equal(legacyGoMod('example.com/a b'), 'module "example.com/a b"\n');
});

test('a long @v/list is sorted in slices to the same order, numbers past npm semver\'s range included', async () => {
  // Longer than one slice (4096), so that the runs are merged.
  const lines: string[] = [];
  for (let i = 0; i < 9000; i++) {
    const n = (i * 7919) % 9000;
    lines.push([`v1.${n % 97}.${n}`, `v1.${n % 97}.${n}-rc.${n % 13}`, `v2.${n % 5}.0+incompatible`, `v1.${n % 97}`, `v1.2.${n + 1}-0.20191109021931-daa7c04131f5`][i % 5]);
  }
  lines.push('v99999999999999999999.0.0', 'v9007199254740991.0.0', 'v1.0.0-99999999999999999999', 'v1.0.0-99999999999999999998', 'not-a-version', 'v1.02.3');
  const list = await parseVersionList(lines.join('\n'));
  assert.ok('versions' in list);
  const want = lines.filter((v) => v.startsWith('v') && !v.includes('-0.2019') && v !== 'v1.02.3').sort(versionOrder);
  assert.deepEqual(list.versions, want);
  assert.deepEqual(list.versions.slice(-2), ['v9007199254740991.0.0', 'v99999999999999999999.0.0']);
  assert.ok(list.versions.indexOf('v1.0.0-99999999999999999998') < list.versions.indexOf('v1.0.0-99999999999999999999'));
  assert.equal(list.lines.length, lines.length - 2);
});

test('retraction intervals and rationales', () => {
  const r = [
    { low: 'v1.0.0', high: 'v1.0.0', rationale: 'bad build' },
    { low: 'v1.1.0', high: 'v1.3.0', rationale: '' },
    { low: 'v1.2.0', high: 'v1.2.5', rationale: 'data race' },
  ];
  assert.deepEqual(retractionRationale(r, 'v1.0.0'), ['bad build']);
  assert.deepEqual(retractionRationale(r, 'v1.1.5'), [RETRACTED_BY_AUTHOR]);
  assert.deepEqual(retractionRationale(r, 'v1.2.1'), ['data race']);
  assert.equal(retractionRationale(r, 'v1.3.1'), undefined);
  assert.deepEqual(retractionRationale(r, 'v1.2.0-pre'), [RETRACTED_BY_AUTHOR], 'v1.2.0-pre is below [v1.2.0, v1.2.5] but inside [v1.1.0, v1.3.0]');
});

test("a dependency's go.mod is read laxly, as the go command does", () => {
  const text = 'module example.com/dep\n\ngo 1.21.0-custom\n\ntool example.com/t\nfuture directive\nreplace x => y\nretract [v1.0.0, v1.1.0, v1.2.0]\nretract v1.3.0 // oops\n';
  const strict = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  assert.ok(strict.errors.length > 0);
  const lax = parseFile(text, { filename: 'go.mod', kind: 'mod', lax: true });
  assert.deepEqual(lax.errors, []);
  assert.equal(lax.directives.go?.version, '1.21');
  assert.deepEqual(lax.directives.retract.map((r) => [r.low, r.rationale]), [['v1.3.0', 'oops']]);
});
