// The live agreement suite: real requirement lines (test/fixtures/live) on the
// machine's real module proxy (the first URL of its `go env GOPROXY`).
// `check --json` must say what `go list -m -u -retracted -json` says, run in
// the same minute on the same proxy, each with an empty module cache: Update
// (version and time), Retracted, Deprecated, and whether there is an error.
// The values change from day to day; the agreement must not. Where no proxy
// answers, the suite says so on one line and is skipped, so that offline
// machines still pass. `npm run test:live` runs this file alone.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { disableGoTelemetry, type GoListModule, parseJsonStream, runGo } from '../support/goList';
import { oracleGos } from '../support/goOracle';
import { liveEnv, liveProxy } from '../support/liveProxy';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const REQUIREMENTS = path.join(REPO_ROOT, 'test', 'fixtures', 'live', 'requirements.txt');
const GO_LIST_TIMEOUT_MS = 180_000;
const CHECK_TIMEOUT_MS = 120_000;
/** What a failed request looks like, as opposed to an answer (404, 403, 410 are answers). */
const NETWORK_FAILURE = /timeout|timed out|ECONNRESET|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|socket hang up|TLS|dial tcp|connection reset|\b50[0-9]\b|unexpected EOF|no answer/i;

interface Requirement {
  path: string;
  version: string;
}

function requirements(): Requirement[] {
  return readFileSync(REQUIREMENTS, 'utf8').split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [p, v] = l.split(/\s+/);
      return { path: p, version: v };
    });
}

const dir = mkdtempSync(path.join(tmpdir(), 'gmh-live-'));
after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

/** A module requiring these, with its own empty home (module cache, our cache). */
function workspace(name: string, reqs: Requirement[], proxyUrl: string): { mod: string; env: NodeJS.ProcessEnv } {
  const mod = path.join(dir, name, 'app');
  const home = path.join(dir, name, 'home');
  mkdirSync(mod, { recursive: true });
  mkdirSync(home, { recursive: true });
  disableGoTelemetry(home);
  writeFileSync(path.join(mod, 'go.mod'), `module example.com/live\n\ngo 1.21\n\nrequire (\n${reqs.map((r) => `\t${r.path} ${r.version}`).join('\n')}\n)\n`);
  return { mod, env: liveEnv(home, proxyUrl) };
}

