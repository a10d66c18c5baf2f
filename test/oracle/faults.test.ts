// Every way a proxy can misbehave ends in findings and a finished analysis:
// never an exception, never a wait past the request deadline.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { analyze } from '../../server/src/core/analysis/pipeline';
import { engineClient } from '../support/engineClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type Fault, type ProxyServer, startProxyServer } from '../support/proxyServer';

const DEADLINE_MS = 600;
let dir: string;
let server: ProxyServer;
let other: ProxyServer;

const GO_MOD = 'module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.0.0\n\texample.com/retract/ranges v1.2.0\n\tgopkg.in/fixture.v1 v1.0.0\n)\n';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-faults-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  other = await startProxyServer({ root: tree.root });
});
after(async () => {
  await server?.close();
  await other?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const faults: { name: string; fault: Fault; expect: 'lookup-failed' | 'module-not-found' | 'ok' }[] = [
  { name: 'HTTP 500', fault: { status: 500, body: 'internal error' }, expect: 'lookup-failed' },
  { name: 'HTTP 404', fault: { status: 404, body: 'not found: nothing' }, expect: 'module-not-found' },
  { name: 'HTTP 410', fault: { status: 410, body: 'gone' }, expect: 'module-not-found' },
  { name: 'a hanging proxy', fault: { hang: true }, expect: 'lookup-failed' },
  { name: 'a very slow body', fault: { slowBodyBytesPerSec: 10 }, expect: 'lookup-failed' },
  { name: 'a truncated body', fault: { truncateAt: 5 }, expect: 'lookup-failed' },
  { name: 'malformed JSON', fault: { malformedJson: true }, expect: 'lookup-failed' },
  { name: 'a reset connection', fault: { reset: true }, expect: 'lookup-failed' },
  { name: 'a redirect loop', fault: { redirectTo: '/loop' }, expect: 'lookup-failed' },
];

for (const f of faults) {
  test(`fault: ${f.name} -> ${f.expect}, finished within the deadline`, async () => {
    server.setFault(/./, f.fault);
    const { client, close } = engineClient({ goproxy: server.url, timeoutMs: DEADLINE_MS });
    const started = Date.now();
    try {
      const a = await analyze({ text: GO_MOD, filename: 'go.mod', kind: 'mod', checkGoSum: false }, { repo: client, exists: () => true, majors: true });
      const elapsed = Date.now() - started;
      // Requests run in parallel, but one requirement's lookups follow each other.
      assert.ok(elapsed < DEADLINE_MS * 8, `took ${elapsed} ms`);
      const codes = new Set(a.findings.map((x) => x.code));
      assert.ok(codes.has(f.expect as never), `${[...codes].join(', ')}`);
      if (f.expect === 'lookup-failed') assert.equal(a.findings.filter((x) => x.code === 'lookup-failed').length, 1, 'once per cause');
      assert.equal(a.modules.length, 3);
    } finally {
      server.setFault(/./, undefined);
      await close();
    }
  });
}

test('a long @v/list under the caps is read, and its unconfirmed candidate offered as no update', async () => {
  server.setFault('/example.com/majors/@v/list', { hugeListLines: 15_000 });
  const { client, close } = engineClient({ goproxy: server.url, timeoutMs: 5000 });
  try {
    server.requests.length = 0;
    const a = await analyze({ text: GO_MOD, filename: 'go.mod', kind: 'mod', checkGoSum: false }, { repo: client, exists: () => true, majors: false });
    const majors = a.modules.find((m) => m.Path === 'example.com/majors')!;
    // The list is under the caps and read; its highest version has no .info on
    // this proxy, so, as for the go command (queryProxy Stat), no update is offered.
    assert.ok(server.requests.some((r) => r.path === '/example.com/majors/@v/v1.14.999.info'), 'the list was read and its candidate confirmed');
    assert.equal(majors.Update, undefined);
  } finally {
    server.setFault('/example.com/majors/@v/list', undefined);
    await close();
  }
});

test('"|" falls through a hanging proxy to a healthy one after the deadline', async () => {
  server.setFault(/./, { hang: true });
  const { client, close } = engineClient({ goproxy: `${server.url}|${other.url}`, timeoutMs: DEADLINE_MS });
  try {
    const a = await analyze({ text: GO_MOD, filename: 'go.mod', kind: 'mod', checkGoSum: false }, { repo: client, exists: () => true, majors: false });
    assert.equal(a.findings.filter((x) => x.code === 'lookup-failed').length, 0);
    assert.equal(a.modules.find((m) => m.Path === 'example.com/majors')?.Update?.Version, 'v1.1.0');
  } finally {
    server.setFault(/./, undefined);
    await close();
  }
});

test('a stale list is answered at once and refreshed in the background', async () => {
  let now = 0;
  const { client, close } = engineClient({ goproxy: server.url, now: () => now });
  try {
    server.requests.length = 0;
    const first = await client.versions('example.com/majors');
    assert.equal(first.kind, 'found');
    assert.equal(server.requests.length, 1);
    now += 60 * 60_000; // past the freshness window
    server.setFault(/./, { hang: true });
    const started = Date.now();
    const stale = await client.versions('example.com/majors');
    assert.equal(stale.kind, 'found', 'the stale answer is served');
    assert.ok(Date.now() - started < 200, 'without waiting for the hanging refresh');
    const deadline = Date.now() + 2000;
    while (server.requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.requests.length, 2, 'a refresh was started');
  } finally {
    server.setFault(/./, undefined);
    await close();
  }
});

test('the editor\'s revalidating view asks again for a stale list, and keeps the old one if the proxy fails', async () => {
  let now = 0;
  const { client, close } = engineClient({ goproxy: server.url, now: () => now, timeoutMs: DEADLINE_MS });
  try {
    const fresh = client.revalidating();
    server.requests.length = 0;
    assert.equal((await fresh.versions('example.com/majors')).kind, 'found');
    assert.equal((await fresh.versions('example.com/majors')).kind, 'found');
    assert.equal(server.requests.length, 1, 'a fresh list is not asked for again');
    now += 60 * 60_000; // past the freshness window
    assert.equal((await fresh.versions('example.com/majors')).kind, 'found');
    assert.equal(server.requests.length, 2, 'the stale list was fetched again before it was used');
    now += 60 * 60_000;
    server.setFault(/./, { status: 500 });
    const kept = await fresh.versions('example.com/majors');
    assert.equal(kept.kind, 'found', 'a failing proxy leaves the last answer in place');
    assert.equal(server.requests.length, 3);
  } finally {
    server.setFault(/./, undefined);
    await close();
  }
});

test('identical lookups in flight share one request; a cancelled caller does not cancel it', async () => {
  server.setLatency(150);
  const { client, close } = engineClient({ goproxy: server.url });
  try {
    server.requests.length = 0;
    const cancelled = new AbortController();
    const first = client.versions('example.com/deprecated/a', cancelled.signal);
    const others = Array.from({ length: 9 }, () => client.versions('example.com/deprecated/a'));
    cancelled.abort();
    assert.equal((await first).kind, 'unavailable', 'the cancelled caller gets an answer at once');
    const results = await Promise.all(others);
    assert.ok(results.every((r) => r.kind === 'found'), 'the shared fetch went on');
    assert.equal(server.requests.filter((q) => q.path.includes('deprecated/a/@v/list')).length, 1);
  } finally {
    server.setLatency(0);
    await close();
  }
});

test('an endless body is cut off at its endpoint\'s cap: list 1 MiB, .info and @latest 64 KiB, .mod 16 MiB', async () => {
  server.setFault('/example.com/majors/', { endless: true });
  const { client, close } = engineClient({ goproxy: server.url, timeoutMs: 20_000 });
  try {
    const cases: [string, Promise<{ kind: string; message?: string }>, number][] = [
      ['list', client.versions('example.com/majors'), 1 << 20],
      ['info', client.info('example.com/majors', 'v1.0.0'), 64 << 10],
      ['latest', client.latest('example.com/majors'), 64 << 10],
      ['mod', client.goMod('example.com/majors', 'v1.0.0'), 16 << 20],
    ];
    for (const [name, pending, cap] of cases) {
      const r = await pending;
      assert.equal(r.kind, 'unavailable', name);
      assert.match(r.message ?? '', new RegExp(`larger than the ${cap} byte limit`), name);
    }
  } finally {
    server.setFault('/example.com/majors/', undefined);
    await close();
  }
});

test('bodies read at once share one byte budget: past it a request fails at once, and nothing waits for ever', async () => {
  server.setFault(/@v\/list$/, { endless: true });
  const budget = 256 << 10;
  const { client, http, close } = engineClient({ goproxy: server.url, timeoutMs: 20_000, inFlightBytes: budget });
  try {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => client.versions(`example.com/endless/m${i}`)));
    assert.ok(results.every((r) => r.kind === 'unavailable'), 'every endless list failed');
    const messages = results.map((r) => (r.kind === 'unavailable' ? r.message : ''));
    assert.ok(messages.some((m) => /being read at once exceed/.test(m)), messages.join('\n'));
    assert.ok(http.budget.highWater <= budget, `${http.budget.highWater} bytes held at once`);
    assert.equal(http.budget.inUse, 0, 'all bytes were given back');
  } finally {
    server.setFault(/@v\/list$/, undefined);
    await close();
  }
});

