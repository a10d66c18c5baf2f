// Matching a module version against vulnerability entries, with the semantics
// of govulncheck -scan module.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildingToolchain } from '../../server/src/core/facts/vulnFacts';
import { candidateIds, goReleaseTag, goReleaseVersion, lowestFixingVersion, rangesAffect, vulnerabilitiesOf } from '../../server/src/core/vuln/match';
import type { OsvRange, VulnEntry } from '../../server/src/core/vuln/osv';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const semver = (...events: OsvRange['events']): OsvRange => ({ type: 'SEMVER', events });

function entry(id: string, module: string, ranges: OsvRange[], extra: Partial<VulnEntry> = {}): VulnEntry {
  return { id, modified: '2026-01-01T00:00:00Z', aliases: [`CVE-2026-${id.slice(-4)}`], summary: `summary of ${id}`, details: '', url: `https://pkg.go.dev/vuln/${id}`, affected: [{ module, ranges, packages: [{ path: `${module}/pkg` }] }], ...extra };
}

const ids = (path: string, version: string, entries: VulnEntry[]) => vulnerabilitiesOf(path, version, entries, { now: NOW }).map((v) => v.id);

test('a range is half-open: introduced is affected, fixed is not', () => {
  const r = [semver({ introduced: '1.1.0' }, { fixed: '1.2.3' })];
  assert.equal(rangesAffect(r, 'v1.0.9'), false);
  assert.equal(rangesAffect(r, 'v1.1.0'), true);
  assert.equal(rangesAffect(r, 'v1.2.2'), true);
  assert.equal(rangesAffect(r, 'v1.2.3'), false);
});

test('introduced "0" covers every version below the fix, pseudo-versions and pre-releases included', () => {
  const r = [semver({ introduced: '0' }, { fixed: '1.0.0' })];
  assert.equal(rangesAffect(r, 'v0.0.0-20200101000000-abcdefabcdef'), true);
  assert.equal(rangesAffect(r, 'v1.0.0-rc.1'), true);
  assert.equal(rangesAffect(r, 'v1.0.0'), false);
  // A pseudo-version above a release orders after it, as in Go.
  assert.equal(rangesAffect(r, 'v1.0.1-0.20210101000000-abcdefabcdef'), false);
});

test('a re-introduced vulnerability without a fix affects every later version; events may come in any order', () => {
  const r = [semver({ introduced: '1.5.0' }, { introduced: '0' }, { fixed: '1.2.0' })];
  assert.deepEqual(['v1.1.9', 'v1.2.0', 'v1.4.9', 'v1.5.0', 'v9.0.0'].map((v) => rangesAffect(r, v)), [true, false, false, true, true]);
});

test('pre-release events order as Go orders pre-releases', () => {
  const r = [semver({ introduced: '0' }, { fixed: '1.3.0-rc.1' })];
  assert.equal(rangesAffect(r, 'v1.3.0-beta.2'), true);
  assert.equal(rangesAffect(r, 'v1.3.0-rc.1'), false);
  assert.equal(rangesAffect(r, 'v1.3.0'), false);
});

test('no ranges, or no SEMVER range, affects every version; ranges of another type are ignored', () => {
  assert.equal(rangesAffect([], 'v5.0.0'), true);
  assert.equal(rangesAffect([{ type: 'GIT', events: [{ introduced: '0' }] }], 'v5.0.0'), true);
  assert.equal(rangesAffect([{ type: 'GIT', events: [{ introduced: '0' }] }, semver({ introduced: '0' }, { fixed: '1.0.0' })], 'v5.0.0'), false);
});

test('+incompatible compares as the plain version', () => {
  const e = [entry('GO-2026-0007', 'example.com/old', [semver({ introduced: '2.0.0' }, { fixed: '2.4.0' })])];
  assert.deepEqual(ids('example.com/old', 'v2.3.0+incompatible', e), ['GO-2026-0007']);
  assert.deepEqual(ids('example.com/old', 'v2.4.0+incompatible', e), []);
  assert.equal(vulnerabilitiesOf('example.com/old', 'v2.3.0+incompatible', e, { now: NOW })[0].fixed, 'v2.4.0');
});

test('withdrawn entries and entries about other modules affect nothing', () => {
  const all = [semver({ introduced: '0' })];
  const e = [
    entry('GO-2026-0001', 'example.com/a', all, { withdrawn: '2026-06-01T00:00:00Z' }),
    entry('GO-2026-0002', 'example.com/b', all),
    entry('GO-2026-0003', 'example.com/a', all, { withdrawn: '2027-06-01T00:00:00Z' }),
  ];
  // A withdrawal dated after now is not in effect yet, as govulncheck reads it.
  assert.deepEqual(ids('example.com/a', 'v1.0.0', e), ['GO-2026-0003']);
});