function check(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check', '--json', '--times', '--no-vulns', '--fail-on', 'none'], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: CHECK_TIMEOUT_MS }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

type Module = Partial<GoListModule> & { Error?: { Err: string } | string };
const errorText = (m: Module | undefined) => (m?.Error === undefined ? '' : typeof m.Error === 'string' ? m.Error : m.Error.Err);
const norm = (m: Module | undefined) => ({
  Version: m?.Version,
  Time: m?.Time && Date.parse(m.Time),
  Update: m?.Update && { Version: m.Update.Version, Time: m.Update.Time && Date.parse(m.Update.Time) },
  Retracted: m?.Retracted,
  Deprecated: m?.Deprecated,
  Error: m?.Error !== undefined,
});

/** Both tools on the same requirements, one after the other: the go command's answers and ours, by path. */
async function bothOn(name: string, reqs: Requirement[], proxyUrl: string, goBin: string) {
  const a = workspace(`${name}-ours`, reqs, proxyUrl);
  const b = workspace(`${name}-go`, reqs, proxyUrl);
  const t0 = Date.now();
  const ours = await check(a.mod, a.env);
  const t1 = Date.now();
  const go = await runGo(goBin, ['list', '-m', '-u', '-retracted', '-json', '-e', ...reqs.map((r) => r.path)], b.mod, b.env, GO_LIST_TIMEOUT_MS);
  const t2 = Date.now();
  assert.ok(ours.stdout.trim().startsWith('{'), `check --json printed no report (exit ${ours.code}): ${ours.stderr.slice(0, 500)}`);
  const goModules = new Map((parseJsonStream(go.stdout) as Module[]).map((m) => [m.Path!, m]));
  const ourModules = new Map((JSON.parse(ours.stdout) as { modules: Module[] }).modules.map((m) => [m.Path!, m]));
  return { goModules, ourModules, goCode: go.code, goStderr: go.stderr, oursMs: t1 - t0, goMs: t2 - t1 };
}

const proxy = liveProxy();

test('the real module proxy: check --json agrees with go list -m -u -retracted on real requirements', { timeout: 600_000 }, async (t) => {
  const live = await proxy;
  if (!live.reachable) {
    console.log(`skipped: no module proxy reachable (GOPROXY=${live.goproxy})${live.why ? `: ${live.why}` : ''}`);
    t.skip(`no module proxy reachable (GOPROXY=${live.goproxy})`);
    return;
  }
  const go = oracleGos().at(-1);
  assert.ok(go, 'a go command is needed as the oracle');
  const reqs = requirements();
  assert.ok(reqs.length >= 150, `at least 150 requirement lines (${reqs.length})`);
  assert.equal(new Set(reqs.map((r) => r.path)).size, reqs.length, 'each path once');

  const first = await bothOn('first', reqs, live.url, go.bin);
  assert.equal(first.goCode, 0, `go list failed: ${first.goStderr.slice(0, 1000)}`);
  // A request that failed (not an answer) on either side: both are asked again, once, for those modules.
  const failed = (g: Map<string, Module>, o: Map<string, Module>) => reqs.filter((r) => NETWORK_FAILURE.test(errorText(g.get(r.path))) || NETWORK_FAILURE.test(errorText(o.get(r.path))));
  let goModules = first.goModules;
  let ourModules = first.ourModules;
  const retried = failed(goModules, ourModules);
  if (retried.length > 0) {
    const again = await bothOn('retry', retried, live.url, go.bin);
    goModules = new Map([...goModules, ...again.goModules]);
    ourModules = new Map([...ourModules, ...again.ourModules]);
  }
  const network = failed(goModules, ourModules);
  const networkPaths = new Set(network.map((r) => r.path));

  const disagreements: string[] = [];
  let compared = 0;
  for (const r of reqs) {
    if (networkPaths.has(r.path)) continue;
    compared++;
    const [w, o] = [norm(goModules.get(r.path)), norm(ourModules.get(r.path))];
    if (JSON.stringify(w) !== JSON.stringify(o)) {
      disagreements.push(`${r.path}@${r.version}\n  go:   ${JSON.stringify(w)} ${errorText(goModules.get(r.path))}\n  ours: ${JSON.stringify(o)} ${errorText(ourModules.get(r.path))}`);
    }
  }
  const count = (f: (m: Module) => boolean) => reqs.filter((r) => !networkPaths.has(r.path) && f(goModules.get(r.path) ?? {})).length;
  console.log(`live (${live.url}, ${go.version}, round trip ${live.rttMs} ms): ${reqs.length} requirements, ${compared} compared, ${disagreements.length} disagreements, ${network.length} network failures (${retried.length} retried); ` +
    `updates ${count((m) => m.Update !== undefined)}, retracted ${count((m) => m.Retracted !== undefined)}, deprecated ${count((m) => m.Deprecated !== undefined)}, errors ${count((m) => m.Error !== undefined)}; ` +
    `check ${first.oursMs} ms, go list ${first.goMs} ms`);
  for (const n of network) console.log(`network failure (not a disagreement): ${n.path}@${n.version}: ${errorText(goModules.get(n.path)) || errorText(ourModules.get(n.path))}`);
  assert.deepEqual(disagreements, []);
  assert.ok(compared >= 150, `only ${compared} requirements could be compared: ${network.length} network failures`);
  // The kinds of case the list is there for, as the go command sees them today.
  assert.ok(count((m) => m.Retracted !== undefined) >= 1, 'a retracted version');
  assert.ok(count((m) => m.Deprecated !== undefined) >= 1, 'a deprecated module');
  assert.ok(count((m) => m.Update !== undefined) >= 50, 'many updates');
  for (const kind of [/\+incompatible$/, /[A-Z]/, /^gopkg\.in\//, /\/v\d+$/]) {
    assert.ok(reqs.some((r) => kind.test(kind.source.includes('incompatible') ? r.version : r.path) && !networkPaths.has(r.path) && goModules.get(r.path)?.Error === undefined), `a requirement matching ${kind} answered`);
  }
});