test('a list naming more than 20,000 versions is refused, and not kept', async () => {
  server.setFault('/example.com/majors/@v/list', { hugeListLines: 50_000 });
  const { client, close } = engineClient({ goproxy: server.url, timeoutMs: 20_000 });
  try {
    server.requests.length = 0;
    for (let i = 0; i < 2; i++) {
      const r = await client.versions('example.com/majors');
      assert.equal(r.kind, 'unavailable');
      assert.match(r.kind === 'unavailable' ? r.message : '', /names more than 20000 versions/);
    }
    assert.equal(server.requests.length, 2, 'the refused list was not cached');
  } finally {
    server.setFault('/example.com/majors/@v/list', undefined);
    await close();
  }
});

test('a 500,000-line @v/list is refused at the list cap', async () => {
  server.setFault('/example.com/majors/@v/list', { hugeListLines: 500_000 });
  const { client, close } = engineClient({ goproxy: server.url, timeoutMs: 20_000 });
  try {
    const r = await client.versions('example.com/majors');
    assert.equal(r.kind, 'unavailable');
    assert.match(r.kind === 'unavailable' ? r.message : '', /larger than the 1048576 byte limit/);
  } finally {
    server.setFault('/example.com/majors/@v/list', undefined);
    await close();
  }
});

test('a hanging proxy costs one lookup deadline per requirement, not one timeout per request', async () => {
  const deadline = 300;
  server.setFault(/./, { hang: true });
  const { client, close } = engineClient({ goproxy: server.url, timeoutMs: deadline, lookupDeadlineMs: deadline });
  try {
    server.requests.length = 0;
    const started = Date.now();
    const text = 'module example.com/m\n\ngo 1.22\n\nrequire example.com/majors v1.0.0\n';
    const a = await analyze({ text, filename: 'go.mod', kind: 'mod', checkGoSum: false }, { repo: client, exists: () => true, majors: true });
    const elapsed = Date.now() - started;
    assert.equal(a.findings.filter((x) => x.code === 'lookup-failed').length, 1);
    assert.match(a.modules[0].Error?.Err ?? '', /within the lookup deadline of 300 ms|timed out/);
    // Its list and its next major's list are asked for at once, each once; after the deadline nothing more is sent.
    assert.deepEqual(server.requests.map((r) => r.path).sort(), ['/example.com/majors/@v/list', '/example.com/majors/v2/@v/list']);
    assert.ok(elapsed / deadline < 2, `took ${elapsed} ms for a ${deadline} ms deadline`);
  } finally {
    server.setFault(/./, undefined);
    await close();
  }
});
