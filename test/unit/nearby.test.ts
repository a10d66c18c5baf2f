// The nearest published version and the "did you mean" paths, from what the
// proxy answered: the ground of the text-only fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, nearbyPaths, nearestVersion } from '../../server/src/core/facts/nearby';

test('nearest version: the highest not above the missing one, else the lowest above; same major; unretracted if possible', () => {
  const config = ['v1.5.0', 'v1.6.0'];
  assert.equal(nearestVersion('v1.7.0', config, []), 'v1.6.0', 'the demo: v1.7.0 was never published');
  assert.equal(nearestVersion('v1.5.5', config, []), 'v1.5.0');
  assert.equal(nearestVersion('v1.0.0', ['v1.2.0', 'v1.3.0'], []), 'v1.2.0', 'nothing below: the lowest above');
  assert.equal(nearestVersion('v1.7.0', config, [{ low: 'v1.6.0', high: 'v1.6.0', rationale: 'broken' }]), 'v1.5.0', 'a retracted version is passed over');
  assert.equal(nearestVersion('v1.7.0', ['v1.6.0'], [{ low: 'v1.6.0', high: 'v1.6.0', rationale: 'broken' }]), 'v1.6.0', 'unless there is nothing else');
  assert.equal(nearestVersion('v1.7.0', config, [], new Set(['v1.6.0'])), 'v1.5.0', 'excluded versions too');
  assert.equal(nearestVersion('v1.7.0', ['v1.6.0', 'v1.6.1-rc.1', 'v2.0.0', 'v2.0.0+incompatible'], []), 'v1.6.0', 'no pre-release, no other major');
  assert.equal(nearestVersion('v1.7.0-rc.2', ['v1.6.0', 'v1.7.0-rc.1'], []), 'v1.7.0-rc.1', 'a pre-release may go to a pre-release');
  assert.equal(nearestVersion('v2.1.0+incompatible', ['v2.0.0+incompatible', 'v1.9.0'], []), 'v2.0.0+incompatible');
  assert.equal(nearestVersion('v3.0.0', config, []), undefined, 'no version of that major');
  assert.equal(nearestVersion('junk', config, []), undefined);
});

test('did you mean: known paths one or two typos away, closest first', () => {
  const known = ['example.com/greeting', 'example.com/cache', 'example.com/config', 'example.com/greting'];
  assert.deepEqual(nearbyPaths('example.com/greting', known), ['example.com/greeting'], 'the demo typo; never itself');
  assert.deepEqual(nearbyPaths('example.com/cahce', known), ['example.com/cache']);
  assert.deepEqual(nearbyPaths('example.com/other', known), []);
  assert.deepEqual(nearbyPaths('a/b', ['a/c']), [], 'a short path needs a closer match than two typos');
  assert.equal(editDistance('kitten', 'sitting', 5), 3);
  assert.equal(editDistance('abc', 'abcdefgh', 2), 3, 'stops once past the limit');
});
