// `go-mod-hygiene check` run as users run it (the bundled CLI) against the
// loopback test proxy; the go command is the oracle for what they share.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { disableGoTelemetry, goListUpdates, isolatedGoEnv, runGo } from '../support/goList';
import { goPrivatePattern } from '../../server/src/core/goenv/goPrivate';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const goBin = findGo();
let dir: string;
let work: string;
let server: ProxyServer;

before(async () => {
  assert.ok(goBin);
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-check-'));
  disableGoTelemetry(dir);
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  work = path.join(dir, 'demo');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'check'), work, { recursive: true });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

/** The go command's HTTP goes to a closed loopback port: version control (private modules) reaches no host. */
const NO_NETWORK = { HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };

function check(args: string[], env: Record<string, string> = {}, cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  // A fresh cache directory per run unless a test shares one on purpose.
  const cache = mkdtempSync(path.join(dir, 'cache-'));
  const base = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: cache, GOENV: 'off', GOPROXY: server.url, GOFLAGS: '', GOPRIVATE: '', GOTOOLCHAIN: 'local', GOVULNDB: 'off', ...NO_NETWORK };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check', ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

test('every rule fires where it should, with Go-compatible module fields', async () => {
  const r = await check(['--json']);
  assert.equal(r.code, 1, `the fixture has errors: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const codes = out.findings.map((f: any) => `${f.line} ${f.code}`).sort();
  const expected = [
    '1 gosum-missing',
    '17 exclude-required-version',
    '6 major-available', '6 update-available',
    '7 deprecated-module', '7 update-available',
    '8 retracted-version', '8 update-available',
    '9 update-available',
    '10 pseudo-version-has-release', '10 update-available',
    '11 incompatible-has-module', '11 update-available',
    '12 module-not-found',
    '13 major-available', '13 update-available',
    '14 version-not-found',
    '19 exclude-unknown-version',
    '21 exclude-unused',
    '23 replace-local-path',
    '25 replace-local-path', '25 replace-target-missing', '25 replace-unused',
    '27 replace-version-mismatch',
  ].sort();
  assert.deepEqual(codes, expected);
  for (const f of out.findings) assert.ok(f.message.length > 40, `${f.code} explains itself`);
  const majors = out.modules.find((m: any) => m.Path === 'example.com/majors');
  assert.deepEqual(majors.Major, { Path: 'example.com/majors/v3', Version: 'v3.0.0' });
});

test('check --json --times agrees with go list -m -u -retracted on Update, Retracted and Deprecated', async () => {
  const r = await check(['--json', '--times']);
  const ours = JSON.parse(r.stdout).modules;
  const reqs = ours.filter((m: any) => !m.Error).map((m: any) => ({ path: m.Path, version: m.Version }));
  const go = await goListUpdates(goBin!, server.url, reqs);
  assert.ok(go.ok, !go.ok ? go.stderr : '');
  for (const want of go.modules) {
    const m = ours.find((x: any) => x.Path === want.Path);
    assert.deepEqual(
      { update: m.Update?.Version, time: m.Update?.Time && Date.parse(m.Update.Time), retracted: m.Retracted, deprecated: m.Deprecated },
      { update: want.Update?.Version, time: want.Update?.Time && Date.parse(want.Update.Time), retracted: want.Retracted, deprecated: want.Deprecated },
      want.Path,
    );
  }
  assert.ok(go.modules.length >= 7);
});

test('text report: grouped by severity, no colour when not a terminal', async () => {
  const r = await check([]);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
  const order = ['Errors', 'Warnings', 'Information', 'Hints'].map((h) => r.stdout.indexOf(`\n${h}\n`));
  assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), r.stdout);
  assert.match(r.stdout, /^go\.mod: 9 requirements checked through http:\/\/127\.0\.0\.1:\d+\n/);
  assert.match(r.stdout, /\n\d+ errors?, \d+ warnings?, \d+ info, \d+ hints?\n$/);
});

test('the text report does not claim requirements were checked when no proxy could be asked', async () => {
  const off = await check([], { GOPROXY: 'off' });
  assert.match(off.stdout, /^go\.mod: none of 9 requirements could be checked with GOPROXY=off \(see lookup-failed\)\n/);
  assert.match(off.stdout, /lookup-failed  GOPROXY=off disables module lookups: set GOPROXY /, 'the fact and the action first');
  assert.doesNotMatch(off.stdout, /\d+ requirements checked/);
  // The JSON report says it per module, as go list -m -u does when it cannot ask.
  const offJson = JSON.parse((await check(['--json'], { GOPROXY: 'off' })).stdout);
  assert.equal(offJson.modules.length, 9);
  for (const m of offJson.modules) {
    assert.deepEqual([m.Error?.Err, m.Update, m.Latest], ['module lookup disabled by GOPROXY=off', undefined, undefined], m.Path);
  }
  // Private modules go to version control, never to the proxy; here no host answers (HTTPS_PROXY is a closed port), so
  // they are counted as not checked, with one lookup-failed finding that names the cause.
  const somePrivate = await check([], { GOPRIVATE: 'example.com/majors,example.com/retract' });
  assert.match(somePrivate.stdout, /^go\.mod: 6 of 9 requirements checked through http:\/\/127\.0\.0\.1:\d+ \(GONOPROXY modules: version control\); 3 could not be \(see lookup-failed\)\n/);
  assert.match(somePrivate.stdout, /lookup-failed  3 requirements could not be resolved from version control\. The host of example\.com\/majors could not be reached/);
  const json = JSON.parse((await check(['--json'], { GOPRIVATE: 'example.com/majors,example.com/retract' })).stdout);
  assert.match(json.modules.find((m: any) => m.Path === 'example.com/majors').Error.Err, /could not be reached/, 'the JSON keeps the cause');
});

test('exit status: 1 on errors as linters do, --fail-on moves the threshold, 2 when nothing was checked', async () => {
  assert.equal((await check([])).code, 1, 'errors fail the run without any flag');
  assert.equal((await check(['--fail-on', 'error'])).code, 1);
  assert.equal((await check(['--fail-on=warning'])).code, 1);
  assert.equal((await check(['--fail-on', 'none'])).code, 0, 'none: a report only');
  const clean = path.join(dir, 'clean');
  cpSync(path.join(work, 'local'), clean, { recursive: true });
  writeFileSync(path.join(clean, 'go.mod'), 'module example.com/clean\n\ngo 1.22\n\nrequire example.com/majors/v3 v3.0.0\n');
  writeFileSync(path.join(clean, 'go.sum'), 'example.com/majors/v3 v3.0.0/go.mod h1:AAAA\n');
  const r = await check(['--fail-on', 'warning', clean]);
  assert.equal(r.code, 0, r.stdout);
  // Only a warning (a retracted version) and hints: a pass by default, a failure from --fail-on warning on.
  const warned = path.join(dir, 'warned');
  cpSync(clean, warned, { recursive: true });
  writeFileSync(path.join(warned, 'go.mod'), 'module example.com/warned\n\ngo 1.22\n\nrequire example.com/retract/ranges v1.2.0\n');
  writeFileSync(path.join(warned, 'go.sum'), 'example.com/retract/ranges v1.2.0/go.mod h1:AAAA\n');
  const warnings = JSON.parse((await check(['--json', warned])).stdout).findings.map((f: any) => f.severity);
  assert.ok(warnings.includes('warning') && !warnings.includes('error'), warnings.join());
  assert.equal((await check([warned])).code, 0);
  assert.equal((await check(['--fail-on', 'warning', warned])).code, 1);
  assert.equal((await check(['--fail-on', 'hint', warned])).code, 1);
  for (const args of [['--fail-on', 'sometimes'], ['--fail-on'], ['--bogus'], ['--width', 'wide'], ['a', 'b']]) {
    const u = await check(args);
    assert.equal(u.code, 2, args.join(' '));
    assert.match(u.stderr, /^go-mod-hygiene: .+\n\nUsage:/, args.join(' '));
  }
  const nowhere = await check([path.join(dir, 'nowhere')]);
  assert.deepEqual([nowhere.code, nowhere.stdout, nowhere.stderr.split('\n').length], [2, '', 2], nowhere.stderr);
});

test('a failing proxy gives one lookup-failed finding per cause, and passwords never show', async () => {
  server.setFault(/./, { status: 503, body: 'maintenance' });
  try {
    const r = await check(['--json'], { GOPROXY: `${server.url.replace('http://', 'http://user:hunter2@')},direct` });
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
    const failed = JSON.parse(r.stdout).findings.filter((f: any) => f.code === 'lookup-failed');
    assert.equal(failed.length, 1, JSON.stringify(failed));
    assert.match(failed[0].message, /refusing to pass credentials to insecure URL: http:\/\/user:xxxxx@/);
    const r2 = await check(['--json']);
    const failed2 = JSON.parse(r2.stdout).findings.filter((f: any) => f.code === 'lookup-failed');
    assert.equal(failed2.length, 1);
    assert.match(failed2[0].message, /^9 requirements could not be checked because \S+ failed: check the network, HTTP\(S\)_PROXY and the proxy URL\. It said: .*503/);
  } finally {
    server.setFault(/./, undefined);
  }
});

test('private modules are never sent to the proxy: version control is asked, and its failure is one finding', async () => {
  server.requests.length = 0;
  const r = await check(['--json'], { GOPRIVATE: 'example.com/retract,gopkg.in' });
  const failed = JSON.parse(r.stdout).findings.filter((f: any) => f.code === 'lookup-failed');
  assert.equal(failed.length, 1, JSON.stringify(failed));
  assert.match(failed[0].message, /^3 requirements could not be resolved from version control\./);
  const privateModules = JSON.parse(r.stdout).modules.filter((m: any) => /could not be reached/.test(m.Error?.Err));
  assert.equal(privateModules.length, 3, JSON.stringify(privateModules));
  assert.ok(!server.requests.some((q) => q.path.startsWith('/example.com/retract/') || q.path.startsWith('/gopkg.in/')), 'private paths reached the proxy');
});

test('--offline answers from the module cache, with no network at all', async () => {
  const home = path.join(dir, 'offline-home');
  const mod = path.join(dir, 'offline');
  cpSync(path.join(work, 'local'), mod, { recursive: true });
  writeFileSync(path.join(mod, 'go.mod'), 'module example.com/offline\n\ngo 1.22\n\nrequire (\n\texample.com/retract/ranges v1.2.0\n\texample.com/majors v1.0.0\n)\n');
  // Fill a module cache the way users do: the go command downloads through the proxy.
  const env = isolatedGoEnv(home, server.url);
  const dl = await runGo(goBin!, ['mod', 'download', 'example.com/retract/ranges@v1.2.0', 'example.com/retract/ranges@v1.4.0', 'example.com/majors@v1.1.0', 'example.com/majors@v1.0.0'], mod, env);
  assert.equal(dl.code, 0, dl.stderr);
  await server.close();
  try {
    const r = await check(['--offline', '--json', mod], { GOMODCACHE: String(env.GOMODCACHE), GOPROXY: 'http://127.0.0.1:9' });
    assert.equal(r.code, 0, r.stderr);
    const modules = JSON.parse(r.stdout).modules;
    const ranges = modules.find((m: any) => m.Path === 'example.com/retract/ranges');
    assert.equal(ranges.Update?.Version, 'v1.4.0');
    assert.deepEqual(ranges.Retracted, ['Data race in the connection pool.']);
    assert.equal(modules.find((m: any) => m.Path === 'example.com/majors').Update?.Version, 'v1.1.0');
  } finally {
    const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy2'));
    server = await startProxyServer({ root: tree.root });
  }
});

test('answers are cached on disk between runs; --no-cache and a corrupt cache fall back to the proxy', async () => {
  const cache = mkdtempSync(path.join(dir, 'shared-cache-'));
  server.requests.length = 0;
  const first = await check(['--json'], { XDG_CACHE_HOME: cache });
  const firstRequests = server.requests.length;
  assert.ok(firstRequests > 20);
  server.requests.length = 0;
  const second = await check(['--json'], { XDG_CACHE_HOME: cache });
  assert.equal(server.requests.length, 0, 'a second run within the freshness window asks nothing');
  assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  const files = readdirSync(path.join(cache, 'go-mod-hygiene'));
  assert.ok(files.length > 0 && files.every((f) => f.endsWith('.json')));
  assert.equal(statSync(path.join(cache, 'go-mod-hygiene')).mode & 0o777, 0o700);

  server.requests.length = 0;
  await check(['--json', '--no-cache'], { XDG_CACHE_HOME: cache });
  assert.equal(server.requests.length, firstRequests, '--no-cache asks the proxy again');

  for (const f of files) writeFileSync(path.join(cache, 'go-mod-hygiene', f), '{ not json');
  server.requests.length = 0;
  const third = await check(['--json'], { XDG_CACHE_HOME: cache });
  assert.equal(third.code, 1, third.stderr);
  assert.equal(server.requests.length, firstRequests);
  assert.deepEqual(JSON.parse(third.stdout), JSON.parse(first.stdout));
});

test('--tidy reports what go mod tidy -diff would change, without touching the files', async () => {
  const mod = path.join(dir, 'tidy');
  cpSync(path.join(work, 'local'), mod, { recursive: true });
  const goModText = 'module example.com/tidy\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.1.0\n\texample.com/deprecated/a v1.0.0\n)\n';
  writeFileSync(path.join(mod, 'go.mod'), goModText);
  writeFileSync(path.join(mod, 'main.go'), 'package main\n\nimport (\n\t_ "example.com/majors"\n\t_ "gopkg.in/fixture.v1"\n)\n\nfunc main() {}\n');
  const home = path.join(dir, 'tidy-home');
  const env = isolatedGoEnv(home, server.url) as Record<string, string>;
  const r = await check(['--json', '--tidy', mod], env);
  assert.equal(r.code, 0, r.stderr);
  const tidy = JSON.parse(r.stdout).findings.filter((f: any) => f.code === 'not-tidy');
  assert.deepEqual(tidy.map((f: any) => [f.line, f.module]), [[1, 'gopkg.in/fixture.v1'], [7, 'example.com/deprecated/a']]);
  assert.match(tidy[1].message, /run go mod tidy to remove this requirement/);
  assert.match(tidy[0].message, /run go mod tidy to add "gopkg\.in\/fixture\.v1 v1\.2\.0"/);
  assert.equal(readFileSync(path.join(mod, 'go.mod'), 'utf8'), goModText, 'go.mod is untouched');
});

test('a version above every release is version-not-found; an unknown module is module-not-found', async () => {
  const mod = path.join(dir, 'missing');
  cpSync(path.join(work, 'local'), mod, { recursive: true });
  writeFileSync(path.join(mod, 'go.mod'), 'module example.com/missing\n\ngo 1.22\n\nrequire (\n\texample.com/majors/v2 v2.9.9\n\texample.com/nosuchmodule v1.0.0\n)\n');
  const r = await check(['--json', mod]);
  const codes = JSON.parse(r.stdout).findings.filter((f: any) => f.code.endsWith('-not-found')).map((f: any) => [f.line, f.code]);
  assert.deepEqual(codes, [[6, 'version-not-found'], [7, 'module-not-found']]);
  const missing = JSON.parse(r.stdout).findings.find((f: any) => f.code === 'version-not-found');
  assert.match(missing.message, /^\S+ v\S+ does not exist; the latest version is v2\.1\.0\. Change the version.* If it was tagged just now, the proxy may not list it yet/, 'a version above every release: the new-tag causes are explained');
});

test('workspaces: use targets must exist with a go.mod; go.work replaces override go.mod ones', async () => {
  const ws = path.join(dir, 'ws');
  for (const d of ['a', 'c', 'x-mod', 'x-work']) cpSync(path.join(work, 'local'), path.join(ws, d), { recursive: true });
  rmSync(path.join(ws, 'c', 'go.mod'));
  writeFileSync(path.join(ws, 'go.work'), 'go 1.22\n\nuse (\n\t./a\n\t./b\n\t./c\n)\n\nreplace example.com/x => ./x-work\n');
  writeFileSync(path.join(ws, 'a', 'go.mod'), 'module example.com/a\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => ../x-mod\n');
  const all = JSON.parse((await check(['--json', path.join(ws, 'go.work')])).stdout).findings;
  const inWork = all.filter((f: any) => f.file.endsWith('go.work'));
  assert.deepEqual(inWork.map((f: any) => [f.line, f.code]), [[5, 'use-target-missing'], [6, 'use-target-missing']]);
  assert.ok(all.some((f: any) => f.file.endsWith(path.join('a', 'go.mod')) && f.code === 'replace-overridden-by-work'), 'the used module a is checked in the workspace');
  assert.match(inWork[0].message, /does not exist/);
  assert.match(inWork[1].message, /has no go\.mod file/);
  const mod = JSON.parse((await check(['--json', path.join(ws, 'a')], { GOPROXY: 'off' })).stdout).findings;
  const overridden = mod.filter((f: any) => f.code === 'replace-overridden-by-work');
  assert.equal(overridden.length, 1);
  assert.equal(overridden[0].line, 7);
  assert.match(overridden[0].message, /replaces example\.com\/x with \.\/x-work/);
  const off = JSON.parse((await check(['--json', path.join(ws, 'a')], { GOPROXY: 'off', GOWORK: 'off' })).stdout).findings;
  assert.equal(off.filter((f: any) => f.code === 'replace-overridden-by-work').length, 0, 'GOWORK=off leaves workspace mode');
});

test('module-not-found suggests the GOPRIVATE pattern the "Add to GOPRIVATE" fix would add', async () => {
  const d = path.join(dir, 'not-found-hosts');
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'go.mod'), 'module example.com/nf\n\ngo 1.22\n\nrequire (\n\tbitbucket.org/team/missing v1.0.0\n\tgithub.com/acme/missing/v2 v2.0.0\n\tcorp.example.com/x/missing v1.0.0\n)\n');
  const r = await check(['--json'], {}, d);
  assert.equal(r.code, 1, `module-not-found is an error: ${r.stderr}`);
  const messages = JSON.parse(r.stdout).findings.filter((f: any) => f.code === 'module-not-found').map((f: any) => [f.module, f.message]);
  assert.equal(messages.length, 3);
  for (const [module, message] of messages) {
    assert.ok(message.includes(`go env -w GOPRIVATE=${goPrivatePattern(module)})`), `${module}: ${message}`);
  }
  assert.ok(messages.some(([, m]: string[]) => m.includes('GOPRIVATE=bitbucket.org/team)')), 'an owner on a shared host, as for github.com');
});

test('a go.work is checked with every module it uses, each file reported on its own', async () => {
  const ws = path.join(dir, 'ws-modules');
  for (const d of ['a', 'b']) mkdirSync(path.join(ws, d), { recursive: true });
  writeFileSync(path.join(ws, 'go.work'), 'go 1.22\n\nuse (\n\t./a\n\t./b\n\t./gone\n)\n');
  writeFileSync(path.join(ws, 'a', 'go.mod'), 'module example.com/a\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.0.0\n\texample.com/nosuchmodule v1.0.0\n)\n');
  writeFileSync(path.join(ws, 'b', 'go.mod'), 'module example.com/b\n\ngo 1.22\n\nrequire example.com/majors v1.0.0 // indirect\n');
  // go.work itself, then each module in the order of its use lines; ./gone is go.work's own finding.
  const byFile = (out: any) => out.findings.map((f: any) => `${f.file} ${f.line} ${f.code}`).filter((s: string) => !/update-available|major-available|gosum-missing/.test(s));
  const want = ['go.work 6 use-target-missing', 'a/go.mod 7 module-not-found'];
  for (const target of [path.join(ws, 'go.work'), ws]) {
    const r = await check(['--json', target], {}, ws);
    assert.equal(r.code, 1, `a module of the workspace has an error: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(byFile(out), want, target);
    assert.ok(out.findings.some((f: any) => f.file === 'b/go.mod' && f.code === 'update-available'), 'b/go.mod is checked too');
    // example.com/majors v1.0.0 is required by both modules: listed once, direct since a requires it directly.
    assert.deepEqual(out.modules.filter((m: any) => m.Path === 'example.com/majors').map((m: any) => [m.Version, m.Indirect]), [['v1.0.0', undefined]]);
  }
  const text = await check([ws], {}, ws);
  assert.equal(text.code, 1);
  const headers = text.stdout.split('\n').filter((l) => /^\S+: /.test(l));
  assert.deepEqual(headers.map((l) => l.replace(/ through .*/, '')), ['go.work: a workspace of 3 modules', 'a/go.mod: 2 requirements checked', 'b/go.mod: 1 requirement checked']);
  assert.match(text.stdout, /\n\nTotal in 3 files: 2 errors, \d+ warnings?, \d+ info, \d+ hints?\n$/);
  // With GOWORK=off the go command ignores go.work, and so does a directory's check.
  writeFileSync(path.join(ws, 'go.mod'), 'module example.com/root\n\ngo 1.22\n');
  const off = await check([ws], { GOWORK: 'off' }, ws);
  assert.deepEqual(off.stdout.split('\n').filter((l) => /^\S+: /.test(l)), ['go.mod: 0 requirements checked through ' + server.url]);
});

