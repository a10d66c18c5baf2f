import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, canonical, compare, isValid, major, majorMinor, npmSemVer, prerelease } from '../../server/src/core/semver/goSemver';
import { updateKind } from '../../server/src/core/semver/updateKind';
import { canonicalVersion, checkPathMajor, splitPathVersion } from '../../server/src/core/module/pathMajor';
import { prng } from '../support/mutate';

// golang.org/x/mod/semver's `tests` table (semver_test.go), in its order: the
// order is the expected sort, and entries with the same canonical form are equal.
const GO_TESTS: [string, string][] = [
  ['bad', ''], ['v1-alpha.beta.gamma', ''], ['v1-pre', ''], ['v1+meta', ''], ['v1-pre+meta', ''], ['v1.2-pre', ''],
  ['v1.2+meta', ''], ['v1.2-pre+meta', ''], ['v1.0.0-alpha', 'v1.0.0-alpha'], ['v1.0.0-alpha.1', 'v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta', 'v1.0.0-alpha.beta'], ['v1.0.0-beta', 'v1.0.0-beta'], ['v1.0.0-beta.2', 'v1.0.0-beta.2'],
  ['v1.0.0-beta.11', 'v1.0.0-beta.11'], ['v1.0.0-rc.1', 'v1.0.0-rc.1'], ['v1', 'v1.0.0'], ['v1.0', 'v1.0.0'],
  ['v1.0.0', 'v1.0.0'], ['v1.2', 'v1.2.0'], ['v1.2.0', 'v1.2.0'], ['v1.2.3-456', 'v1.2.3-456'], ['v1.2.3-456.789', 'v1.2.3-456.789'],
  ['v1.2.3-456-789', 'v1.2.3-456-789'], ['v1.2.3-456a', 'v1.2.3-456a'], ['v1.2.3-pre', 'v1.2.3-pre'], ['v1.2.3-pre+meta', 'v1.2.3-pre'],
  ['v1.2.3-pre.1', 'v1.2.3-pre.1'], ['v1.2.3-zzz', 'v1.2.3-zzz'], ['v1.2.3', 'v1.2.3'], ['v1.2.3+meta', 'v1.2.3'],
  ['v1.2.3+meta-pre', 'v1.2.3'], ['v1.2.3+meta-pre.sha.256a', 'v1.2.3'],
];

test("Go's table: IsValid, Canonical, Major, MajorMinor, Prerelease, Build", () => {
  for (const [v, out] of GO_TESTS) {
    assert.equal(isValid(v), out !== '', v);
    assert.equal(canonical(v), out, v);
    assert.equal(major(v), out === '' ? '' : out.slice(0, out.indexOf('.')), v);
    let mm = '';
    if (out !== '') {
      mm = v.split('+')[0].split('-')[0];
      const dots = mm.split('.').length - 1;
      mm = dots === 0 ? `${mm}.0` : dots === 2 ? mm.slice(0, mm.lastIndexOf('.')) : mm;
    }
    assert.equal(majorMinor(v), mm, v);
    assert.equal(prerelease(v), out.includes('-') ? out.slice(out.indexOf('-')) : '', v);
    assert.equal(build(v), out !== '' && v.includes('+') ? v.slice(v.indexOf('+')) : '', v);
  }
});

test("Go's table: Compare orders it as listed, equal canonical forms compare equal", () => {
  for (let i = 0; i < GO_TESTS.length; i++) {
    for (let j = 0; j < GO_TESTS.length; j++) {
      const want = GO_TESTS[i][1] === GO_TESTS[j][1] ? 0 : i < j ? -1 : 1;
      assert.equal(compare(GO_TESTS[i][0], GO_TESTS[j][0]), want, `${GO_TESTS[i][0]} vs ${GO_TESTS[j][0]}`);
    }
  }
  for (const [v, w, r] of [['v1', 'v1', 0], ['v2', 'v1', 1], ['v1', 'v2', -1], ['v1.19', 'v1.2', 1]] as const) {
    assert.equal(compare(v, w), r, `${v} vs ${w}`);
  }
});

