// The command line's start and end: whatever goes wrong before or around the
// check is one line on stderr and exit status 2, never a stack trace; the exit
// statuses are documented in --help.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

test('a part of the installation missing next to cli.js: one line and exit 2', () => {
  // cli.js alone, as after a partial copy: dist/undici.js is loaded when check starts.
  const solo = path.join(dir, 'solo');
  mkdirSync(solo);
  copyFileSync(CLI, path.join(solo, 'cli.js'));
  const r = spawnSync(process.execPath, [path.join(solo, 'cli.js'), 'check', path.join(REPO_ROOT, 'examples', 'demo')], { cwd: dir, env: { ...baseEnv(), GOPROXY: 'off' }, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  noStack(r.stderr);
  assert.match(r.stderr, /^go-mod-hygiene: internal error: Cannot find module '\.\/undici\.js' \(a file of go-mod-hygiene is missing: build or install it again\)\n$/);
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
