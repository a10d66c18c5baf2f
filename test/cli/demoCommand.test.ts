// The check command the demo prints: it runs wherever it is pasted (the
// workbench's terminal, the repository, anywhere), on the workspace copy the
// workbench edits, with the demo's Go settings, against the demo's proxy and
// the demo's git server for the private module.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { checkCommand, shellQuote } from '../../examples/demo';
import { type DemoGit, startDemoGit } from '../../examples/demoGit';
import { REPO_ROOT } from '../support/corpus';
import { disableGoTelemetry } from '../support/goList';
import { buildProxyTree } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

let dir: string;
let server: ProxyServer;
let git: DemoGit;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-demo-command-'));
  disableGoTelemetry(dir);
  const tree = buildProxyTree([path.join(REPO_ROOT, 'examples', 'demo-proxy')], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  git = await startDemoGit(dir);
});
after(async () => {
  await server?.close();
  await git?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: path.join(dir, 'cache'), GOENV: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', GOVULNDB: 'off' });

test('shellQuote: any string comes back as one word in a POSIX shell', () => {
  assert.equal(shellQuote('/usr/bin/node'), '/usr/bin/node');
  assert.equal(shellQuote('GOFLAGS=-mod=mod'), 'GOFLAGS=-mod=mod');
  assert.equal(shellQuote('/tmp/my demo'), "'/tmp/my demo'");
  assert.equal(shellQuote("it's $HOME `x` \\ \"y\"\n*"), `'it'\\''s $HOME \`x\` \\ "y"\n*'`);
  assert.equal(shellQuote(''), "''");
});

test('the demo prints a check of the workspace copy that runs from anywhere, with the demo\'s Go settings', async () => {
  // The copy the workbench edits lives elsewhere, under a name a shell must not split.
  const workspace = path.join(dir, "demo data", 'demo');
  cpSync(path.join(REPO_ROOT, 'examples', 'demo'), workspace, { recursive: true });
  const cmd = checkCommand(workspace, server.url, undefined, path.join(dir, "demo data"), git);
  assert.ok(path.isAbsolute(cmd.argv[0]) && path.isAbsolute(cmd.argv[1]), cmd.text);
  assert.equal(cmd.argv.at(-1), workspace);
  assert.deepEqual([cmd.env.GOPROXY, cmd.env.GOPRIVATE, cmd.env.GOFLAGS, cmd.env.GONOPROXY], [server.url, 'git.corp.example', '-mod=mod', '']);
  const quotedWorkspace = `'${workspace}'`;
  assert.ok(cmd.text.startsWith(`env GOPROXY=${server.url} `) && cmd.text.endsWith(` check --no-cache ${quotedWorkspace}`), cmd.text);
  for (const [k, v] of Object.entries(cmd.env)) assert.ok(cmd.text.includes(` ${k}=${v === '' ? "''" : shellQuote(v)} `), `${k} in ${cmd.text}`);
  // Run from an unrelated directory, as from the workbench's terminal, with a GOPROXY of the machine's own that the command overrides.
  const elsewhere = mkdtempSync(path.join(dir, 'terminal-'));
  // Not spawnSync: the proxy answers from this process.
  const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd.argv[0], cmd.argv.slice(1), { cwd: elsewhere, env: { ...baseEnv(), GOPROXY: 'off', GOPRIVATE: 'example.com', ...cmd.env }, encoding: 'utf8' }, (err, stdout, stderr) => resolve({ status: err ? Number(err.code) : 0, stdout, stderr }));
  });
  assert.doesNotMatch(r.stderr, /^\s+at /m, r.stderr);
  assert.equal(r.status, 1, `the sample has errors: ${r.stderr}`);
  const headers = r.stdout.split('\n').filter((l) => /^\S.*: /.test(l) && !l.startsWith('Total'));
  assert.equal(headers.length, 2, r.stdout);
  assert.ok(headers[0].endsWith(`go.work: a workspace of 2 modules`), headers[0]);
  // The private module too, from the demo's git server.
  assert.match(headers[1], new RegExp(`go\\.mod: 15 requirements checked through ${server.url.replace(/[.]/g, '\\.')} \\(GONOPROXY modules: version control\\); known vulnerabilities from file://\\S+/examples/demo-vulndb$`));
  // The demo's own vulnerability database, read offline: the vulnerable module is reported.
  assert.match(r.stdout, /example\.com\/xmlsig v1\.1\.0 has 2 known vulnerabilities/, r.stdout);
  // The copy is what was checked, not examples/demo.
  assert.ok(r.stdout.includes(path.join(workspace, 'third_party', 'legacy')), r.stdout);
  assert.ok(!r.stdout.includes(path.join(REPO_ROOT, 'examples', 'demo') + path.sep), r.stdout);
});
