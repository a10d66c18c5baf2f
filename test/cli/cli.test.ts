// The go-mod-hygiene command line, run as a user runs it: the bundled dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { disableGoTelemetry } from '../support/goList';
import { oracleGos } from '../support/goOracle';
import { prng } from '../support/mutate';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'gmh-cli-'));
disableGoTelemetry(dir);
after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The newest go command there is: `parse` prints what it prints (Go 1.26's fields). */
const newestGo = oracleGos().at(-1);

function goEdit(kind: 'mod' | 'work', file: string, goBin = newestGo?.bin) {
  assert.ok(goBin, 'go is required as the oracle');
  return spawnSync(goBin, [kind, 'edit', '-json', path.basename(file)], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, GOTOOLCHAIN: 'local', GOFLAGS: '', GOWORK: 'off', GOENV: 'off', GOVULNDB: 'off', GOCACHE: path.join(dir, 'cache') },
  });
}

test('parse prints exactly the bytes go mod edit -json prints', () => {
  const file = path.join(dir, 'go.mod');
  writeFileSync(file, [
    '// Deprecated: use example.com/n <instead> & more',
    'module example.com/m',
    'go 1.21',
    'toolchain go1.22.1',
    'require (',
    '\texample.com/a v1.2 // indirect',
    '\t"example.com/b" v2.0.0+incompatible',
    ')',
    'exclude example.com/a v1.0.0',
    'replace example.com/a v1.2.0 => ../a',
    'replace example.com/b => example.com/c v1.0.0',
    'retract [v1.0.0, v1.1.0] // broken "release"',
    '',
  ].join('\n'));
  const ours = run(['parse', 'go.mod']);
  const go = goEdit('mod', file);
  assert.equal(go.status, 0, go.stderr);
  assert.equal(ours.code, 0, ours.stderr);
  if ((newestGo?.minor ?? 0) > 23) assert.equal(ours.stdout, go.stdout);
  // Go 1.23 alone: the same bytes but for the newer releases' trailing Tool and Ignore fields.
  else assert.equal(ours.stdout, go.stdout.replace(/\n}\n$/, ',\n\t"Tool": null,\n\t"Ignore": null\n}\n'));
});

test('parse reads go.work files like go work edit -json', () => {
  const file = path.join(dir, 'go.work');
  writeFileSync(file, 'go 1.22\n\nuse (\n\t./a\n\t"./b c"\n)\n\nreplace example.com/x v1.0.0 => ./x\n');
  const ours = run(['parse', 'go.work']);
  const go = goEdit('work', file);
  assert.equal(go.status, 0, go.stderr);
  assert.equal(ours.code, 0, ours.stderr);
  assert.equal(ours.stdout, go.stdout);
});

test('a file Go rejects: exit 1 and FILE:LINE:COL: message on stderr', () => {
  const file = path.join(dir, 'bad', 'go.mod');
  spawnSync('mkdir', ['-p', path.dirname(file)]);
  writeFileSync(file, 'module example.com/m\n\nrequire example.com/a latest\nrequire (\n\texample.com/b v1.0.0\n');
  const r = run(['parse', file]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${file}:6:1: syntax error (unterminated block started at ${file}:4:1)\n`);
  const go = goEdit('mod', file);
  assert.match(go.stderr, /go\.mod:6: syntax error \(unterminated block started at go\.mod:4:1\)/);
});

test('help, version and usage errors', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: go-mod-hygiene/);
  assert.match(help.stdout, /parse FILE/);
  const version = run(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^go-mod-hygiene \d+\.\d+\.\d+\n$/);
  for (const args of [['--bogus'], ['parse', '--bogus', 'go.mod'], ['frobnicate'], [], ['parse'], ['parse', 'a', 'b'], ['lsp', '--tcp']]) {
    const r = run(args);
    assert.equal(r.code, 2, `exit status for ${args.join(' ')}`);
    assert.match(r.stderr, /^go-mod-hygiene: .+\n\nUsage:/, `message for ${args.join(' ')}`);
  }
});

test('unreadable paths get a clear message', () => {
  assert.deepEqual(run(['parse', 'missing.mod']), { code: 2, stdout: '', stderr: 'go-mod-hygiene: cannot read missing.mod: no such file\n' });
  assert.deepEqual(run(['parse', '.']), { code: 2, stdout: '', stderr: 'go-mod-hygiene: cannot read .: is a directory, not a file\n' });
});

test('arbitrary bytes never produce a stack trace', () => {
  const rand = prng(99);
  for (let i = 0; i < 40; i++) {
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 600) }, () => Math.floor(rand() * 256)));
    // Half the inputs start like a real go.mod so the parser gets past the first line.
    const content = i % 2 ? Buffer.concat([Buffer.from('module example.com/m\nrequire (\n'), bytes]) : bytes;
    const file = path.join(dir, `fuzz${i}.mod`);
    writeFileSync(file, content);
    const r = run(['parse', file]);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    if (r.code === 1) assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  }
});

test('lsp accepts the --clientProcessId flag that vscode-languageclient appends, and answers initialize', async () => {
  const { spawn } = await import('node:child_process');
  const proc = spawn(process.execPath, [CLI, 'lsp', '--stdio', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dir, GOPROXY: 'off', GOVULNDB: 'off' } });
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => (err += String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize result within 10 s; stderr: ${err}`)), 10_000);
      proc.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('"capabilities"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
    });
    assert.match(out, /"id":1,"result":\{"capabilities"/);
  } finally {
    proc.kill();
  }
});
