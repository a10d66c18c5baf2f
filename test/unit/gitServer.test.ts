// The version-control test parts (gitRepos.ts, gitServer.ts) against the real
// go command: for each repository of corpRepos(), what `go list -m` answers
// when it fetches the module straight from git over loopback smart HTTP, with
// git.corp.example rewritten to the server. Also Basic auth through ~/.netrc
// and a credential store, the request log, meta tags through a forward proxy,
// and what the server does with gzip bodies, unknown paths and latency.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type ForwardProxy, startForwardProxy } from '../support/forwardProxy';
import { type BareRepo, basePseudoVersion, CORP_HOST, corpRepos, makeBareRepos } from '../support/gitRepos';
import { corpGitEnv, type GitServer, startGitServer } from '../support/gitServer';
import { type GoListModule, parseJsonStream, runGo } from '../support/goList';
import { findGo } from '../support/goOracle';

const goBin = findGo();
const hasGit = spawnSync('git', ['--version']).status === 0;
const noGit = hasGit ? false : 'git not installed';
const skip = noGit || (goBin ? false : 'go 1.23 not installed');
const repos = corpRepos();
const h = CORP_HOST;

let dir: string;
/** A directory outside any module, where the go command answers module queries alone. */
let work: string;
let built: Map<string, BareRepo>;
let server: GitServer;
let fwd: ForwardProxy;
/** One home and module cache for the tests that do not count requests: with credentials and meta tags. */
let env: NodeJS.ProcessEnv;
let homes = 0;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-gitserver-'));
  if (!hasGit) return;
  work = path.join(dir, 'work');
  mkdirSync(work);
  built = makeBareRepos(path.join(dir, 'git'), Object.values(repos));
  server = await startGitServer({ root: path.join(dir, 'git'), repos: Object.values(repos) });
  fwd = await startForwardProxy({ host: '127.0.0.1', port: server.port });
  env = corpGitEnv(path.join(dir, 'home'), server, { metaViaProxy: fwd, netrc: repos.secret.auth });
});
after(async () => {
  await server?.close();
  await fwd?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const freshHome = () => path.join(dir, `home-${homes++}`);

async function goList(args: string[], e: NodeJS.ProcessEnv = env): Promise<GoListModule & { Versions?: string[] }> {
  const r = await runGo(goBin!, ['list', '-m', '-json', '-e', ...args], work, e);
  assert.equal(r.code, 0, r.stderr);
  const [m] = parseJsonStream(r.stdout) as (GoListModule & { Versions?: string[] })[];
  return m;
}

/** `go list -m -u -retracted` of one version and `go list -m -versions` of the module. */
async function query(modulePath: string, version: string) {
  const [at, list] = await Promise.all([goList(['-u', '-retracted', `${modulePath}@${version}`]), goList(['-versions', modulePath])]);
  assert.equal(at.Error, undefined, `${modulePath}@${version}: ${at.Error?.Err}`);
  assert.equal(list.Error, undefined, `${modulePath}: ${list.Error?.Err}`);
  return { at, versions: list.Versions ?? [] };
}

const hashOf = (name: string, i: number) => built.get(name)!.commits.at(i)!.hash;

test('the same description gives the same commits on every build', { skip: noGit }, () => {
  const again = makeBareRepos(path.join(dir, 'again'), Object.values(repos));
  for (const [name, repo] of built) assert.deepEqual(again.get(name)!.commits, repo.commits, name);
  assert.equal(built.get('team/multi')!.tags['v2.0.0'], hashOf('team/multi', 3));
});

test('major versions in one root: v1 tags for the path, v2 tags for /v2', { skip }, async () => {
  const v1 = await query(`${h}/team/multi`, 'v1.0.0');
  assert.deepEqual(v1.versions, ['v1.0.0', 'v1.1.0', 'v1.2.0'], 'the v2 tags have a /v2 go.mod, so no +incompatible');
  assert.equal(v1.at.Update?.Version, 'v1.2.0');
  const v2 = await query(`${h}/team/multi/v2`, 'v2.0.0');
  assert.deepEqual(v2.versions, ['v2.0.0', 'v2.1.0']);
  assert.equal(v2.at.Update?.Version, 'v2.1.0');
  assert.equal(v2.at.Time, '2024-04-10T09:00:00Z', 'an annotated tag dates its version by the commit, not the tagger');
});

test('a module in a subdirectory has its own prefixed tags', { skip }, async () => {
  const sub = await query(`${h}/team/tools.git/sub`, 'v0.1.0');
  assert.deepEqual(sub.versions, ['v0.1.0', 'v0.2.0']);
  assert.equal(sub.at.Update?.Version, 'v0.2.0');
  const rootModule = await goList(['-versions', `${h}/team/tools.git`]);
  assert.deepEqual(rootModule.Versions, ['v1.0.0'], 'sub/ tags are not versions of the root module');
});

test('the latest go.mod retracts a version, with its rationale', { skip }, async () => {
  const { at, versions } = await query(`${h}/team/flaky.git`, 'v1.0.1');
  assert.deepEqual(at.Retracted, ['broken build']);
  assert.equal(at.Update?.Version, 'v1.1.0');
  assert.deepEqual(versions, ['v1.0.0', 'v1.1.0'], '-versions leaves retracted versions out');
  assert.deepEqual((await goList(['-versions', '-retracted', `${h}/team/flaky.git`])).Versions, ['v1.0.0', 'v1.0.1', 'v1.1.0']);
});

test('the latest go.mod deprecates the module', { skip }, async () => {
  const { at, versions } = await query(`${h}/team/oldlog.git`, 'v1.0.0');
  assert.equal(at.Deprecated, `use ${h}/team/newlog instead.`);
  assert.equal(at.Update?.Version, 'v1.1.0');
  assert.deepEqual(versions, ['v1.0.0', 'v1.1.0']);
});

test('tags that are not canonical semver are no versions, and a later commit does not make @latest', { skip }, async () => {
  const { at, versions } = await query(`${h}/team/odd.git`, 'v1.0.0');
  assert.deepEqual(versions, ['v1.0.0']);
  assert.equal(at.Update, undefined);
  assert.equal((await goList([`${h}/team/odd.git@latest`])).Version, 'v1.0.0');
  // v1.2 is read as a version prefix (v1.2.x), not as the tag; release-2024 as a revision.
  assert.match((await goList([`${h}/team/odd.git@v1.2`])).Error?.Err ?? '', /no matching versions for query "v1\.2"/);
  const rev = await goList([`${h}/team/odd.git@release-2024`]);
  assert.equal(rev.Version, `v1.0.1-0.${basePseudoVersion(built.get('team/odd.git')!.commits[1]).slice('v0.0.0-'.length)}`);
});

test('without tags there are only pseudo-versions of the commits', { skip }, async () => {
  const [first, last] = built.get('team/scratch.git')!.commits;
  assert.equal(basePseudoVersion(last), `v0.0.0-20240602063000-${last.hash.slice(0, 12)}`);
  const { at, versions } = await query(`${h}/team/scratch.git`, basePseudoVersion(first));
  assert.deepEqual(versions, []);
  assert.equal(at.Version, basePseudoVersion(first));
  assert.equal(at.Update?.Version, basePseudoVersion(last));
  assert.equal((await goList([`${h}/team/scratch.git@latest`])).Version, basePseudoVersion(last));
});

test('without a go.mod a v2 tag is +incompatible', { skip }, async () => {
  const { at, versions } = await query(`${h}/team/legacy.git`, 'v1.0.0');
  assert.deepEqual(versions, ['v1.0.0', 'v2.0.0+incompatible']);
  assert.equal(at.Update?.Version, 'v2.0.0+incompatible');
});

test('a repository behind Basic auth: git fails without credentials', { skip }, async () => {
  const bare = corpGitEnv(freshHome(), server, { metaViaProxy: fwd });
  const before = server.requests.length;
  const m = await goList(['-versions', `${h}/team/secret`], bare);
  assert.match(m.Error?.Err ?? '', /git ls-remote -q origin in .*: exit status 128:\n\tfatal: could not read Username for 'http:\/\/127\.0\.0\.1:\d+': terminal prompts disabled/);
  const asked = server.requests.slice(before).filter((r) => r.path.startsWith('/team/secret/'));
  assert.deepEqual(asked.map((r) => [r.status, r.user]), [[401, undefined]], 'one 401, and git does not ask again');
});

test('a repository behind Basic auth: credentials from ~/.netrc', { skip }, async () => {
  const { at, versions } = await query(`${h}/team/secret`, 'v1.0.0');
  assert.deepEqual(versions, ['v1.0.0', 'v1.0.1']);
  assert.equal(at.Update?.Version, 'v1.0.1');
  const secret = server.requests.filter((r) => r.path.startsWith('/team/secret/'));
  assert.ok(secret.some((r) => r.status === 401), 'git asks without credentials first');
  assert.ok(secret.filter((r) => r.status === 200).every((r) => r.user === repos.secret.auth!.user));
});

test('a repository behind Basic auth: credentials from a git credential store', { skip }, async () => {
  const stored = corpGitEnv(freshHome(), server, { metaViaProxy: fwd, credentialStore: repos.secret.auth });
  assert.deepEqual((await goList(['-versions', `${h}/team/secret`], stored)).Versions, ['v1.0.0', 'v1.0.1']);
});

test('the request log shows what git asked for, in protocol v2', { skip }, async () => {
  const fresh = corpGitEnv(freshHome(), server);
  const before = server.requests.length;
  assert.equal((await goList([`${h}/team/tools.git/sub@v0.2.0`], fresh)).Version, 'v0.2.0');
  const asked = server.requests.slice(before);
  assert.ok(asked.length >= 2);
  // The go command names the repository without .git; the server takes both.
  for (const r of asked) assert.match(r.path, /^\/team\/tools\/(info\/refs|git-upload-pack)$/, r.path);
  assert.deepEqual([asked[0].method, asked[0].path, asked[0].query, asked[0].status], ['GET', '/team/tools/info/refs', 'service=git-upload-pack', 200]);
  assert.ok(asked.some((r) => r.method === 'POST' && r.path === '/team/tools/git-upload-pack' && r.status === 200));
  assert.ok(asked.every((r) => r.gitProtocol === 'version=2' && r.user === undefined));
});

test('meta tags through the forward proxy find paths without .git; .git paths need neither', { skip }, async () => {
  const seen = fwd.seen.length;
  const noMeta = corpGitEnv(freshHome(), server);
  const m = await goList(['-versions', `${h}/team/multi/v2`], noMeta);
  assert.match(m.Error?.Err ?? '', /unrecognized import path "git\.corp\.example\/team\/multi\/v2": https fetch/);
  assert.deepEqual((await goList(['-versions', `${h}/team/legacy.git`], noMeta)).Versions, ['v1.0.0', 'v2.0.0+incompatible']);
  assert.equal(fwd.seen.length, seen, 'nothing went through the proxy');

  const withMeta = corpGitEnv(freshHome(), server, { metaViaProxy: fwd });
  const before = server.requests.length;
  assert.deepEqual((await goList(['-versions', `${h}/team/multi/v2`], withMeta)).Versions, ['v2.0.0', 'v2.1.0']);
  // The go command asks for the path, then checks the announced prefix with a second request.
  assert.deepEqual(fwd.seen.slice(seen), [`GET http://${h}/team/multi/v2?go-get=1`, `GET http://${h}/team/multi?go-get=1`]);
  const meta = server.requests.slice(before).filter((r) => r.query === 'go-get=1');
  assert.deepEqual(meta.map((r) => [r.path, r.status]), [['/team/multi/v2', 200], ['/team/multi', 200]]);
});

function fetch(p: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; ms: number }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    // The path as given, not normalized by URL parsing.
    const req = request({ host: '127.0.0.1', port: server.port, path: p, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: Date.now() - start }));
    });
    req.on('error', reject);
    // write() before end() sends the headers first: chunked when no length was given.
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const pkt = (s: string) => (s.length + 4).toString(16).padStart(4, '0') + s;

