// Running the go command: the environment it gets, failures as values (missing
// binary, exit status, timeout, cancellation, too much output), no shell, the
// whole process tree killed, module arguments checked, and where go is found.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createGoRunner, findGoBinary, goCommandEnv, validateModuleArg } from '../../server/src/core/gocmd/runner';
import { findGo } from '../support/goOracle';

const goBin = findGo();
const noGo = !goBin && 'the go command (golang-1.23-go) is not installed';
const tmp = mkdtempSync(path.join(tmpdir(), 'gmh-gocmd-'));
after(() => rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));
const baseEnv = { PATH: process.env.PATH, HOME: tmp, GOENV: 'off', GOPROXY: 'off' };
const runner = (goBinary: string, extra: Partial<Parameters<typeof createGoRunner>[0]> = {}) => createGoRunner({ goBinary, baseEnv, ...extra });

test('runs go version', { skip: noGo }, async () => {
  const r = await runner(goBin!).run(['version'], { cwd: tmp });
  assert.equal(r.ok, true);
  assert.match(r.stdout, /^go version go1\.\d+/);
});

test('GOTOOLCHAIN=local unless the environment chose a policy', { skip: noGo }, async () => {
  const local = await runner(goBin!).run(['env', 'GOTOOLCHAIN'], { cwd: tmp });
  assert.deepEqual(local, { ok: true, stdout: 'local\n', stderr: '' });
  const chosen = await runner(goBin!).run(['env', 'GOTOOLCHAIN'], { cwd: tmp, env: { GOTOOLCHAIN: 'local+path' } });
  assert.deepEqual(chosen, { ok: true, stdout: 'local+path\n', stderr: '' });
});

test('goCommandEnv: base, then extra, then GOTOOLCHAIN=local when unset or empty', () => {
  assert.deepEqual(goCommandEnv({ A: '1', B: undefined }, { C: '3' }, 'linux'), { A: '1', C: '3', GOTOOLCHAIN: 'local' });
  assert.deepEqual(goCommandEnv({ GOTOOLCHAIN: '' }, {}, 'linux'), { GOTOOLCHAIN: 'local' });
  assert.deepEqual(goCommandEnv({ GOTOOLCHAIN: 'auto' }, {}, 'linux'), { GOTOOLCHAIN: 'auto' });
  assert.deepEqual(goCommandEnv({ GOTOOLCHAIN: 'auto' }, { GOTOOLCHAIN: 'go1.23.0' }, 'linux'), { GOTOOLCHAIN: 'go1.23.0' });
  assert.deepEqual(goCommandEnv({ GoToolchain: 'path' }, {}, 'win32'), { GoToolchain: 'path' }, 'Windows names ignore case');
});

test('a non-zero exit is a value with the code and both streams', { skip: noGo }, async () => {
  const r = await runner(goBin!).run(['nosuchcommand'], { cwd: tmp });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.cause === 'exit' && r.code === 2, JSON.stringify(r));
  assert.match(r.stderr, /unknown command/);
});

test('a missing binary is not-found; a missing directory is not', async () => {
  const r = await runner(path.join(tmp, 'no', 'go')).run(['version'], { cwd: tmp });
  assert.deepEqual(r, { ok: false, code: null, stdout: '', stderr: `${path.join(tmp, 'no', 'go')} not found`, cause: 'not-found' });
  const d = await runner('/bin/echo').run(['x'], { cwd: path.join(tmp, 'nowhere') });
  assert.ok(!d.ok && d.cause === 'spawn' && /working directory .* does not exist/.test(d.stderr), JSON.stringify(d));
});

test('arguments with NUL bytes are refused before anything starts', async () => {
  const r = await runner('/bin/echo').run(['ok', 'bad\0arg'], { cwd: tmp });
  assert.ok(!r.ok && r.cause === 'spawn' && /NUL/.test(r.stderr), JSON.stringify(r));
});

test('no shell: metacharacters reach the program as they are', async () => {
  const args = ['x; echo pwned', '$(id)', '`id`', 'a | b', '&& true', '*', '"quoted"', "it's", '%PATH%'];
  const r = await runner('/bin/echo').run(args, { cwd: tmp });
  assert.deepEqual(r, { ok: true, stdout: args.join(' ') + '\n', stderr: '' });
});

test('input goes to stdin; without input stdin is closed', async () => {
  assert.deepEqual(await runner('/bin/cat').run([], { cwd: tmp, input: 'module m\n' }), { ok: true, stdout: 'module m\n', stderr: '' });
  assert.deepEqual(await runner('/bin/cat').run([], { cwd: tmp, timeoutMs: 5000 }), { ok: true, stdout: '', stderr: '' });
});

test('a timeout kills the process and says so', async () => {
  const start = Date.now();
  const r = await runner('/bin/sleep').run(['5'], { cwd: tmp, timeoutMs: 200 });
  assert.ok(!r.ok && r.cause === 'timeout' && r.code === null, JSON.stringify(r));
  assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
});

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A killed child whose parent died may wait as a zombie for a reaper.
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

test('the whole process tree dies on timeout', { skip: process.platform === 'win32' }, async () => {
  const pidFile = path.join(tmp, 'grandchild.pid');
  // A stand-in for the go command that starts a child of its own, which holds
  // the output pipes open: killing only the direct child would leave the run hanging.
  const start = Date.now();
  const r = await runner('/bin/sh').run(['-c', `sleep 30 & echo $! > '${pidFile}'; wait`], { cwd: tmp, timeoutMs: 300 });
  assert.ok(!r.ok && r.cause === 'timeout', JSON.stringify(r));
  assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
  assert.ok(existsSync(pidFile));
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(await until(() => gone(pid), 2000), `grandchild ${pid} still running`);
});

