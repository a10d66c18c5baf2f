// The vulnerability database client against a real v1 database: loopback
// HTTP (gzipped endpoints) and file:// (plain ones), its caching of db.json,
// modules.json and entries in memory and on disk, offline use, and the proof
// that no module path is ever sent.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { NO_CACHED_COPY } from '../../server/src/core/vuln/client';
import type { VulnDatabase } from '../../server/src/core/vuln/database';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { generateVulnDbEntries, type OsvJson, VULN_FIXTURE_ENTRIES, writeVulnDb } from '../support/vulnDb';
import { type VulnDbHarness, vulnDbClient } from '../support/vulnDbHarness';

let dir: string;
let server: ProxyServer;
let fileUrl: string;
const open: VulnDbHarness[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulndb-'));
  fileUrl = writeVulnDb(path.join(dir, 'db'), VULN_FIXTURE_ENTRIES).fileUrl;
  server = await startProxyServer({ root: path.join(dir, 'db') });
});
after(async () => {
  await Promise.all(open.map((h) => h.close()));
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

function client(url: string, opts: Parameters<typeof vulnDbClient>[1] = {}): VulnDbHarness {
  const h = vulnDbClient(url, opts);
  open.push(h);
  return h;
}

/** A clock the test moves. */
function clock(start = Date.parse('2024-06-01T00:00:00Z')) {
  const c = { t: start, now: () => c.t };
  return c;
}

const requestsSince = (from: number) => server.requests.slice(from).map((r) => r.path);

/** Every entry the index lists, read through the client: what matching would ask for. */
async function everything(db: VulnDatabase) {
  const index = await db.index();
  assert.equal(index.kind, 'ok', index.kind === 'error' ? index.message : '');
  const ids = [...index.value.byPath.values()].flatMap((m) => m.vulns).filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i);
  const entries = await db.entries(ids);
  assert.equal(entries.kind, 'ok', entries.kind === 'error' ? entries.message : '');
  return { index: index.value, entries: entries.value };
}

test('over loopback HTTP (gzip) and over file:// the same index and entries come back', async () => {
  const from = server.requests.length;
  const overHttp = await everything(client(server.url).db);
  const overFile = await everything(client(fileUrl).db);
  assert.deepEqual([...overHttp.index.byPath], [...overFile.index.byPath]);
  assert.deepEqual(overHttp.entries, overFile.entries);
  assert.equal(overHttp.index.modified, overFile.index.modified);

  const modules = new Set(VULN_FIXTURE_ENTRIES.flatMap((e) => e.affected.map((a) => a.package.name)));
  assert.deepEqual([...overHttp.index.byPath.keys()].sort(), [...modules].sort());
  assert.deepEqual(overHttp.entries.map((e) => e.id).sort(), VULN_FIXTURE_ENTRIES.map((e) => e.id).sort());
  for (const raw of VULN_FIXTURE_ENTRIES) {
    const e = overHttp.entries.find((x) => x.id === raw.id)!;
    assert.equal(e.modified, raw.modified);
    assert.equal(e.withdrawn, raw.withdrawn);
    assert.deepEqual(e.aliases, raw.aliases ?? []);
    assert.equal(e.summary, raw.summary);
    assert.equal(e.url, raw.database_specific?.url ?? `https://pkg.go.dev/vuln/${raw.id}`);
    assert.deepEqual(e.affected, raw.affected.map((a) => ({
      module: a.package.name,
      ranges: a.ranges ?? [],
      packages: (a.ecosystem_specific?.imports ?? []).map((p) => JSON.parse(JSON.stringify(p))),
    })));
  }
  const asked = new Set(requestsSince(from));
  const wanted = ['/index/db.json.gz', '/index/modules.json.gz', ...VULN_FIXTURE_ENTRIES.map((e) => `/ID/${e.id}.json.gz`)];
  assert.deepEqual([...asked].sort(), wanted.sort(), 'only the gzipped index and ID endpoints are asked over HTTP');
});

test('db.json is asked once per fresh time; modules.json again only when its time changed', async () => {
  const sub = path.join(dir, 'changing');
  writeVulnDb(sub, VULN_FIXTURE_ENTRIES);
  const s = await startProxyServer({ root: sub });
  try {
    const c = clock();
    const { db } = client(s.url, { now: c.now, freshMs: 600_000 });
    const asked = (from: number) => s.requests.slice(from).map((r) => r.path);
    const first = await db.index();
    assert.ok(first.kind === 'ok' && !first.value.fromCache);
    assert.deepEqual(asked(0), ['/index/db.json.gz', '/index/modules.json.gz']);

    let n = s.requests.length;
    c.t += 599_999;
    assert.equal((await db.index()).kind, 'ok');
    assert.deepEqual(asked(n), [], 'within the fresh time nothing is asked');

    c.t += 1;
    const again = await db.index();
    assert.deepEqual(asked(n), ['/index/db.json.gz'], 'db.json only: its time did not change');
    assert.ok(again.kind === 'ok' && again.value.byPath === first.value.byPath);
    assert.equal(db.status().answeredAt, c.t);

    const added: OsvJson = { ...VULN_FIXTURE_ENTRIES[0], id: 'GO-2024-0100', modified: '2024-05-01T00:00:00Z', affected: [{ package: { name: 'example.com/excludeme', ecosystem: 'Go' } }] };
    const rewritten = writeVulnDb(sub, [...VULN_FIXTURE_ENTRIES, added]);
    n = s.requests.length;
    c.t += 1_000;
    assert.equal((await db.index()).kind, 'ok');
    assert.deepEqual(asked(n), [], 'a changed database is not seen before the fresh time ends');

    c.t += 600_000;
    const changed = await db.index();
    assert.deepEqual(asked(n), ['/index/db.json.gz', '/index/modules.json.gz']);
    assert.ok(changed.kind === 'ok');
    assert.equal(changed.value.modified, rewritten.modified);
    assert.deepEqual(changed.value.byPath.get('example.com/excludeme')?.vulns, [{ id: 'GO-2024-0100', modified: '2024-05-01T00:00:00Z' }]);
    assert.equal(db.status().modified, rewritten.modified);

    n = s.requests.length;
    await db.index({ revalidate: true });
    assert.deepEqual(asked(n), ['/index/db.json.gz'], 'revalidate asks db.json within the fresh time');
  } finally {
    await s.close();
  }
});

test('only the entries asked for are fetched, once each, and kept by id and modified time', async () => {
  const { db } = client(server.url);
  const index = await db.index();
  assert.ok(index.kind === 'ok');
  const toml = index.value.byPath.get('example.com/BurntSushi/toml')!.vulns;
  const from = server.requests.length;
  const got = await db.entries(toml);
  assert.ok(got.kind === 'ok');
  assert.deepEqual(got.value.map((e) => e.id), toml.map((v) => v.id));
  assert.deepEqual(requestsSince(from).sort(), toml.map((v) => `/ID/${v.id}.json.gz`).sort());
  const n = server.requests.length;
  assert.deepEqual(await db.entries(toml), got);
  assert.deepEqual(requestsSince(n), [], 'asked again: from memory');
  await db.entries([{ id: toml[0].id, modified: '2099-01-01T00:00:00Z' }]);
  assert.deepEqual(requestsSince(n), [`/ID/${toml[0].id}.json.gz`], 'a new modified time is a new entry');
});

test('a second run uses the disk cache: no request within the fresh time, and offline whatever its age', async () => {
  const cacheDir = path.join(dir, 'cache-runs');
  const c = clock();
  const firstRun = client(server.url, { cacheDir, now: c.now });
  const before = await everything(firstRun.db);
  await firstRun.close();

  let from = server.requests.length;
  c.t += 60_000;
  const second = client(server.url, { cacheDir, now: c.now });
  const again = await everything(second.db);
  assert.deepEqual(requestsSince(from), [], 'the second run asks nothing');
  assert.deepEqual([...again.index.byPath], [...before.index.byPath]);
  assert.deepEqual(again.entries, before.entries);
  assert.equal(again.index.fromCache, true);
  assert.equal(second.db.status().answeredAt, before.index.fetchedAt, 'the database last answered in the first run');

  c.t += 365 * 24 * 3600_000;
  const offline = client(server.url, { cacheDir, now: c.now, offline: true });
  const cached = await everything(offline.db);
  assert.deepEqual(cached.entries, before.entries);
  assert.equal(cached.index.fromCache, true);
  const missing = await offline.db.entries([{ id: 'GO-2024-0001', modified: '2030-01-01T00:00:00Z' }]);
  assert.deepEqual(missing, { kind: 'error', message: 'GO-2024-0001 is not in the cached copy of the vulnerability database; run once online' });
  assert.deepEqual(requestsSince(from), [], 'offline: no request at all');

  const later = client(server.url, { cacheDir, now: c.now });
  assert.equal((await later.db.index()).kind, 'ok');
  assert.deepEqual(requestsSince(from), ['/index/db.json.gz'], 'an old copy asks db.json; its time is unchanged, so not modules.json');
});

test('a damaged disk cache is a miss: the database is asked again', async () => {
  const cacheDir = path.join(dir, 'cache-damaged');
  const firstRun = client(server.url, { cacheDir });
  const before = await everything(firstRun.db);
  await firstRun.close();
  const files = readdirSync(cacheDir);
  assert.ok(files.length >= 2 + VULN_FIXTURE_ENTRIES.length, `${files.length} cache files`);
  files.forEach((f, i) => writeFileSync(path.join(cacheDir, f), i % 2 ? '{"format":1,"kind":"ok","body":"%%%"' : '\u0000garbage'));
  const from = server.requests.length;
  const second = client(server.url, { cacheDir });
  const again = await everything(second.db);
  assert.deepEqual(again.entries, before.entries);
  assert.deepEqual(requestsSince(from).sort(), ['/index/db.json.gz', '/index/modules.json.gz', ...VULN_FIXTURE_ENTRIES.map((e) => `/ID/${e.id}.json.gz`)].sort());
});

test('offline with nothing cached: one plain error, and no request', async () => {
  const from = server.requests.length;
  for (const cacheDir of [undefined, path.join(dir, 'cache-empty')]) {
    const { db } = client(server.url, { cacheDir, offline: true });
    assert.deepEqual(await db.index(), { kind: 'error', message: NO_CACHED_COPY });
    assert.equal(NO_CACHED_COPY, 'no copy of the vulnerability database is cached yet; run once online');
  }
  assert.deepEqual(requestsSince(from), []);
});

test('no module path is ever sent: many modules asked, private ones among them', async () => {
  const sub = path.join(dir, 'big');
  const generated = generateVulnDbEntries({ seed: 7, modules: 300, entries: 700 });
  const privateEntry: OsvJson = { ...VULN_FIXTURE_ENTRIES[0], id: 'GO-2024-0900', affected: [{ package: { name: 'git.corp.example/secret', ecosystem: 'Go' } }] };
  writeVulnDb(sub, [...VULN_FIXTURE_ENTRIES, ...generated.entries, privateEntry], { forms: ['json.gz'] });
  const s = await startProxyServer({ root: sub });
  try {
    const { db } = client(s.url);
    const index = await db.index();
    assert.ok(index.kind === 'ok');
    const asked = [...generated.modules, 'git.corp.example/secret', 'git.corp.example/secret/tools', 'example.com/BurntSushi/toml', 'example.com/not-in-the-database'];
    const idsAsked = new Set<string>();
    // All at once, as the checks of a go.mod's requirements ask.
    const answers = await Promise.all(asked.map((m) => {
      const vulns = index.value.byPath.get(m)?.vulns ?? [];
      vulns.forEach((v) => idsAsked.add(v.id));
      return db.entries(vulns);
    }));
    for (const got of answers) assert.equal(got.kind, 'ok', got.kind === 'error' ? got.message : '');
    assert.ok(idsAsked.has('GO-2024-0900'));
    const sent = s.requests.map((r) => `${r.method} ${r.rawPath} ${JSON.stringify(r.headers)}`);
    for (const m of asked) {
      const leaks = sent.filter((line) => line.toLowerCase().includes(m.toLowerCase()));
      assert.deepEqual(leaks, [], `${m} appears in no request line or header`);
    }
    const wanted = ['/index/db.json.gz', '/index/modules.json.gz', ...[...idsAsked].map((id) => `/ID/${id}.json.gz`)];
    assert.deepEqual(s.requests.map((r) => r.rawPath).sort(), wanted.sort(), 'exactly the index and the entries of the modules asked');
  } finally {
    await s.close();
  }
});