test('a gzip request body reaches upload-pack inflated, with a length or chunked', { skip: noGit }, async () => {
  const body = gzipSync(pkt('command=ls-refs\n') + '0001' + pkt('ref-prefix refs/tags/\n') + '0000');
  const tags = built.get('team/flaky.git')!.tags;
  for (const length of [{ 'Content-Length': String(body.length) }, {}] as Record<string, string>[]) {
    const r = await fetch('/team/flaky.git/git-upload-pack', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-git-upload-pack-request', 'Content-Encoding': 'gzip', 'Git-Protocol': 'version=2', ...length },
      body,
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/x-git-upload-pack-result');
    const refs = [...r.body.toString().matchAll(/([0-9a-f]{40}) (refs\/tags\/\S+)/g)].map((x) => [x[2], x[1]]);
    // The annotated v1.1.0 is listed by the tag object's hash, so only the lightweight ones are compared by commit.
    assert.deepEqual(refs.map(([ref]) => ref), ['refs/tags/v1.0.0', 'refs/tags/v1.0.1', 'refs/tags/v1.1.0']);
    assert.deepEqual(refs.slice(0, 2).map(([, hash]) => hash), [tags['v1.0.0'], tags['v1.0.1']]);
  }
});

test('unknown repositories and meta paths are 404, a protected one 401 with a realm', { skip: noGit }, async () => {
  assert.equal((await fetch('/team/nothere.git/info/refs?service=git-upload-pack')).status, 404);
  assert.equal((await fetch('/team/nothere?go-get=1')).status, 404);
  assert.equal((await fetch('/team/flaky?go-get=1')).status, 404, '.git repositories announce no meta tags');
  const meta = await fetch('/team/multi/v2?go-get=1');
  assert.match(meta.body.toString(), /<meta name="go-import" content="git\.corp\.example\/team\/multi git https:\/\/git\.corp\.example\/team\/multi">/);
  const denied = await fetch('/team/secret/info/refs?service=git-upload-pack');
  assert.equal(denied.status, 401);
  assert.equal(denied.headers['www-authenticate'], 'Basic realm="corp"');
  const { user, password } = repos.secret.auth!;
  const allowed = await fetch('/team/secret/info/refs?service=git-upload-pack', { headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  assert.equal(allowed.status, 200);
  assert.match(allowed.body.toString(), /refs\/tags\/v1\.0\.1/);
  assert.equal((await fetch('/team/../../etc/info/refs')).status, 400);
});

test('setLatency delays every answer', { skip: noGit }, async () => {
  server.setLatency(150);
  try {
    const r = await fetch('/team/multi?go-get=1');
    assert.equal(r.status, 200);
    assert.ok(r.ms >= 140, `${r.ms} ms`);
  } finally {
    server.setLatency(0);
  }
});
