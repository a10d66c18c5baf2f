// A failing vulnerability database ends each answer with one clear cause that
// names the (redacted) URL, within the deadline: missing files, server errors,
// hangs, cut-off and broken gzip, broken JSON and indexes past the caps. An
// index read before still answers, and concurrent callers share one request.
// In a check, each of these is one vulnerability-check-failed finding with
// that cause, and every other finding still comes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { analyze } from '../../server/src/core/analysis/pipeline';
import { INDEX_CAP } from '../../server/src/core/vuln/limits';
import { engineClient } from '../support/engineClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type Fault, type ProxyServer, startProxyServer } from '../support/proxyServer';
import { VULN_FIXTURE_ENTRIES, writeRawEndpoint, writeVulnDb } from '../support/vulnDb';
import { type VulnDbHarness, vulnDbClient } from '../support/vulnDbHarness';

let dir: string;
let count = 0;
const servers: ProxyServer[] = [];
const clients: VulnDbHarness[] = [];
/** The module proxy of the checks: the fixture modules, healthy. */
let modules: ProxyServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulndb-faults-'));
  modules = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root });
  servers.push(modules);
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

/** A fresh copy of the fixture database, changed by `spoil`, served over loopback HTTP. */
async function database(spoil: (root: string) => void = () => {}): Promise<{ root: string; server: ProxyServer; fileUrl: string }> {
  const written = writeVulnDb(path.join(dir, `db${count++}`), VULN_FIXTURE_ENTRIES);
  spoil(written.root);
  const server = await startProxyServer({ root: written.root });
  servers.push(server);
  return { root: written.root, server, fileUrl: written.fileUrl };
}

function client(url: string, opts: Parameters<typeof vulnDbClient>[1] = {}): VulnDbHarness {
  const c = vulnDbClient(url, opts);
  clients.push(c);
  return c;
}

const PREFIX = 'cannot read the vulnerability database: ';
/** Two fixture modules with updates, one of them retracted, both with entries in the fixture database. */
const CHECKED_GO_MOD = 'module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.0.0\n\texample.com/retract/ranges v1.2.0\n)\n';

interface Case {
  name: string;
  spoil?: (root: string) => void;
  fault?: [string, Fault];
  /** The endpoint the message names, and the cause it gives. */
  endpoint: string;
  cause: RegExp;
}

const bomb = () => gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(INDEX_CAP.decompressed, ' '), Buffer.from(']')]));
const noise = (n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 2654435761) >>> 24;
  return b;
};

const CASES: Case[] = [
  { name: 'db.json is missing (404)', fault: ['/index/db.json.gz', { status: 404 }], endpoint: 'index/db.json.gz', cause: /: not found \(404\)$/ },
  { name: 'the server fails (500)', fault: ['/index/modules.json.gz', { status: 500 }], endpoint: 'index/modules.json.gz', cause: /: 500 Internal Server Error/ },
  { name: 'the server hangs', fault: ['/index/db.json.gz', { hang: true }], endpoint: 'index/db.json.gz', cause: /: no answer within 1000 ms$/ },
  { name: 'the connection is cut mid-body', fault: ['/index/modules.json.gz', { truncateAt: 40 }], endpoint: 'index/modules.json.gz', cause: /./ },
  {
    name: 'the gzip stream is truncated',
    spoil: (root) => writeRawEndpoint(root, 'index/modules', '[]', gzipSync(JSON.stringify(VULN_FIXTURE_ENTRIES)).subarray(0, 60)),
    endpoint: 'index/modules.json.gz', cause: /: the gzip data ends early \(truncated\)$/,
  },
  { name: 'the body is not gzip', fault: ['/index/db.json.gz', { malformedJson: true }], endpoint: 'index/db.json.gz', cause: /: not gzip data/ },
  { name: 'the JSON is malformed', spoil: (root) => writeRawEndpoint(root, 'index/modules', '[{"path": "example.com/a", "vulns": ['), endpoint: 'index/modules.json.gz', cause: /: not valid JSON/ },
  { name: 'db.json has no time', spoil: (root) => writeRawEndpoint(root, 'index/db', '{"modified": 20240101}'), endpoint: 'index/db.json.gz', cause: /: no "modified" time$/ },
  { name: 'modules.json is not a list', spoil: (root) => writeRawEndpoint(root, 'index/modules', '{"example.com/a": []}'), endpoint: 'index/modules.json.gz', cause: /: not a JSON array of modules$/ },
  {
    name: 'the compressed index is over its cap',
    spoil: (root) => writeRawEndpoint(root, 'index/modules', '[]', noise(INDEX_CAP.compressed + 1)),
    endpoint: 'index/modules.json.gz', cause: new RegExp(`larger than the ${INDEX_CAP.compressed} byte limit`),
  },
  {
    name: 'the index grows past its cap when decompressed (a gzip bomb)',
    spoil: (root) => writeRawEndpoint(root, 'index/modules', '[]', bomb()),
    endpoint: 'index/modules.json.gz', cause: new RegExp(`: larger than the ${INDEX_CAP.decompressed} byte limit once decompressed$`),
  },
];

