import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonical, compare, isValid, major } from '../../server/src/core/semver/goSemver';
import { canonicalVersion, checkPathMajor, splitPathVersion } from '../../server/src/core/module/pathMajor';

// Cases from golang.org/x/mod/semver's own tests.
test('validity and canonical forms follow Go, not npm', () => {
  const cases: [string, string][] = [
    ['bad', ''], ['v1-alpha.beta.gamma', ''], ['v1-pre', ''], ['v1+meta', ''], ['v1-pre+meta', ''], ['v1.2-pre', ''],
    ['v1.2+meta', ''], ['v1.2-pre+meta', ''], ['v1.0.0-alpha', 'v1.0.0-alpha'], ['v1.0.0-alpha.1', 'v1.0.0-alpha.1'],
    ['v1.0.0-0.3.7', 'v1.0.0-0.3.7'], ['v1.2.3-01', ''], ['v1.2.3+meta', 'v1.2.3'], ['v1', 'v1.0.0'], ['v1.2', 'v1.2.0'],
    ['v01.2.3', ''], ['1.2.3', ''], ['v1.2.3.4', ''], ['v0.0.0-20200101000000-abcdefabcdef', 'v0.0.0-20200101000000-abcdefabcdef'],
  ];
  for (const [v, want] of cases) {
    assert.equal(canonical(v), want, v);
    assert.equal(isValid(v), want !== '', v);
  }
  assert.equal(canonicalVersion('v2.0.0+incompatible'), 'v2.0.0+incompatible');
  assert.equal(canonicalVersion('v2+incompatible'), '');
  assert.equal(major('v2.3.4'), 'v2');
});

test('ordering: pre-releases, numeric identifiers, invalid versions first', () => {
  const ordered = ['bad', 'v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0', 'v1.2.0', 'v1.10.0', 'v2.0.0'];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      assert.equal(compare(ordered[i], ordered[j]), Math.sign(i - j), `${ordered[i]} vs ${ordered[j]}`);
    }
  }
  assert.equal(compare('v1.2.3+a', 'v1.2.3+b'), 0);
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