test('validity stays Go\'s where npm semver would accept or refuse otherwise', () => {
  // npm semver takes these (the "v" is optional, whitespace trimmed; loose mode takes leading zeros).
  for (const v of ['1.2.3', ' v1.2.3', 'v1.2.3 ', '=v1.2.3', 'V1.2.3', 'v01.2.3', 'v1.02.3', 'v1.2.03', 'v1.2.3-01', 'v1.2.3-beta.01', 'v1.2.3-', 'v1.2.3-a..b', 'v1.2.3+', 'v1.2.3+a..b']) {
    assert.equal(isValid(v), false, v);
    assert.equal(npmSemVer(v), undefined, v);
  }
  // Shorthands npm semver refuses, and build metadata it has no meaning for, are Go versions.
  for (const v of ['v1', 'v1.2', 'v2.0.0+incompatible', 'v1.2.3+01', 'v1.2.3-0a', 'v1.2.3-00a']) assert.ok(isValid(v), v);
  assert.equal(npmSemVer('v1.2')?.version, '1.2.0');
  assert.equal(npmSemVer('v2.0.0+incompatible')?.version, '2.0.0');
  assert.equal(canonicalVersion('v2.0.0+incompatible'), 'v2.0.0+incompatible');
  assert.equal(canonicalVersion('v2+incompatible'), '');
  assert.equal(majorMinor('v1.2.3-pre+meta'), 'v1.2');
  assert.equal(majorMinor('v1'), 'v1.0');
});

test('build metadata, +incompatible included, does not order', () => {
  assert.equal(compare('v1.2.3+a', 'v1.2.3+b'), 0);
  assert.equal(compare('v2.0.0+incompatible', 'v2.0.0'), 0);
  assert.equal(compare('v2.0.0+incompatible', 'v2.0.1'), -1);
  assert.equal(compare('v1.2', 'v1.2.0+meta'), 0);
});

test('versions npm semver cannot hold exactly are ordered by Go\'s rules on the strings', () => {
  const huge = 'v99999999999999999999.0.0';
  assert.equal(npmSemVer(huge), undefined);
  assert.ok(isValid(huge));
  assert.equal(compare(huge, 'v1.9.0'), 1);
  assert.equal(compare('v9007199254740991.0.0', huge), -1, 'the largest major npm semver holds, below it');
  assert.equal(compare('v1.0.0-99999999999999999999', 'v1.0.0-99999999999999999998'), 1, 'numeric identifiers past 2^53');
  assert.equal(compare('v1.0.0-9007199254740993', 'v1.0.0-9007199254740992'), 1);
  assert.equal(compare('v1.0.0-99999999999999999999', 'v1.0.0-alpha'), -1, 'numeric below alphanumeric, at any size');
  const long = `v1.0.0-${'a'.repeat(300)}`;
  assert.equal(npmSemVer(long), undefined, 'past 256 characters');
  assert.equal(compare(long, 'v1.0.0-b'), -1);
  assert.equal(compare(long, `${long}.1`), -1);
  assert.equal(compare(`v1.0.0+${'m'.repeat(500)}`, 'v1.0.0'), 0, 'long build metadata is still dropped');
});

