// The test module proxy and the `go list -m -u` oracle, checked against the go
// command itself: if the go command accepts the tree (over HTTP and file://),
// the proxy client tests built on it test something real.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findGo } from '../support/goOracle';
import { goListUpdates, GoListModule, isolatedGoEnv, parseJsonStream, runGo } from '../support/goList';
import { buildProxyTree, escapeModulePath, fixtureModulesDir, generatedRetractRationale, ProxyTree } from '../support/moduleFixtures';
import { ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
let work: string;
let tree: ProxyTree;
let proxy: ProxyServer;

before(async () => {
  assert.ok(goBin, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
  work = mkdtempSync(path.join(tmpdir(), 'gmh-proxy-'));
  tree = buildProxyTree([fixtureModulesDir], path.join(work, 'proxy'));
  proxy = await startProxyServer({ root: tree.root });
});
after(async () => {
  await proxy?.close();
  if (work) rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const treeFile = (...p: string[]) => readFileSync(path.join(tree.root, ...p), 'utf8');

async function goModDownload(proxyUrl: string, specs: string[]) {
  const home = mkdtempSync(path.join(work, 'go-'));
  const r = await runGo(goBin!, ['mod', 'download', '-json', ...specs], home, isolatedGoEnv(home, proxyUrl));
  return { ...r, results: parseJsonStream(r.stdout) as Record<string, string>[], home };
}

/** fetch with a deadline, so that a misbehaving server fails the test instead of hanging it. */
function get(url: string, init: RequestInit = {}) {
  return fetch(url, { signal: AbortSignal.timeout(10_000), ...init });
}

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the fixture tree', () => {
  test('lists tags only, escapes case, serves @latest only where latest.list asks', () => {
    assert.equal(treeFile('example.com/!burnt!sushi/toml/@v/list'), 'v0.3.1\nv1.3.2\nv1.4.0-BETA\n');
    assert.ok(existsSync(path.join(tree.root, 'example.com/!burnt!sushi/toml/@v/v1.4.0-!b!e!t!a.zip')));
    assert.equal(treeFile('example.com/pseudonewer/@v/list'), 'v1.0.0\nv1.1.0\n');
    assert.equal(treeFile('rsc.io/breaker/@v/list'), 'v1.0.0\nv2.0.0+incompatible\n');
    assert.equal(treeFile('example.com/notags/@v/list'), '');
    assert.deepEqual(JSON.parse(treeFile('example.com/notags/@latest')), { Version: 'v0.0.0-20190507143103-cc8cbe209b64', Time: '2019-05-07T07:31:03-07:00' });
    assert.equal(existsSync(path.join(tree.root, 'example.com/nolatest/@latest')), false);
    // A fixture without .info gets one; Go's retract_missingmod v1.9.0 has no .mod to serve.
    assert.deepEqual(JSON.parse(treeFile('example.com/retract/@v/v1.1.0.info')), { Version: 'v1.1.0', Time: '2024-01-01T00:00:00Z' });
    assert.equal(existsSync(path.join(tree.root, 'example.com/retract/missingmod/@v/v1.9.0.mod')), false);
    assert.deepEqual(tree.modules.get('example.com/majors/v3'), ['v3.0.0', 'v3.1.0-rc.1']);
    assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  });

  test('committed fixtures stay small', () => {
    const bytes = readdirSync(fixtureModulesDir).reduce((n, f) => n + statSync(path.join(fixtureModulesDir, f)).size, 0);
    assert.ok(bytes < 300_000, `${bytes} bytes`);
  });

  test('generated modules: eight versions each, some retracted and deprecated, and the go command agrees', async () => {
    const big = buildProxyTree([], path.join(work, 'generated'), { generated: 300 });
    assert.equal(big.modules.size, 300);
    assert.equal(readFileSync(path.join(big.root, 'example.com/gen/m299/@v/list'), 'utf8').split('\n').length - 1, 8);
    const r = await goListUpdates(goBin!, big.fileUrl, [
      { path: 'example.com/gen/m021', version: 'v1.1.0' },
      { path: 'example.com/gen/m001', version: 'v1.1.0' },
    ]);
    assert.ok(r.ok, r.ok ? '' : r.stderr);
    const [m21, m1] = r.modules;
    assert.deepEqual([m21.Update?.Version, m21.Retracted, m21.Deprecated], ['v1.3.0', [generatedRetractRationale], 'use example.com/gen/m022 instead.']);
    assert.deepEqual([m1.Update?.Version, m1.Retracted, m1.Deprecated], ['v1.3.0', undefined, undefined]);
  });
});

describe('the go command against the proxy', () => {
  const specs = ['example.com/BurntSushi/toml@v1.4.0-BETA', 'example.com/retract/ranges@v1.4.0', 'rsc.io/breaker@v2.0.0+incompatible'];

  test('downloads modules over HTTP, and the request log shows what it asked for', async () => {
    const before = proxy.requests.length;
    const r = await goModDownload(proxy.url, specs);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.results.map((m) => [m.Path, m.Version, m.Error]), [
      ['example.com/BurntSushi/toml', 'v1.4.0-BETA', undefined],
      ['example.com/retract/ranges', 'v1.4.0', undefined],
      ['rsc.io/breaker', 'v2.0.0+incompatible', undefined],
    ]);
    assert.ok(existsSync(path.join(r.results[0].Dir, 'toml.go')), 'the zip was extracted');
    const paths = proxy.requests.slice(before).map((q) => `${q.method} ${q.path}`);
    for (const p of ['example.com/!burnt!sushi/toml/@v/v1.4.0-!b!e!t!a.info', 'example.com/!burnt!sushi/toml/@v/v1.4.0-!b!e!t!a.zip', 'rsc.io/breaker/@v/v2.0.0+incompatible.mod']) {
      assert.ok(paths.includes(`GET /${p}`), `${p} in ${paths.join(', ')}`);
    }
  });

  test('downloads the same bytes through file://, including @latest', async () => {
    const http = await goModDownload(proxy.url, specs);
    const file = await goModDownload(tree.fileUrl, [...specs, 'example.com/notags@latest', 'example.com/nolatest@latest']);
    assert.deepEqual(file.results.slice(0, 3).map((m) => m.Sum), http.results.map((m) => m.Sum));
    assert.equal(file.results[3].Version, 'v0.0.0-20190507143103-cc8cbe209b64');
    assert.equal(file.results[4].Error, 'module example.com/nolatest: no matching versions for query "latest"');
  });
});

describe('faults', () => {
  const mod = '/example.com/retract/ranges/@v/v1.4.0.mod';

  test('missing files: 404 with a proxy.golang.org-style explanation', async () => {
    let r = await get(proxy.url + '/example.com/nope/@v/list');
    assert.deepEqual([r.status, await r.text()], [404, 'not found: module example.com/nope: no matching versions\n']);
    r = await get(proxy.url + '/example.com/!burnt!sushi/toml/@v/v9.9.9-!r!c.info');
    assert.deepEqual([r.status, await r.text()], [404, 'not found: example.com/BurntSushi/toml@v9.9.9-RC: invalid version: unknown revision v9.9.9-RC\n']);
    r = await get(proxy.url + '/../../etc/passwd');
    assert.equal(r.status, 404);
  });

  test('the request log holds decoded paths', async () => {
    const r = await get(proxy.url + '/example.com/incompat/@v/v2.0.0%2Bincompatible.info');
    assert.equal(r.status, 200);
    assert.equal(proxy.requests.at(-1)?.path, '/example.com/incompat/@v/v2.0.0+incompatible.info');
  });

  test('status faults, matched by substring or RegExp, later ones first, removable', async () => {
    proxy.setFault('/example.com/retract/', { status: 500 });
    proxy.setFault(/ranges\/@v\/.*\.mod$/, { status: 410, body: 'not found: gone\n' });
    let r = await get(proxy.url + mod);
    assert.deepEqual([r.status, await r.text()], [410, 'not found: gone\n']);
    r = await get(proxy.url + '/example.com/retract/@v/list');
    assert.deepEqual([r.status, await r.text()], [500, 'Internal Server Error\n']);
    proxy.setFault(/ranges\/@v\/.*\.mod$/, undefined);
    proxy.setFault('/example.com/retract/', undefined);
    r = await get(proxy.url + mod);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /retract \[v1\.1\.0, v1\.3\.0\]/);
  });

  test('the go command reports a proxy error on the module it hit', async () => {
    proxy.setFault('/example.com/majors/@v/list', { status: 500, body: 'boom' });
    try {
      const r = await goListUpdates(goBin!, proxy.url, [{ path: 'example.com/majors', version: 'v1.0.0' }]);
      assert.ok(r.ok);
      assert.match(r.modules[0].Error?.Err ?? '', /500 Internal Server Error/);
    } finally {
      proxy.setFault('/example.com/majors/@v/list', undefined);
    }
  });

  test('latency delays every answer', async () => {
    proxy.setLatency(300);
    try {
      const t = Date.now();
      assert.equal((await get(proxy.url + mod)).status, 200);
      assert.ok(Date.now() - t >= 290, `${Date.now() - t} ms`);
    } finally {
      proxy.setLatency(0);
    }
  });

  test('a hung request never answers, and close() still returns promptly', async () => {
    const s = await startProxyServer({ root: tree.root });
    s.setFault('@v/list', { hang: true });
    const pending = get(s.url + '/example.com/majors/@v/list');
    await until(() => s.requests.length === 1, 'the request to arrive');
    const t = Date.now();
    await s.close();
    assert.ok(Date.now() - t < 1000, `close took ${Date.now() - t} ms`);
    await assert.rejects(pending);
  });

  test('a slow body arrives whole, at the given rate', async () => {
    const want = treeFile(mod);
    proxy.setFault(mod, { slowBodyBytesPerSec: 200 });
    try {
      const t = Date.now();
      const r = await get(proxy.url + mod);
      assert.equal(await r.text(), want);
      const ms = Date.now() - t;
      assert.ok(ms >= ((want.length - 20) / 200) * 1000 - 50, `${want.length} bytes in ${ms} ms`);
    } finally {
      proxy.setFault(mod, undefined);
    }
  });

  test('a truncated body declares the full length and fails the read', async () => {
    const zip = '/example.com/retract/ranges/@v/v1.4.0.zip';
    proxy.setFault(zip, { truncateAt: 10 });
    try {
      const r = await get(proxy.url + zip);
      assert.equal(r.status, 200);
      assert.equal(Number(r.headers.get('content-length')), statSync(path.join(tree.root, zip)).size);
      await assert.rejects(r.arrayBuffer());
    } finally {
      proxy.setFault(zip, undefined);
    }
  });

  test('malformed JSON, a huge list, a redirect and a reset', async () => {
    const info = '/example.com/majors/@v/v1.1.0.info';
    proxy.setFault(info, { malformedJson: true });
    proxy.setFault('/example.com/majors/@v/list', { hugeListLines: 200_000 });
    proxy.setFault('/redirected/list', { redirectTo: proxy.url + '/example.com/majors/v2/@v/list' });
    proxy.setFault('/reset/', { reset: true });
    try {
      const bad = await get(proxy.url + info);
      assert.equal(bad.status, 200);
      const text = await bad.text();
      assert.throws(() => JSON.parse(text), SyntaxError);

      const lines = (await (await get(proxy.url + '/example.com/majors/@v/list')).text()).split('\n');
      assert.deepEqual([lines.length, lines[0], lines.at(-2)], [200_001, 'v1.0.0', 'v1.199.999']);

      const manual = await get(proxy.url + '/redirected/list', { redirect: 'manual' });
      assert.deepEqual([manual.status, manual.headers.get('location')], [302, proxy.url + '/example.com/majors/v2/@v/list']);
      const followed = await get(proxy.url + '/redirected/list');
      assert.equal(await followed.text(), 'v2.0.0\nv2.1.0\n');

      await assert.rejects(get(proxy.url + '/reset/example.com/majors/@v/list'));
    } finally {
      for (const m of [info, '/example.com/majors/@v/list', '/redirected/list', '/reset/']) proxy.setFault(m, undefined);
    }
  });

  test('basic auth: 401 without the right credentials', async () => {
    const s = await startProxyServer({ root: tree.root, requireAuth: { user: 'alice', pass: 's3cret' } });
    try {
      const u = s.url + '/example.com/majors/@v/list';
      const none = await get(u);
      assert.deepEqual([none.status, none.headers.get('www-authenticate')], [401, 'Basic realm="proxy"']);
      const basic = (up: string) => ({ headers: { Authorization: 'Basic ' + Buffer.from(up).toString('base64') } });
      assert.equal((await get(u, basic('alice:wrong'))).status, 401);
      const ok = await get(u, basic('alice:s3cret'));
      assert.deepEqual([ok.status, await ok.text()], [200, 'v1.0.0\nv1.1.0\n']);
    } finally {
      await s.close();
    }
  });
});

