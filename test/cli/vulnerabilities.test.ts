// `check` and the vulnerability database: the Vulnerabilities of each module
// in the JSON report, the vulnerability findings, --no-vulns, GOPROXY=off,
// file:// and loopback http (gzip) databases alike, and the requests the
// database hears. The database is written by the test (test/support/vulnDb.ts)
// from its own OSV entries; the modules come from the loopback test proxy.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { type OsvJson, VULN_FIXTURE_ENTRIES, type WrittenVulnDb, writeVulnDb } from '../support/vulnDb';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let dir: string;
let work: string;
let proxy: ProxyServer;
let vulndb: ProxyServer;
let db: WrittenVulnDb;

/** A standard library entry for a release no local go command has: the toolchain line decides. */
const FUTURE_STDLIB: OsvJson = {
  id: 'GO-2099-0100', modified: '2026-01-01T00:00:00Z', aliases: ['CVE-2099-0100'], summary: 'A future net/http flaw', details: '',
  affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.99.0' }, { fixed: '1.99.3' }] }], ecosystem_specific: { imports: [{ path: 'net/http' }] } }],
};

const GO_MOD = `module example.com/app

go 1.21

toolchain go1.99.1

require (
	example.com/retract/ranges v1.0.0
	example.com/majors v1.0.0 // indirect
	example.com/notags v0.0.0-20190507143103-cc8cbe209b64
	example.com/incompat v2.0.0+incompatible
	example.com/deprecated/b v1.0.0
	example.com/plain v1.0.0
)
`;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-check-vulns-'));
  proxy = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root });
  db = writeVulnDb(path.join(dir, 'vulndb'), [...VULN_FIXTURE_ENTRIES, FUTURE_STDLIB]);
  vulndb = await startProxyServer({ root: db.root });
  work = path.join(dir, 'app');
  mkdirSync(work);
  writeFileSync(path.join(work, 'go.mod'), GO_MOD);
});
after(async () => {
  await proxy?.close();
  await vulndb?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = mkdtempSync(path.join(dir, 'cache-'));
  const base = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: cache, GOENV: 'off', GOPROXY: proxy.url, GOFLAGS: '', GOPRIVATE: '', GOTOOLCHAIN: 'local', GOVULNDB: vulndb.url };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check', ...args, work], { cwd: dir, env: { ...base, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

interface Json {
  modules: { Path: string; Version: string; Vulnerabilities?: { ID: string; Aliases: string[]; Summary: string; Fixed?: string; URL: string }[] }[];
  findings: { code: string; line: number; message: string; module?: string; suggestedVersion?: string; severity: string }[];
}
const vulnsOf = (out: Json) => Object.fromEntries(out.modules.map((m) => [m.Path, m.Vulnerabilities?.map((v) => `${v.ID}${v.Fixed ? ` fixed ${v.Fixed}` : ''}`)]));

const EXPECTED = {
  // Fixed in 1.2.0; 1.2.0 and 1.3.0 are retracted, so the upgrade goes to 1.4.0 (below the re-introduction in 1.5.0).
  'example.com/retract/ranges': ['GO-2024-0002 fixed v1.2.0'],
  'example.com/majors': ['GO-2024-0010 fixed v1.1.0'],
  // Introduced at the beginning of time, never fixed: the pseudo-version is affected.
  'example.com/notags': ['GO-2024-0004'],
  'example.com/incompat': ['GO-2024-0006 fixed v3.0.0+incompatible'],
  // Its only entry is withdrawn.
  'example.com/deprecated/b': [],
  'example.com/plain': [],
};

test('check --json: every module lists its vulnerabilities, with the lowest fixed version above the one in use', async () => {
  const r = await check(['--json']);
  assert.equal(r.code, 1, r.stderr);
  const out: Json = JSON.parse(r.stdout);
  assert.deepEqual(vulnsOf(out), EXPECTED);
  const ranges = out.modules.find((m) => m.Path === 'example.com/retract/ranges')!.Vulnerabilities![0];
  assert.deepEqual(Object.keys(ranges).sort(), ['Aliases', 'Fixed', 'ID', 'Summary', 'URL']);
  assert.ok(ranges.Aliases.length > 0 && ranges.Summary.length > 0 && /^https:\/\//.test(ranges.URL), JSON.stringify(ranges));
});

test('vulnerability findings: the count, the ids and the version that fixes them all and is not retracted', async () => {
  const out: Json = JSON.parse((await check(['--json'])).stdout);
  const found = out.findings.filter((f) => f.code === 'vulnerability').map((f) => [f.line, f.severity, f.module, f.suggestedVersion]);
  assert.deepEqual(found, [
    [8, 'warning', 'example.com/retract/ranges', 'v1.4.0'],
    [9, 'warning', 'example.com/majors', 'v1.1.0'],
    [10, 'warning', 'example.com/notags', undefined],
    [11, 'warning', 'example.com/incompat', 'v3.0.0+incompatible'],
  ]);
  const ranges = out.findings.find((f) => f.code === 'vulnerability' && f.line === 8)!;
  assert.match(ranges.message, /example\.com\/retract\/ranges v1\.0\.0 has 1 known vulnerability: GO-2024-0002\. Upgrade to v1\.4\.0, which fixes it\./);
  assert.match(out.findings.find((f) => f.line === 10 && f.code === 'vulnerability')!.message, /No fixed version is known yet/);
  // The toolchain line names a release newer than any local go command: it is the one checked.
  const toolchain = out.findings.filter((f) => f.code === 'toolchain-vulnerability');
  assert.deepEqual(toolchain.map((f) => [f.line, f.severity, f.suggestedVersion]), [[5, 'info', 'go1.99.3']]);
  assert.match(toolchain[0].message, /^go1\.99\.1 \(the toolchain line\) has 1 known vulnerability in the standard library or the go command: GO-2099-0100\. Upgrade to go1\.99\.3/);
});

test('a file:// database gives the same answers as the same database over loopback http', async () => {
  const overHttp: Json = JSON.parse((await check(['--json'])).stdout);
  const fromFile: Json = JSON.parse((await check(['--json'], { GOVULNDB: db.fileUrl })).stdout);
  assert.deepEqual(vulnsOf(fromFile), vulnsOf(overHttp));
  assert.deepEqual(fromFile.findings.filter((f) => f.code.includes('vulnerab')), overHttp.findings.filter((f) => f.code.includes('vulnerab')));
});

test('with GOPROXY=off, vulnerabilities are still reported from the database', async () => {
  const out: Json = JSON.parse((await check(['--json'], { GOPROXY: 'off' })).stdout);
  assert.deepEqual(vulnsOf(out), EXPECTED);
  // Without the module's versions, no upgrade is chosen: the fixed versions are still reported.
  assert.ok(out.findings.some((f) => f.code === 'vulnerability' && f.line === 8 && f.suggestedVersion === undefined));
});

test('--no-vulns and GOVULNDB=off ask the database nothing and report no vulnerability', async () => {
  for (const [args, env] of [[['--no-vulns'], {}], [[], { GOVULNDB: 'off' }]] as const) {
    const before = vulndb.requests.length;
    const out: Json = JSON.parse((await check(['--json', ...args], env)).stdout);
    assert.equal(vulndb.requests.length, before, 'no request');
    assert.ok(out.modules.every((m) => m.Vulnerabilities === undefined));
    assert.ok(!out.findings.some((f) => f.code.includes('vulnerab')));
  }
});

test('the database hears only index and entry requests, never a module path, GOPRIVATE or not', async () => {
  const before = vulndb.requests.length;
  await check(['--json'], { GOPRIVATE: 'example.com/retract' });
  const asked = vulndb.requests.slice(before).map((r) => r.rawPath);
  assert.ok(asked.length > 0);
  for (const p of asked) assert.match(p, /^\/(index\/(db|modules)|ID\/GO-\d{4}-\d{4})\.json\.gz$/, p);
  for (const module of Object.keys(EXPECTED)) for (const p of asked) assert.ok(!p.includes(module) && !p.includes(module.split('/')[1]), `${p} names ${module}`);
});

test('the text report says where the vulnerabilities come from, and --fail-on warning fails on them', async () => {
  const r = await check(['--fail-on', 'warning', '--width', '0'], { GOPROXY: 'off' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`known vulnerabilities from ${vulndb.url.replace(/[.]/g, '\\.')}`));
  assert.match(r.stdout, /vulnerability {2}example\.com\/majors v1\.0\.0 has 1 known vulnerability/);
});

test('a database that cannot be read is one finding with its cause, and everything else is checked', async () => {
  const r = await check(['--json'], { GOVULNDB: 'http://127.0.0.1:9' });
  const out: Json = JSON.parse(r.stdout);
  const failed = out.findings.filter((f) => f.code === 'vulnerability-check-failed');
  assert.equal(failed.length, 1, JSON.stringify(out.findings.map((f) => f.code)));
  assert.match(failed[0].message, /^Known vulnerabilities could not be checked: .*127\.0\.0\.1:9.*ECONNREFUSED/);
  assert.ok(out.findings.some((f) => f.code === 'update-available'), 'the proxy lookups went on');
  const bad = JSON.parse((await check(['--json'], { GOVULNDB: 'not a url' })).stdout) as Json;
  assert.deepEqual(bad.findings.filter((f) => f.code === 'vulnerability-check-failed').map((f) => f.message), ['Known vulnerabilities could not be checked: GOVULNDB is not a URL: "not a url"; use an https:// or file:/// URL, or "off". Everything else is checked as usual.']);
});
