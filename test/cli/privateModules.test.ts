// Private modules from version control: bare git repositories served over
// smart HTTP by `git http-backend`, reached as git.corp.example through git's
// url.insteadOf (and, for paths without .git, go-import meta tags through a
// forward proxy), one of them behind a .netrc login. `check --json` must say
// what `go list -m -u -retracted -json` says on the same setup, and the module
// proxy that answers the public requirement must hear nothing private.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { type CorpSetup, startCorpSetup } from '../support/corpSetup';
import type { ForwardProxy } from '../support/forwardProxy';
import { basePseudoVersion, type BareRepo, CORP_HOST } from '../support/gitRepos';
import { corpGitEnv, type GitServer } from '../support/gitServer';
import { type GoListModule, parseJsonStream, runGo } from '../support/goList';
import { findGo } from '../support/goOracle';
import { isolatedEnv } from '../support/isolatedEnv';
import type { ProxyServer } from '../support/proxyServer';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const goBin = findGo();
const LOGIN = { user: 'ci-bot', password: 'corp-token-1' };
const h = CORP_HOST;

let dir: string;
let git: GitServer;
let fwd: ForwardProxy;
let proxy: ProxyServer;
let repos: Map<string, BareRepo>;
let corp: CorpSetup | undefined;

before(async () => {
  if (!goBin) return;
  corp = await startCorpSetup('gmh-private-');
  ({ dir, repos, git, fwd, proxy } = corp);
});
after(async () => {
  await corp?.close();
});

/** The requirements: each repository's kind of case, at a version with something to say, and one public module. */
function requirements(): { path: string; version: string }[] {
  const scratch = repos.get('team/scratch.git')!.commits[0];
  return [
    { path: `${h}/team/multi`, version: 'v1.0.0' },
    { path: `${h}/team/multi/v2`, version: 'v2.0.0' },
    { path: `${h}/team/tools.git/sub`, version: 'v0.1.0' },
    { path: `${h}/team/flaky.git`, version: 'v1.0.1' },
    { path: `${h}/team/oldlog.git`, version: 'v1.0.0' },
    { path: `${h}/team/odd.git`, version: 'v1.0.0' },
    { path: `${h}/team/scratch.git`, version: basePseudoVersion(scratch) },
    { path: `${h}/team/legacy.git`, version: 'v1.0.0' },
    { path: `${h}/team/secret`, version: 'v1.0.0' },
    { path: 'example.com/majors', version: 'v1.0.0' },
  ];
}

function writeModule(name: string, reqs: { path: string; version: string }[]): string {
  const mod = path.join(dir, name);
  rmSync(mod, { recursive: true, force: true });
  mkdirSync(mod, { recursive: true });
  writeFileSync(path.join(mod, 'go.mod'), `module example.com/app\n\ngo 1.21\n\nrequire (\n${reqs.map((r) => `\t${r.path} ${r.version}`).join('\n')}\n)\n`);
  return mod;
}

/** The go command and our check see the same environment; the go command is the oracle's (Go 1.23). */
function env(home: string, extra: { netrc?: boolean } = {}): NodeJS.ProcessEnv {
  const corp = corpGitEnv(home, git, { metaViaProxy: fwd, goproxy: proxy.url, netrc: extra.netrc === false ? undefined : LOGIN });
  return { ...isolatedEnv(home), ...corp, PATH: `${path.dirname(goBin!)}:${corp.PATH}` };
}

