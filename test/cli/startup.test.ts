// The command line's start and end: whatever goes wrong before or around the
// check is one line on stderr and exit status 2, never a stack trace; the exit
// statuses are documented in --help. A part of the installation missing that
// only the lookups need is said in one line by the lookups.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { disableGoTelemetry } from '../support/goList';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-startup-'));
  disableGoTelemetry(dir);
});
after(() => {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: path.join(dir, 'cache'), GOENV: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', GOVULNDB: 'off' });
const noStack = (stderr: string) => assert.doesNotMatch(stderr, /^\s+at |Require stack/m, stderr);

test('--help documents the exit statuses', () => {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\nExit status:\n {2}0 .+\n {2}1 .*errors by default.*\n {2}2 /);
  assert.match(r.stdout, /--fail-on LEVEL .*error \(default\)/);
});

test('a part of the installation missing next to cli.js: the lookups say which file, in one line, and nothing else fails', () => {
  // cli.js alone, as after a partial copy: dist/undici.js is loaded with the
  // first request to a proxy that does not speak HTTP/2 (plain http here; the
  // port need not answer, the bundle is loaded before connecting).
  const solo = path.join(dir, 'solo');
  mkdirSync(solo);
  copyFileSync(CLI, path.join(solo, 'cli.js'));
  const mod = path.join(dir, 'solo-mod');
  mkdirSync(mod);
  writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n');
  const r = spawnSync(process.execPath, [path.join(solo, 'cli.js'), 'check', '--json', '--no-vulns', '--fail-on', 'none', mod], { cwd: dir, env: { ...baseEnv(), GOPROXY: 'http://127.0.0.1:9' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  noStack(r.stderr);
  const failed = (JSON.parse(r.stdout) as { findings: { code: string; message: string }[] }).findings.filter((f) => f.code === 'lookup-failed');
  assert.equal(failed.length, 1);
  assert.match(failed[0].message, /undici\.js, a file of go-mod-hygiene, is missing next to cli\.js: build or install it again/);
  assert.doesNotMatch(failed[0].message, /Require stack|\n/);
});

test('a reader that stops early (check | head) is no crash: the exit status is still the check\'s', async () => {
  const proc = spawn(process.execPath, [CLI, 'check', '--fail-on', 'none', path.join(REPO_ROOT, 'examples', 'demo')], { cwd: dir, env: { ...baseEnv(), GOPROXY: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.destroy();
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  noStack(stderr);
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