describe('goListUpdates', () => {
  const pick = (m: GoListModule) => ({ Version: m.Version, Update: m.Update?.Version, Retracted: m.Retracted, Deprecated: m.Deprecated, Error: m.Error?.Err });

  test('reports updates, retractions and deprecations as the fixtures say', async () => {
    const r = await goListUpdates(
      goBin!,
      proxy.url,
      [
        { path: 'example.com/retract', version: 'v1.0.0-bad' },
        { path: 'example.com/retract/self/prev', version: 'v1.0.0-bad' },
        { path: 'example.com/retract/self/all', version: 'v1.9.0' },
        { path: 'example.com/retract/self/prerelease', version: 'v1.0.0' },
        { path: 'example.com/retract/rationale', version: 'v1.0.0-multiline1' },
        { path: 'example.com/retract/ranges', version: 'v1.2.0' },
        { path: 'example.com/deprecated/a', version: 'v1.0.0' },
        { path: 'example.com/undeprecated', version: 'v1.0.0' },
        { path: 'example.com/incompat', version: 'v1.0.0' },
        { path: 'example.com/incompatiblewithsub', version: 'v1.0.0' },
        { path: 'example.com/BurntSushi/toml', version: 'v0.3.1' },
        { path: 'example.com/pseudonewer', version: 'v1.0.1-0.20230615120000-0123456789ab' },
        { path: 'example.com/pseudoupgrade', version: 'v0.1.1-0.20190429073117-b5426c86b553' },
        { path: 'example.com/excludeme', version: 'v1.0.0' },
        { path: 'example.com/majors', version: 'v1.0.0' },
        { path: 'gopkg.in/fixture.v1', version: 'v1.0.0' },
        { path: 'github.com/dmitshur-test/modtest5', version: 'v0.0.0-20190619020302-197a620e0c9a' },
        { path: 'example.com/nope', version: 'v1.0.0' },
      ],
      { excludes: [{ path: 'example.com/excludeme', version: 'v1.2.0' }] },
    );
    assert.ok(r.ok, r.ok ? '' : r.stderr);
    const got = Object.fromEntries(r.modules.map((m) => [m.Path, pick(m)]));
    const want = (Version: string, Update?: string, Retracted?: string[], Deprecated?: string, Error?: string) => ({ Version, Update, Retracted, Deprecated, Error });
    assert.deepEqual(got, {
      // v1.1.0 retracts v1.0.0-bad with the comment "bad".
      'example.com/retract': want('v1.0.0-bad', 'v1.1.0', ['bad']),
      // v1.9.0 retracts itself: the update is the previous release.
      'example.com/retract/self/prev': want('v1.0.0-bad', 'v1.1.0', ['bad']),
      // Every version is retracted: nothing to move to.
      'example.com/retract/self/all': want('v1.9.0', undefined, ['bad']),
      // All releases retracted: the pre-release above them is the update.
      'example.com/retract/self/prerelease': want('v1.0.0', 'v1.9.1-pre', ['bad']),
      // Comment lines before the version, then its suffix, joined by newlines.
      'example.com/retract/rationale': want('v1.0.0-multiline1', 'v1.9.0', ['short description\nmore\n\ndetail\nsuffix']),
      // [v1.1.0, v1.3.0] covers v1.2.0; the v1.5.0-beta.1 pre-release is no update for a release.
      'example.com/retract/ranges': want('v1.2.0', 'v1.4.0', ['Data race in the connection pool.']),
      // Deprecation comes from the latest version's go.mod.
      'example.com/deprecated/a': want('v1.0.0', 'v1.9.0', undefined, 'in example.com/deprecated/a@v1.9.0'),
      // ...which no longer says Deprecated.
      'example.com/undeprecated': want('v1.0.0', 'v1.0.1'),
      // v1.0.0 has a real go.mod: the +incompatible tags above it are not updates.
      'example.com/incompat': want('v1.0.0'),
      // No real go.mod (module line only): v2.0.0+incompatible is.
      'example.com/incompatiblewithsub': want('v1.0.0', 'v2.0.0+incompatible'),
      'example.com/BurntSushi/toml': want('v0.3.1', 'v1.3.2'),
      'example.com/pseudonewer': want('v1.0.1-0.20230615120000-0123456789ab', 'v1.1.0'),
      // The pseudo-version in use is newer than every tag: no downgrade offered.
      'example.com/pseudoupgrade': want('v0.1.1-0.20190429073117-b5426c86b553'),
      // v1.2.0 is excluded by the main module.
      'example.com/excludeme': want('v1.0.0', 'v1.1.0'),
      // /v2 is another module: never an update.
      'example.com/majors': want('v1.0.0', 'v1.1.0'),
      'gopkg.in/fixture.v1': want('v1.0.0', 'v1.2.0'),
      // Only a pre-release is tagged.
      'github.com/dmitshur-test/modtest5': want('v0.0.0-20190619020302-197a620e0c9a', 'v0.5.0-alpha'),
      'example.com/nope': want(
        'v1.0.0',
        undefined,
        undefined,
        undefined,
        `example.com/nope@v1.0.0: reading ${proxy.url}/example.com/nope/@v/v1.0.0.info: 404 Not Found\n\tserver response: not found: example.com/nope@v1.0.0: invalid version: unknown revision v1.0.0`,
      ),
    });
    assert.equal(r.modules.find((m) => m.Path === 'example.com/retract/ranges')?.Update?.Time, '2021-05-01T00:00:00Z');
  });

  test('an incompatible version in use is updated to the next incompatible one', async () => {
    const r = await goListUpdates(goBin!, tree.fileUrl, [{ path: 'example.com/incompat', version: 'v2.0.0+incompatible' }]);
    assert.ok(r.ok, r.ok ? '' : r.stderr);
    assert.equal(r.modules[0].Update?.Version, 'v3.0.0+incompatible');
  });

  test('a failing go command comes back as a value with its stderr', async () => {
    const r = await goListUpdates(goBin!, proxy.url, [{ path: 'example.com/nope', version: 'v1.0.0' }], { errorsInline: false });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.exitCode === 1 && r.stderr.includes('unknown revision v1.0.0'), JSON.stringify(r));
  });
});
