// Files that are not what their names say, or far larger than any real one:
// every command answers with a reason and an exit status, never hangs, never
// prints an internal error.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-hostile-'));
});
after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

/** A hang is killed after 20 s and reported as such, so a regression fails instead of stalling the suite. */
function cli(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: path.join(dir, 'cache'), GOENV: 'off', GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', GOVULNDB: 'off' };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 20_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.killed ? 'killed (hung)' : Number(err.code)) : 0, stdout, stderr });
    });
  });
}

function moduleDir(name: string, goMod = 'module example.com/m\n\ngo 1.21\n'): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'go.mod'), goMod);
  return d;
}

const fifo = (p: string) => execFileSync('mkfifo', [p]);

test('check: a go.sum that is a directory is exit 2 with the reason, not an internal error', async () => {
  const d = moduleDir('sumdir');
  mkdirSync(path.join(d, 'go.sum'));
  const r = await cli(['check', d]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot read .*go\.sum: is a directory, not a file/);
  assert.doesNotMatch(r.stderr, /internal error|EISDIR|\n\s+at /);
});

test('check and parse: FIFOs in place of go.sum and go.mod are refused at once, never read', async () => {
  const d = moduleDir('sumfifo');
  fifo(path.join(d, 'go.sum'));
  const sum = await cli(['check', d]);
  assert.equal(sum.code, 2, sum.stderr);
  assert.match(sum.stderr, /go\.sum: is not a regular file/);

  const m = path.join(dir, 'modfifo');
  mkdirSync(m);
  fifo(path.join(m, 'go.mod'));
  for (const args of [['check', m], ['check', path.join(m, 'go.mod')], ['parse', path.join(m, 'go.mod')]]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.code} ${r.stderr}`);
    assert.match(r.stderr, /go\.mod: is not a regular file/);
  }
});

test('parse: a directory is exit 2 with the reason', async () => {
  const r = await cli(['parse', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is a directory, not a file/);
});

test('check: files over the size limit get one file-too-large finding and no lookups', async () => {
  const files = {
    'lines-200k': 'module m\n' + 'require example.com/m v1.0.0\n'.repeat(200_000),
    'line-10mb': 'module m\n' + 'x'.repeat(10_000_000) + '\n',
    'lines-50k': 'module m\n' + 'require example.com/m 1.0\n'.repeat(50_000),
  };
  for (const [name, text] of Object.entries(files)) {
    const d = moduleDir(name, text);
    const r = await cli(['check', '--json', d]);
    assert.equal(r.code, 1, `${name}: file-too-large is an error: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings.map((f: any) => f.code), ['file-too-large'], name);
    assert.match(out.findings[0].message, /file too large: .*not checked/);
    assert.deepEqual(out.modules, [], `${name}: nothing was looked up`);
  }
});

test('check: a large file under the limit with an error on every line is reported in full', async () => {
  // Just under the limit: every finding is kept, none is dropped to save space.
  const d = moduleDir('many-errors', 'module m\n' + 'require example.com/m 1.0\n'.repeat(19_000));
  const r = await cli(['check', '--json', d]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).findings.filter((f: any) => f.code === 'syntax').length, 19_000);
});