// The hand-written golang.org/x/mod/semver port that compare() replaced, kept
// as the reference compare() must agree with.
interface RefParsed { major: string; minor: string; patch: string; short: string; prerelease: string; build: string }
function refParseInt(v: string): [string, string] | undefined {
  let i = 0;
  while (i < v.length && v[i] >= '0' && v[i] <= '9') i++;
  if (i === 0 || (v[0] === '0' && i !== 1)) return undefined;
  return [v.slice(0, i), v.slice(i)];
}
const refIsIdentChar = (c: string) => {
  const x = c.charCodeAt(0);
  return (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39) || x === 0x2d;
};
const refIsBadNum = (v: string) => /^[0-9]+$/.test(v) && v.length > 1 && v[0] === '0';
const refIsNum = (v: string) => /^[0-9]*$/.test(v);
function refParsePrerelease(v: string): [string, string] | undefined {
  let i = 1;
  let start = 1;
  while (i < v.length && v[i] !== '+') {
    if (!refIsIdentChar(v[i]) && v[i] !== '.') return undefined;
    if (v[i] === '.') {
      if (start === i || refIsBadNum(v.slice(start, i))) return undefined;
      start = i + 1;
    }
    i++;
  }
  if (start === i || refIsBadNum(v.slice(start, i))) return undefined;
  return [v.slice(0, i), v.slice(i)];
}
function refParseBuild(v: string): [string, string] | undefined {
  let i = 1;
  let start = 1;
  while (i < v.length) {
    if (!refIsIdentChar(v[i]) && v[i] !== '.') return undefined;
    if (v[i] === '.') {
      if (start === i) return undefined;
      start = i + 1;
    }
    i++;
  }
  if (start === i) return undefined;
  return [v.slice(0, i), v.slice(i)];
}
function refParse(v: string): RefParsed | undefined {
  if (v === '' || v[0] !== 'v') return undefined;
  const p: RefParsed = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
  let r = refParseInt(v.slice(1));
  if (!r) return undefined;
  [p.major, v] = r;
  if (v === '') return { ...p, minor: '0', patch: '0', short: '.0.0' };
  if (v[0] !== '.') return undefined;
  r = refParseInt(v.slice(1));
  if (!r) return undefined;
  [p.minor, v] = r;
  if (v === '') return { ...p, patch: '0', short: '.0' };
  if (v[0] !== '.') return undefined;
  r = refParseInt(v.slice(1));
  if (!r) return undefined;
  [p.patch, v] = r;
  if (v.startsWith('-')) {
    const pr = refParsePrerelease(v);
    if (!pr) return undefined;
    [p.prerelease, v] = pr;
  }
  if (v.startsWith('+')) {
    const b = refParseBuild(v);
    if (!b) return undefined;
    [p.build, v] = b;
  }
  return v === '' ? p : undefined;
}
const refIsValid = (v: string) => refParse(v) !== undefined;
function refMajor(v: string): string {
  const p = refParse(v);
  return p ? v.slice(0, 1 + p.major.length) : '';
}
const refPrerelease = (v: string) => refParse(v)?.prerelease ?? '';
function refCompareInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}
function refComparePrerelease(x: string, y: string): number {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const dx = xs[i];
    const dy = ys[i];
    if (dx === dy) continue;
    const ix = refIsNum(dx);
    const iy = refIsNum(dy);
    if (ix !== iy) return ix ? -1 : 1;
    if (ix && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
    return dx < dy ? -1 : 1;
  }
  return xs.length < ys.length ? -1 : xs.length > ys.length ? 1 : 0;
}
function refCompare(v: string, w: string): number {
  const pv = refParse(v);
  const pw = refParse(w);
  if (!pv && !pw) return 0;
  if (!pv) return -1;
  if (!pw) return 1;
  return refCompareInt(pv.major, pw.major) || refCompareInt(pv.minor, pw.minor) || refCompareInt(pv.patch, pw.patch) || refComparePrerelease(pv.prerelease, pw.prerelease);
}
/** updateKind as rules/factRules.ts had it. */
function refUpdateKind(from: string, to: string): string {
  if (refPrerelease(to) !== '') return 'pre-release';
  if (refMajor(from) !== refMajor(to)) return 'major';
  const [, fMinor] = from.slice(1).split('.');
  const [, tMinor] = to.slice(1).split('.');
  return fMinor === tMinor ? 'patch' : 'minor';
}

/** Versions valid and not, near every edge: short forms, leading zeros, numbers past 2^53, pseudo-versions, build metadata. */
function generatedVersions(n: number, seed: number, canonicalOnly = false): string[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const nums = ['0', '0', '1', '1', '2', '3', '9', '10', '11', '123', '9007199254740991', '9007199254740992', '99999999999999999999'];
  const ids = ['alpha', 'beta', 'rc', '0', '1', '2', '10', '11', 'x-y', '-', '0a', '00a', 'A', 'a', 'Z', '20191109021931', 'abcdef123456', '9007199254740993', '99999999999999999999'];
  const builds = ['incompatible', 'meta', '01', 'a.b', 'sha.256a'];
  // One in four is drawn from pieces that are often invalid.
  const badNums = ['01', '00', '', 'x'];
  const badIds = ['01', '', 'a_b', 'é'];
  const badBuilds = ['', 'x..y', 'a+b'];
  const out: string[] = [];
  while (out.length < n) {
    const wild = !canonicalOnly && rand() < 0.25;
    const prefix = wild ? pick(['v', '', 'V', ' v', '=v']) : 'v';
    const parts = canonicalOnly ? 3 : wild ? pick([1, 2, 3, 4]) : pick([1, 2, 3, 3, 3, 3]);
    const num = () => (wild && rand() < 0.3 ? pick(badNums) : pick(canonicalOnly ? nums.slice(0, 10) : nums));
    let v = prefix + Array.from({ length: parts }, num).join('.');
    if (rand() < 0.45) v += '-' + Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (wild && rand() < 0.3 ? pick(badIds) : pick(ids))).join('.');
    if (!canonicalOnly && rand() < 0.2) v += '+' + (wild && rand() < 0.5 ? pick(badBuilds) : pick(builds));
    if (!canonicalOnly && rand() < 0.02) v += '-' + 'p'.repeat(260);
    if (canonicalOnly && !isValid(v)) continue;
    out.push(v);
  }
  return out;
}

