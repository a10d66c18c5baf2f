// The answer cache's time rules, with an injected clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICY, ResponseCache } from '../../server/src/core/proxy/cache';
import type { Fetched } from '../../server/src/core/proxy/transport';

const ok: Fetched = { kind: 'ok', body: Buffer.from('v1.0.0\n') };

test('lists are fresh, then stale (served while refreshed), then gone', () => {
  let now = 1_000_000;
  const c = new ResponseCache(() => now);
  c.put('k', ok);
  assert.equal(c.get('k', 'list').state, 'fresh');
  now += DEFAULT_POLICY.listFreshMs + 1;
  assert.equal(c.get('k', 'list').state, 'stale');
  assert.equal(c.get('k', 'list').value, ok);
  now += DEFAULT_POLICY.listStaleMs;
  assert.equal(c.get('k', 'list').state, 'miss');
});

test('version files never expire; not-found is kept briefly; errors are never kept', () => {
  let now = 0;
  const c = new ResponseCache(() => now);
  c.put('info', ok);
  c.put('nf', { kind: 'not-found', status: 404, message: 'no' });
  c.put('err', { kind: 'error', message: 'down' });
  assert.equal(c.has('err'), false);
  now += 365 * 24 * 3600_000;
  assert.equal(c.get('info', 'info').state, 'fresh');
  assert.equal(c.get('nf', 'list').state, 'miss');
  now = 0;
  const d = new ResponseCache(() => now);
  d.put('nf', { kind: 'not-found', status: 404, message: 'no' });
  now += DEFAULT_POLICY.notFoundMs - 1;
  assert.equal(d.get('nf', 'list').state, 'fresh');
});