function check(cwd: string, e: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check', '--json', '--times', ...args], { cwd, env: e, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

const norm = (m: Partial<GoListModule>) => ({
  Version: m.Version, Time: m.Time && Date.parse(m.Time),
  Update: m.Update && { Version: m.Update.Version, Time: m.Update.Time && Date.parse(m.Update.Time) },
  Retracted: m.Retracted, Deprecated: m.Deprecated,
});

test('private modules from git agree with go list -m -u -retracted, and the proxy hears none of them', { skip: !goBin && 'skipped: no Go 1.23 at /usr/lib/go-1.23 for the oracle' }, async () => {
  const reqs = requirements();
  const app = writeModule('app', reqs);
  const t0 = Date.now();
  const ours = await check(app, env(mkdtempSync(path.join(dir, 'home-'))));
  const t1 = Date.now();
  const go = await runGo(goBin!, ['list', '-m', '-u', '-retracted', '-json', '-e', ...reqs.map((r) => r.path)], app, env(mkdtempSync(path.join(dir, 'home-'))), 120_000);
  assert.equal(go.code, 0, go.stderr);
  console.log(`private modules: check ${t1 - t0} ms, go list ${Date.now() - t1} ms`);
  const want = new Map((parseJsonStream(go.stdout) as GoListModule[]).map((m) => [m.Path, m]));
  const report = JSON.parse(ours.stdout) as { modules: (GoListModule & { Error?: unknown })[] };
  const got = new Map(report.modules.map((m) => [m.Path, m]));
  const disagreements: string[] = [];
  for (const r of reqs) {
    const [w, o] = [norm(want.get(r.path) ?? {}), norm(got.get(r.path) ?? {})];
    if (JSON.stringify(w) !== JSON.stringify(o)) disagreements.push(`${r.path}@${r.version}\n  go:   ${JSON.stringify(w)}\n  ours: ${JSON.stringify(o)}`);
    assert.equal(got.get(r.path)?.Error, undefined, `${r.path}: ${JSON.stringify(got.get(r.path)?.Error)}`);
  }
  console.log(`private modules: ${reqs.length} requirements compared with go list, ${disagreements.length} disagreements`);
  assert.deepEqual(disagreements, []);
  // The cases are really there: a retraction, a deprecation, an update of each kind.
  assert.deepEqual(got.get(`${h}/team/flaky.git`)?.Retracted, ['broken build']);
  assert.match(got.get(`${h}/team/oldlog.git`)?.Deprecated ?? '', /use git\.corp\.example\/team\/newlog/);
  assert.equal(got.get(`${h}/team/tools.git/sub`)?.Update?.Version, 'v0.2.0');
  assert.equal(got.get(`${h}/team/legacy.git`)?.Update?.Version, 'v2.0.0+incompatible');
  assert.equal(got.get(`${h}/team/secret`)?.Update?.Version, 'v1.0.1');
  assert.equal(got.get('example.com/majors')?.Update?.Version, 'v1.1.0');
  // The public requirement was answered by the proxy; nothing private reached it.
  assert.ok(proxy.requests.some((q) => q.path.includes('example.com/majors')), 'the proxy answered the public module');
  assert.deepEqual(proxy.requests.filter((q) => q.path.includes('corp')), []);
  // git heard the private modules, with the login only for the repository that asks for it.
  assert.ok(git.requests.some((q) => q.path.startsWith('/team/secret') && q.user === LOGIN.user));
});

test('a repository that needs a login, without one, and a path without a go-import meta tag: findings that say what to do, and the rest is checked', { skip: !goBin && 'skipped: no Go 1.23 at /usr/lib/go-1.23 for the oracle' }, async () => {
  const app = writeModule('nologin', [{ path: `${h}/team/secret`, version: 'v1.0.0' }, { path: `${h}/team/flaky.git`, version: 'v1.0.0' }, { path: `${h}/team/nosuch`, version: 'v1.0.0' }]);
  const r = await check(app, env(mkdtempSync(path.join(dir, 'home-')), { netrc: false }), ['--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  const file = JSON.parse(r.stdout) as { modules: GoListModule[]; findings: { code: string; message: string }[] };
  const failure = file.findings.find((f) => f.message.includes('version control'));
  assert.ok(failure, JSON.stringify(file.findings));
  assert.match(failure.message, /needs credentials.*\.netrc.*credential helper/);
  assert.match(failure.message, /could not read Username/);
  assert.doesNotMatch(r.stdout + r.stderr, /corp-token-1/);
  // The git server answers 404 for the meta tag of a path it does not know.
  const noMeta = file.findings.find((f) => f.message.includes('go-import meta tag'));
  assert.ok(noMeta, JSON.stringify(file.findings));
  assert.match(noMeta.message, /git\.corp\.example\/team\/nosuch has no go-import meta tag at https:\/\/git\.corp\.example\/team\/nosuch\?go-get=1/);
  assert.equal(file.modules.find((m) => m.Path === `${h}/team/flaky.git`)?.Update?.Version, 'v1.1.0');
});