test('compare agrees with the hand-written port on thousands of generated pairs', () => {
  const versions = generatedVersions(400, 1);
  const rand = prng(2);
  let valid = 0;
  let beyond = 0;
  for (let k = 0; k < 6000; k++) {
    const v = versions[Math.floor(rand() * versions.length)];
    const w = k % 10 === 0 ? v : versions[Math.floor(rand() * versions.length)];
    assert.equal(isValid(v), refIsValid(v), v);
    assert.equal(compare(v, w), refCompare(v, w), `compare(${JSON.stringify(v)}, ${JSON.stringify(w)})`);
    if (isValid(v) && isValid(w)) valid++;
    if (isValid(v) && !npmSemVer(v)) beyond++;
  }
  assert.ok(valid > 2000, `${valid} pairs of valid versions`);
  assert.ok(beyond > 100, `${beyond} versions past npm semver's range`);
  // Sorting with it gives semver.Sort's order.
  const order = (cmp: (a: string, b: string) => number) => (a: string, b: string) => cmp(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  assert.deepEqual([...versions].sort(order(compare)), [...versions].sort(order(refCompare)));
});

test('updateKind: which number an update moves, as before', () => {
  const cases: [string, string, string][] = [
    ['v1.2.3', 'v1.2.4', 'patch'],
    ['v1.2.3', 'v1.3.0', 'minor'],
    ['v1.2.3', 'v2.0.0+incompatible', 'major'],
    ['v1.2.3', 'v1.3.0-rc.1', 'pre-release'],
    ['v1.2.0-rc.1', 'v1.2.0', 'patch'],
    ['v1.0.0-rc.1', 'v1.0.0', 'patch'],
    ['v0.0.0-20191109021931-daa7c04131f5', 'v0.1.0', 'minor'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4', 'patch'],
    ['v2.0.0+incompatible', 'v2.1.0+incompatible', 'minor'],
    ['v1.0.0', 'v99999999999999999999.0.0', 'major'],
    ['v99999999999999999999.0.0', 'v99999999999999999999.1.0', 'minor'],
    ['v99999999999999999999.1.0', 'v99999999999999999999.1.1', 'patch'],
  ];
  for (const [from, to, want] of cases) {
    assert.equal(updateKind(from, to), want, `${from} -> ${to}`);
    assert.equal(refUpdateKind(from, to), want, `${from} -> ${to} (as before)`);
  }
  const versions = generatedVersions(300, 3, true);
  const rand = prng(4);
  for (let k = 0; k < 3000; k++) {
    const [from, to] = [versions[Math.floor(rand() * versions.length)], versions[Math.floor(rand() * versions.length)]];
    assert.equal(updateKind(from, to), refUpdateKind(from, to), `${from} -> ${to}`);
  }
  // The shorthand "v1" now counts as v1.0.0 (before, its missing minor made any update "minor").
  assert.equal(updateKind('v1', 'v1.0.1'), 'patch');
  assert.equal(updateKind('v1.2', 'v1.2.1'), 'patch');
});

test('major version suffixes', () => {
  assert.deepEqual(splitPathVersion('example.com/m/v2'), { prefix: 'example.com/m', pathMajor: '/v2', ok: true });
  assert.deepEqual(splitPathVersion('example.com/m/v1'), { prefix: 'example.com/m/v1', pathMajor: '', ok: false });
  assert.deepEqual(splitPathVersion('example.com/m/v2.1'), { prefix: 'example.com/m/v2.1', pathMajor: '', ok: false });
  assert.deepEqual(splitPathVersion('gopkg.in/yaml.v3'), { prefix: 'gopkg.in/yaml', pathMajor: '.v3', ok: true });
  assert.equal(splitPathVersion('gopkg.in/yaml').ok, false);
  assert.equal(checkPathMajor('v2.0.0', '/v2'), undefined);
  assert.equal(checkPathMajor('v2.0.0+incompatible', ''), undefined);
  assert.equal(checkPathMajor('v2.0.0', ''), 'version "v2.0.0" invalid: should be v0 or v1, not v2');
  assert.equal(checkPathMajor('v1.0.0', '/v3'), 'version "v1.0.0" invalid: should be v3, not v1');
  assert.equal(checkPathMajor('v0.0.0-20161208181325-20d25e280405', '.v1'), undefined);
});
