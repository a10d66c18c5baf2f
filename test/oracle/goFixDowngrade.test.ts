// An "Upgrade" run through the real go command is refused when the go.mod it
// leaves behind has a lower version of a module asked for than before:
// `go get m@v` applies whatever v resolves to, which a lying proxy can make an
// older version. Nothing is applied, and the reason names the versions.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createGoRunner, type GoRunner } from '../../server/src/core/gocmd/runner';
import { downgrades, type GoFixFs, runGoFix } from '../../server/src/core/gocmd/goFix';
import { isolatedGoEnv } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
let dir: string;
let moduleDir: string;
let server: ProxyServer;
let go: GoRunner;

const fs: GoFixFs = {
  makeTempDir: () => mkdtemp(path.join(tmpdir(), 'gmh-fix-')),
  writeFile: (p, text) => writeFile(p, text),
  readFile: (p) => readFile(p, 'utf8').then((t) => t, () => undefined),
  removeDir: (p) => rm(p, { recursive: true, force: true }),
  join: (d, n) => path.join(d, n),
};

const goMod = (version: string) => `module example.com/app\n\ngo 1.21\n\nrequire example.com/majors ${version}\n`;

before(async () => {
  assert.ok(goBin, 'the go command is required');
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-downgrade-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  moduleDir = path.join(dir, 'app');
  mkdirSync(moduleDir);
  writeFileSync(path.join(moduleDir, 'go.mod'), goMod('v1.1.0'));
  const env = isolatedGoEnv(path.join(dir, 'home'), server.url);
  mkdirSync(path.join(dir, 'home'), { recursive: true });
  go = createGoRunner({ goBinary: goBin!, baseEnv: env, platform: process.platform, exists: () => true });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

test('a go get that lowers a version asked for is refused, with the reason', async () => {
  const r = await runGoFix(go, fs, { action: { kind: 'get', modules: [{ path: 'example.com/majors', version: 'v1.0.0' }] }, moduleDir, goMod: goMod('v1.1.0'), goFlags: '-mod=mod -modcacherw' });
  assert.equal(r.ok, false, 'not applied');
  assert.match(r.ok ? '' : r.message, /would lower example\.com\/majors from v1\.1\.0 to v1\.0\.0/);
});

test('a go get that raises the version is applied', async () => {
  const r = await runGoFix(go, fs, { action: { kind: 'get', modules: [{ path: 'example.com/majors', version: 'v1.1.0' }] }, moduleDir, goMod: goMod('v1.0.0'), goFlags: '-mod=mod -modcacherw' });
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.match(r.goMod, /example\.com\/majors v1\.1\.0/);
});

test('a pseudo-version older than the tag in use counts as lower', () => {
  assert.deepEqual(downgrades(goMod('v1.0.0'), goMod('v0.0.0-20180101000000-abcdefabcdef'), [{ path: 'example.com/majors' }]), ['example.com/majors from v1.0.0 to v0.0.0-20180101000000-abcdefabcdef']);
  assert.deepEqual(downgrades(goMod('v1.0.0'), goMod('v1.0.1-0.20240101000000-abcdefabcdef'), [{ path: 'example.com/majors' }]), []);
});
