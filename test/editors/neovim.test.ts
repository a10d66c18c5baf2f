// The language server in a real Neovim: headless `nvim --clean` with the
// README's configuration (test/editors/neovim/init.lua, only `cmd` replaced),
// against the loopback test proxy. A Lua probe (neovim/probe.lua) waits inside
// Neovim, with a deadline, for diagnostics and a hover, writes what it saw as
// JSON and quits; this file only starts it and reads the answer.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { isolatedEnv } from '../support/isolatedEnv';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const NVIM = process.env.GMH_NVIM || 'nvim';
const CONFIG_DIR = path.join(REPO_ROOT, 'test', 'editors', 'neovim');
/** The command line of the README snippet, which the test points at this checkout. */
const README_CMD = "cmd = { 'go-mod-hygiene', 'lsp', '--stdio' },";
/** Inside Neovim, for all the waiting together; the outer limit only catches a Neovim that never quits. */
const PROBE_TIMEOUT_MS = 30_000;

const GO_MOD = [
  'module example.com/nvim',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/retract/ranges v1.2.0',
  '\texample.com/deprecated/a v1.9.0',
  ')',
  '',
].join('\n');
const RETRACTED_LINE = 5;

interface ProbeResult {
  error?: string;
  nvim?: { major: number; minor: number; patch: number };
  filetype?: string;
  root_dir?: string;
  steps: { name: string; ms: number }[];
  diagnostics?: { lnum: number; col: number; severity: number; code: string; source: string; message: string }[];
  hover?: string;
}

let dir: string;
let server: ProxyServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-nvim-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

/** Neovim must be there: a missing editor fails the test rather than skipping it unseen. */
function nvimVersion(): string {
  const r = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    assert.fail(`Neovim (${NVIM}) cannot be run: ${r.error?.message ?? r.stderr}. Install Debian's "neovim" package (apt-get install neovim), or set GMH_NVIM to an nvim binary.`);
  }
  return r.stdout.split('\n')[0];
}

function luaString(s: string): string {
  assert.ok(!s.includes(']==]') && !/[\r\n]/.test(s), `path not usable in Lua: ${s}`);
  return `[==[${s}]==]`;
}

/** The README configuration with `cmd` pointing at node and this checkout's bundle. */
function writeInit(to: string): void {
  const template = readFileSync(path.join(CONFIG_DIR, 'init.lua'), 'utf8');
  assert.ok(template.includes(README_CMD), 'init.lua still holds the README command line');
  const cmd = [process.execPath, path.join(REPO_ROOT, 'dist', 'cli.js'), 'lsp', '--stdio'].map(luaString).join(', ');
  writeFileSync(to, template.replace(README_CMD, `cmd = { ${cmd} },`));
}

async function runNvim(goMod: string, probeEnv: Record<string, string>): Promise<{ code: number | null; stderr: string; home: string }> {
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const init = path.join(dir, 'init.lua');
  writeInit(init);
  // Neovim and the server it starts share this environment: the server's is the one the LSP tests use.
  const env = {
    ...isolatedEnv(home, { GOPROXY: server.url }),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    ...probeEnv,
  };
  const args = ['--headless', '--clean', '-u', init, '-S', path.join(CONFIG_DIR, 'probe.lua'), goMod];
  // Its own process group, so that a Neovim that never quits is stopped together with the server it started.
  const nvim = spawn(NVIM, args, { cwd: path.dirname(goMod), env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  nvim.stderr.on('data', (d) => (stderr += String(d)));
  nvim.stdout.on('data', (d) => (stderr += String(d)));
  const limit = setTimeout(() => {
    stderr += `\n[killed: Neovim still running ${PROBE_TIMEOUT_MS + 15_000} ms after start]`;
    try {
      if (nvim.pid) process.kill(-nvim.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }, PROBE_TIMEOUT_MS + 15_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    nvim.on('error', reject);
    nvim.on('close', (c) => resolve(c));
  }).finally(() => clearTimeout(limit));
  return { code, stderr, home };
}

function tail(file: string, chars = 4000): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-chars) : '(none)';
}

test('neovim: diagnostics and hover from the server, with the README configuration', async (t) => {
  t.diagnostic(nvimVersion());
  const goMod = path.join(dir, 'app', 'go.mod');
  mkdirSync(path.dirname(goMod), { recursive: true });
  writeFileSync(goMod, GO_MOD);
  writeFileSync(path.join(path.dirname(goMod), 'go.sum'), '');
  // A workspace around the module: the configuration roots the server at the go.work.
  writeFileSync(path.join(dir, 'go.work'), 'go 1.22\n\nuse ./app\n');
  const out = path.join(dir, 'probe.json');
  const started = Date.now();
  const run = await runNvim(goMod, {
    GMH_PROBE_OUT: out,
    GMH_PROBE_LINE: String(RETRACTED_LINE),
    GMH_PROBE_CODES: 'retracted-version,deprecated-module,update-available',
    GMH_PROBE_TIMEOUT_MS: String(PROBE_TIMEOUT_MS),
  });
  const context = () => `nvim exit ${run.code}\n--- nvim output ---\n${run.stderr}\n--- lsp.log ---\n${tail(path.join(run.home, 'cache', 'nvim', 'lsp.log'))}`;
  assert.ok(existsSync(out), `the probe wrote no result\n${context()}`);
  const r = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
  t.diagnostic(`${Date.now() - started} ms in all; ${r.steps.map((s) => `${s.name} at ${s.ms} ms`).join(', ')}`);
  assert.equal(r.error, undefined, `${r.error}\n${JSON.stringify(r.diagnostics ?? [], null, 1)}\n${context()}`);
  assert.equal(r.filetype, 'gomod');
  assert.equal(r.root_dir, dir, 'the root is the directory of the go.work');
  assert.equal(run.code, 0, context());

  const diags = r.diagnostics ?? [];
  const byCode = (c: string) => diags.filter((d) => d.code === c);
  assert.ok(diags.every((d) => d.source === 'go-mod-hygiene'), JSON.stringify(diags));
  const retracted = byCode('retracted-version');
  assert.equal(retracted.length, 1);
  assert.equal(retracted[0].lnum, RETRACTED_LINE);
  assert.equal(retracted[0].severity, 2, 'vim.diagnostic.severity.WARN');
  assert.match(retracted[0].message, /is retracted: upgrade to v1\.4\.0\. Its author's reason: Data race in the connection pool/);
  assert.equal(byCode('deprecated-module')[0]?.lnum, RETRACTED_LINE + 1);
  assert.match(byCode('deprecated-module')[0].message, /in example\.com\/deprecated\/a@v1\.9\.0/);
  assert.ok(byCode('update-available').some((d) => d.lnum === RETRACTED_LINE && d.severity === 4), 'the update is a hint');

  assert.match(r.hover ?? '', /\*\*example\.com\/retract\/ranges\*\* v1\.2\.0/);
  assert.match(r.hover ?? '', /Update: \*\*v1\.4\.0\*\*/);
  assert.match(r.hover ?? '', /\*\*Retracted\*\* by its author: Data race in the connection pool\./);
  assert.ok(server.requests.some((q) => q.path === '/example.com/retract/ranges/@v/list'), 'the answers came from the loopback proxy');
});