test('Fixed is the lowest fix above the version in use that is not affected again', () => {
  const e = [entry('GO-2026-0010', 'example.com/m', [semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.3.0' }, { fixed: '1.3.5' }, { introduced: '1.8.0' })])];
  const fixed = (v: string) => vulnerabilitiesOf('example.com/m', v, e, { now: NOW })[0]?.fixed;
  assert.equal(fixed('v1.1.0'), 'v1.2.0');
  assert.equal(fixed('v1.3.1'), 'v1.3.5');
  assert.equal(fixed('v1.9.0'), undefined, 'introduced again without a fix');
  assert.equal(fixed('v1.2.0'), undefined, 'not affected at all');
});

test('Fixed counts every affected item of the module: a fix that another item takes back is no fix', () => {
  const item = (ranges: OsvRange[]) => ({ module: 'example.com/m', ranges, packages: [{ path: 'example.com/m' }] });
  const split = entry('GO-2026-0011', 'example.com/m', [], {
    affected: [item([semver({ introduced: '0' }, { fixed: '1.2.0' })]), item([semver({ introduced: '1.2.0' }, { fixed: '1.3.0' })]), item([semver({ introduced: '1.5.0' }, { fixed: '1.6.0' })])],
  });
  const fixed = (v: string, e: VulnEntry) => vulnerabilitiesOf('example.com/m', v, [e], { now: NOW })[0]?.fixed;
  assert.equal(fixed('v1.1.0', split), 'v1.3.0', '1.2.0 is affected by the second item');
  assert.equal(fixed('v1.2.5', split), 'v1.3.0');
  assert.equal(fixed('v1.5.0', split), 'v1.6.0');
  assert.deepEqual(ids('example.com/m', 'v1.3.0', [split]), []);
  // An item without ranges holds every version: nothing fixes it.
  const everywhere = entry('GO-2026-0012', 'example.com/m', [], { affected: [item([]), item([semver({ introduced: '0' }, { fixed: '1.2.0' })])] });
  assert.equal(fixed('v1.0.0', everywhere), undefined);
  assert.deepEqual(ids('example.com/m', 'v1.2.0', [everywhere]), ['GO-2026-0012']);
});

test('an invalid version is not guessed at', () => {
  assert.deepEqual(ids('example.com/a', 'master', [entry('GO-2026-0001', 'example.com/a', [])]), []);
});

test('the index prunes entries whose latest fix is at or below the version', () => {
  const meta = { path: 'example.com/a', vulns: [{ id: 'A', modified: 'm', fixed: '1.2.0' }, { id: 'B', modified: 'm' }, { id: 'C', modified: 'm', fixed: '2.0.0' }] };
  assert.deepEqual(candidateIds(meta, 'v1.5.0').map((v) => v.id), ['B', 'C']);
  assert.deepEqual(candidateIds(meta, 'v1.0.0').map((v) => v.id), ['A', 'B', 'C']);
  assert.deepEqual(candidateIds(undefined, 'v1.0.0'), []);
});

test('the upgrade: the lowest published version none affects, not retracted, a release first, on the same side of +incompatible', () => {
  const e = [
    entry('GO-2026-0020', 'example.com/m', [semver({ introduced: '0' }, { fixed: '1.2.0' })]),
    entry('GO-2026-0021', 'example.com/m', [semver({ introduced: '1.0.0' }, { fixed: '1.3.0-rc.1' })]),
  ];
  const published = ['v1.0.0', 'v1.2.0', 'v1.3.0-rc.1', 'v1.3.0', 'v1.3.1', 'v1.4.0', 'v2.0.0+incompatible'];
  const pick = (retracted: string[]) => lowestFixingVersion('example.com/m', 'v1.0.0', e, published, (v) => retracted.includes(v), { now: NOW });
  assert.equal(pick([]), 'v1.3.0');
  assert.equal(pick(['v1.3.0']), 'v1.3.1');
  assert.equal(pick(['v1.3.0', 'v1.3.1', 'v1.4.0']), 'v1.3.0-rc.1', 'a pre-release only when no release qualifies');
  assert.equal(lowestFixingVersion('example.com/m', 'v1.0.0', [entry('X', 'example.com/m', [semver({ introduced: '0' })])], published, () => false, { now: NOW }), undefined);
});

test('Go releases in the database form and back', () => {
  const pairs: [string, string][] = [['go1.21.5', 'v1.21.5'], ['go1.21.0', 'v1.21.0'], ['go1.20', 'v1.20.0'], ['go1.21rc2', 'v1.21.0-rc.2'], ['go1', 'v1.0.0']];
  for (const [tag, version] of pairs) assert.equal(goReleaseVersion(tag), version, tag);
  assert.equal(goReleaseVersion('go1.22'), 'v1.22.0');
  assert.equal(goReleaseVersion('devel'), undefined);
  assert.equal(goReleaseTag('v1.21.5'), 'go1.21.5');
  assert.equal(goReleaseTag('v1.20.0'), 'go1.20');
  assert.equal(goReleaseTag('v1.21.0'), 'go1.21.0');
  assert.equal(goReleaseTag('v1.21.0-rc.2'), 'go1.21rc2');
});

test('the toolchain that builds: the toolchain line, else the go line, or the local go command when newer', () => {
  assert.deepEqual(buildingToolchain({ toolchain: 'go1.22.3', go: '1.22' }, 'go1.21.0'), { tag: 'go1.22.3', version: 'v1.22.3', from: 'toolchain line' });
  assert.deepEqual(buildingToolchain({ go: '1.21.1' }, undefined), { tag: 'go1.21.1', version: 'v1.21.1', from: 'go line' });
  assert.deepEqual(buildingToolchain({ toolchain: 'default', go: '1.21.1' }, 'go1.23.4'), { tag: 'go1.23.4', version: 'v1.23.4', from: 'local go command' });
  assert.deepEqual(buildingToolchain({ toolchain: 'go1.22.1-custom', go: '1.22' }, 'go1.22.1 X:nocoverageredesign'), { tag: 'go1.22.1', version: 'v1.22.1', from: 'toolchain line' });
  assert.equal(buildingToolchain({}, undefined), undefined);
});