for (const c of CASES) {
  test(`over HTTP, ${c.name}: one clear error naming the URL, within the deadline`, async () => {
    const { server } = await database(c.spoil);
    if (c.fault) server.setFault(c.fault[0], c.fault[1]);
    const { db } = client(server.url, { timeoutMs: 1_000 });
    const started = Date.now();
    const answer = await db.index();
    const elapsed = Date.now() - started;
    assert.equal(answer.kind, 'error');
    const message = answer.kind === 'error' ? answer.message : '';
    const url = `${server.url}/${c.endpoint}`;
    assert.ok(message.startsWith(PREFIX) && message.includes(url), message);
    assert.match(message, c.cause);
    assert.equal(message.split('\n').length, 1);
    assert.equal(db.status().error, message);
    // A hang costs one deadline (1 s), not the transport's own minute.
    assert.ok(elapsed < 10_000, `answered after ${elapsed} ms`);
  });

  test(`in a check, ${c.name}: one vulnerability-check-failed finding with that cause, and the other findings`, async () => {
    const { server } = await database(c.spoil);
    if (c.fault) server.setFault(c.fault[0], c.fault[1]);
    const { db } = client(server.url, { timeoutMs: 1_000 });
    const proxy = engineClient({ goproxy: modules.url, timeoutMs: 5_000 });
    try {
      const started = Date.now();
      const a = await analyze({ text: CHECKED_GO_MOD, filename: 'go.mod', kind: 'mod', checkGoSum: false }, {
        repo: proxy.client, exists: () => true, majors: false, vulns: { db, match: { now: Date.now() } },
      });
      const elapsed = Date.now() - started;
      const failed = a.findings.filter((f) => f.code === 'vulnerability-check-failed');
      assert.equal(failed.length, 1, a.findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
      assert.ok(failed[0].message.includes(`${server.url}/${c.endpoint}`), failed[0].message);
      assert.match(failed[0].message.replace(/\. Everything else is checked.*$/, ''), c.cause);
      // The proxy's answers are all there: the retraction and the update.
      assert.deepEqual(a.findings.filter((f) => f.code !== 'vulnerability-check-failed').map((f) => f.code).sort(), ['retracted-version', 'update-available', 'update-available']);
      assert.ok(elapsed < 10_000, `finished after ${elapsed} ms`);
    } finally {
      await proxy.close();
    }
  });
}

test('over file://, a malformed or oversized index is one clear error naming the file', async () => {
  const { root, fileUrl } = await database();
  writeRawEndpoint(root, 'index/modules', '[{"path": 1,');
  const bad = await client(fileUrl).db.index();
  assert.deepEqual(bad, { kind: 'error', message: `${PREFIX}${fileUrl}/index/modules.json: not valid JSON (${jsonError('[{"path": 1,')})` });
  writeFileSync(path.join(root, 'index', 'modules.json'), Buffer.alloc(INDEX_CAP.decompressed + 1, ' '));
  const big = await client(fileUrl).db.index();
  assert.equal(big.kind, 'error');
  assert.match(big.kind === 'error' ? big.message : '', new RegExp(`^${PREFIX}${fileUrl}/index/modules.json: response larger than ${INDEX_CAP.decompressed} bytes$`));
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

test('credentials in the database URL never reach a message', async () => {
  const { server } = await database();
  server.setFault('/index/db.json.gz', { status: 500 });
  const withUser = server.url.replace('http://', 'http://alice:s3cret@');
  const answer = await client(withUser).db.index();
  assert.equal(answer.kind, 'error');
  const message = answer.kind === 'error' ? answer.message : '';
  assert.ok(!message.includes('s3cret'), message);
  assert.ok(message.includes(server.url.replace('http://', 'http://alice:xxxxx@')), message);
});

test('with an index read before, a failing database answers from it and says why in status()', async () => {
  const { server } = await database();
  const clock = { t: 1_000_000 };
  const { db, logs } = client(server.url, { now: () => clock.t, freshMs: 600_000 });
  const first = await db.index();
  assert.ok(first.kind === 'ok' && !first.value.fromCache);
  assert.equal(db.status().error, undefined);

  server.setFault('/index/db.json.gz', { status: 503 });
  clock.t += 600_000;
  const fallback = await db.index();
  assert.ok(fallback.kind === 'ok');
  assert.equal(fallback.value.fromCache, true);
  assert.equal(fallback.value.byPath, first.value.byPath);
  assert.equal(db.status().error, `${PREFIX}${server.url}/index/db.json.gz: 503 Service Unavailable: Service Unavailable`);
  assert.ok(logs.some((l) => l.includes('503') && l.includes('using the copy read earlier')));

  const n = server.requests.length;
  clock.t += 1_000;
  assert.equal((await db.index()).kind, 'ok');
  assert.equal(server.requests.length, n, 'a database that just failed is not asked again at once');

  server.setFault('/index/db.json.gz', undefined);
  const recovered = await db.index({ revalidate: true });
  assert.ok(recovered.kind === 'ok' && !recovered.value.fromCache);
  assert.equal(db.status().error, undefined);
});

test('a missing or broken entry is an error naming it; the others are unaffected', async () => {
  const { server } = await database((r) => {
    writeRawEndpoint(r, 'ID/GO-2024-0002', JSON.stringify({ ...VULN_FIXTURE_ENTRIES[1], id: 'GO-2024-9999' }));
    writeRawEndpoint(r, 'ID/GO-2024-0003', JSON.stringify({ ...VULN_FIXTURE_ENTRIES[2], affected: { package: 'x' } }));
  });
  const { db } = client(server.url);
  const one = VULN_FIXTURE_ENTRIES[0];
  const ok = await db.entries([{ id: one.id, modified: one.modified }]);
  assert.ok(ok.kind === 'ok' && ok.value[0].id === one.id);
  const expect = async (id: string, modified: string, cause: string) => {
    const got = await db.entries([{ id: one.id, modified: one.modified }, { id, modified }]);
    assert.deepEqual(got, { kind: 'error', message: `${PREFIX}${server.url}/ID/${id}.json.gz: ${cause}` });
  };
  await expect('GO-2024-0404', '2024-01-01T00:00:00Z', 'not found (404)');
  await expect('GO-2024-0002', VULN_FIXTURE_ENTRIES[1].modified, 'the entry names GO-2024-9999, not GO-2024-0002');
  await expect('GO-2024-0003', VULN_FIXTURE_ENTRIES[2].modified, 'affected is not a list');
  const badId = await db.entries([{ id: '../index/db', modified: '2024-01-01T00:00:00Z' }]);
  assert.equal(badId.kind, 'error');
  assert.ok(!server.requests.some((r) => r.path.includes('..') || r.path === '/index/db.json.gz'), 'an id that is not one is never asked for');
});

test('concurrent callers share one request; one caller giving up ends only its own wait', async () => {
  const { server } = await database();
  server.setLatency(150);
  const { db } = client(server.url);
  const giveUp = new AbortController();
  const calls = Array.from({ length: 10 }, () => db.index());
  const impatient = db.index({ signal: giveUp.signal });
  giveUp.abort();
  const answers = await Promise.all(calls);
  assert.deepEqual(await impatient, { kind: 'error', message: 'cancelled' });
  assert.ok(answers.every((a) => a.kind === 'ok' && a.value.byPath === (answers[0].kind === 'ok' && answers[0].value.byPath)));
  assert.deepEqual(server.requests.map((r) => r.path), ['/index/db.json.gz', '/index/modules.json.gz']);

  const ids = VULN_FIXTURE_ENTRIES.slice(0, 3).map((e) => ({ id: e.id, modified: e.modified }));
  const n = server.requests.length;
  const many = await Promise.all(Array.from({ length: 8 }, () => db.entries(ids)));
  assert.ok(many.every((m) => m.kind === 'ok' && m.value.length === 3));
  assert.deepEqual(server.requests.slice(n).map((r) => r.path).sort(), ids.map((x) => `/ID/${x.id}.json.gz`).sort());
});