test('the text report is wrapped at word boundaries only when asked or on a terminal, never in JSON', async () => {
  const plain = await check([], { COLUMNS: '60' });
  const longest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));
  assert.ok(longest(plain.stdout) > 100, 'piped output keeps one finding per line, whatever COLUMNS says');
  const wrapped = await check(['--width', '60']);
  assert.equal(wrapped.code, plain.code);
  // No word of this report is longer than a line, so every line fits.
  assert.deepEqual(wrapped.stdout.split('\n').filter((l) => l.length > 60), []);
  // Greedy: a line is broken only where the next word would not have fitted.
  const lines = wrapped.stdout.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!/^ {4}\S/.test(lines[i]) || lines[i - 1].trim() === '') continue;
    const next = lines[i].trim().split(' ')[0];
    // After a location and a code alone, the message would have followed two spaces on.
    const gap = /^ {2}\S+:\d+:\d+ {2}\S+$/.test(lines[i - 1]) ? 2 : 1;
    assert.ok(lines[i - 1].length + gap + next.length > 60, `"${next}" fitted on: ${lines[i - 1]}`);
  }
  // Joined again, the words are the same: breaks fall between words, never inside one.
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  assert.deepEqual(words(wrapped.stdout), words(plain.stdout));
  assert.ok(wrapped.stdout.split('\n').some((l) => /^ {4}\S/.test(l)), 'continuation lines are indented');
  const json = await check(['--json', '--width', '60']);
  assert.deepEqual(JSON.parse(json.stdout), JSON.parse((await check(['--json'])).stdout));
  assert.ok(longest(json.stdout) > 60);
});