test('cancellation kills the process; an aborted signal starts nothing', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  const r = await runner('/bin/sleep').run(['5'], { cwd: tmp, signal: ac.signal });
  assert.ok(!r.ok && r.cause === 'aborted', JSON.stringify(r));
  const pre = await runner('/bin/sleep').run(['5'], { cwd: tmp, signal: AbortSignal.abort() });
  assert.ok(!pre.ok && pre.cause === 'aborted', JSON.stringify(pre));
});

test('output is capped: the process is killed and the first bytes kept', async () => {
  const r = await runner('/usr/bin/yes', { maxOutputBytes: 4096 }).run([], { cwd: tmp, timeoutMs: 10_000 });
  assert.ok(!r.ok && r.cause === 'output-limit', JSON.stringify({ ...r, stdout: r.stdout.length }));
  assert.equal(r.stdout.length, 4096);
  assert.match(r.stderr, /more than 4096 bytes/);
});

test('validateModuleArg accepts module paths and versions, and nothing that could be a flag', () => {
  const good: [string, string, string?][] = [
    ['golang.org/x/mod', 'golang.org/x/mod'],
    ['golang.org/x/mod@v0.19.0', 'golang.org/x/mod', 'v0.19.0'],
    ['github.com/BurntSushi/toml@latest', 'github.com/BurntSushi/toml', 'latest'],
    ['example.com/m/v2@v2.0.0-20240101000000-abcdefabcdef', 'example.com/m/v2', 'v2.0.0-20240101000000-abcdefabcdef'],
    ['example.com/m@v2.0.0+incompatible', 'example.com/m', 'v2.0.0+incompatible'],
    ['gopkg.in/yaml.v3@none', 'gopkg.in/yaml.v3', 'none'],
    ['example.com/m@<v1.2.0', 'example.com/m', '<v1.2.0'],
    ['example.com/m@feature/x', 'example.com/m', 'feature/x'],
    ['example.com/under_score~tilde', 'example.com/under_score~tilde'],
  ];
  for (const [arg, p, v] of good) assert.deepEqual(validateModuleArg(arg), v === undefined ? { ok: true, path: p } : { ok: true, path: p, version: v }, arg);
  const bad = ['', '-modfile=x', '-x@v1', 'example.com/m@-v1', 'example.com/m@', '@v1', '/abs/path', './rel', 'example.com//m', 'example.com/m/',
    'example.com/.hidden', 'example.com/m@v1@v2', 'exa mple.com', 'example.com/m;rm', 'example.com/m@v1 -x', 'example.com/é', 'example.com/m\0', 'a\\b', 'example.com/m@$(id)'];
  for (const arg of bad) assert.equal(validateModuleArg(arg).ok, false, JSON.stringify(arg));
});

test('findGoBinary: explicit setting, then PATH, then the usual places, newest Debian Go first', () => {
  const files = new Set(['/opt/go/bin/go', '/usr/bin/go', '/usr/lib/go-1.9/bin/go', '/usr/lib/go-1.23/bin/go', '/usr/lib/go-1.21/bin/go', '/home/g/bin/go', '/work/bin/go']);
  const exists = (p: string) => files.has(p);
  const listDir = (dir: string) => (dir === '/usr/lib' ? ['go-1.9', 'go-1.21', 'go-1.23', 'gcc', 'go-1.x'] : []);
  assert.equal(findGoBinary({ PATH: '/usr/bin' }, exists, { explicit: '/opt/go/bin/go', platform: 'linux' }), '/opt/go/bin/go');
  assert.equal(findGoBinary({ PATH: '/usr/bin' }, exists, { explicit: '/opt/go', platform: 'linux' }), '/opt/go/bin/go', 'a GOROOT');
  assert.equal(findGoBinary({ PATH: '/usr/bin' }, exists, { explicit: '/missing/go', platform: 'linux' }), undefined, 'an explicit setting is not second-guessed');
  assert.equal(findGoBinary({ PATH: '/home/g/bin:/usr/bin' }, exists, { explicit: 'go', platform: 'linux' }), '/home/g/bin/go');
  assert.equal(findGoBinary({ PATH: '/nothing:/home/g/bin:/usr/bin' }, exists, { platform: 'linux' }), '/home/g/bin/go');
  assert.equal(findGoBinary({ PATH: 'bin::.:/usr/bin' }, (p) => p === 'bin/go' || p === 'go' || exists(p), { platform: 'linux' }), '/usr/bin/go', 'relative PATH entries are never used');
  assert.equal(findGoBinary({ PATH: '' }, exists, { platform: 'linux', listDir }), '/usr/lib/go-1.23/bin/go');
  assert.equal(findGoBinary({}, (p) => p === '/usr/local/go/bin/go' || exists(p), { platform: 'linux', listDir }), '/usr/local/go/bin/go');
  assert.equal(findGoBinary({}, () => false, { platform: 'linux', listDir }), undefined);
  assert.equal(findGoBinary({}, exists, { platform: 'linux', listDir: () => { throw new Error('EACCES'); } }), undefined);
  const win = new Set(['C:\\Go\\bin\\go.exe', 'C:\\Program Files\\Go\\bin\\go.exe']);
  assert.equal(findGoBinary({ Path: 'C:\\Windows;"C:\\Go\\bin"' }, (p) => win.has(p), { platform: 'win32' }), 'C:\\Go\\bin\\go.exe');
  assert.equal(findGoBinary({}, (p) => win.has(p), { platform: 'win32' }), 'C:\\Program Files\\Go\\bin\\go.exe');
});
