// The parts that turn the go command's answers about version control into
// facts: its JSON stream, its failures in words to act on, GOVCS and the
// route a module takes, and the wait for a quiet module proxy before git starts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { MAX_WAIT_MS, ProxyActivity, QUIET_MS } from '../../server/src/core/proxy/activity';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { startProxyServer } from '../support/proxyServer';
import { explainDirectFailure, isNotFound } from '../../server/src/core/direct/directFailure';
import { splitJsonObjects } from '../../server/src/core/direct/jsonStream';
import { directRoute, govcsAllows, govcsFor } from '../../server/src/core/direct/route';

test('go list -json objects one after another, braces in strings, a cut-off last object', () => {
  const text = '{\n\t"Path": "a/b",\n\t"Error": {"Err": "x } { y \\" z"}\n}\n{"Path": "c"}\n{"Path": "d", "Vers';
  assert.deepEqual(splitJsonObjects(text), [{ Path: 'a/b', Error: { Err: 'x } { y " z' } }, { Path: 'c' }]);
  assert.deepEqual(splitJsonObjects(''), []);
});

test('failures name their cause and the next step, with credentials masked', () => {
  const auth = explainDirectFailure('git.corp.example/team/secret', "module git.corp.example/team/secret: git ls-remote -q origin in /c/vcs/1: exit status 128:\n\tfatal: could not read Username for 'https://git.corp.example': terminal prompts disabled\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.", false);
  assert.equal(auth.cause, 'auth');
  assert.match(auth.message, /needs credentials.*\.netrc.*credential helper.*insteadOf/);
  assert.match(auth.message, /could not read Username/);
  assert.doesNotMatch(auth.message, /Confirm the import path/);
  const token = explainDirectFailure('git.corp.example/x', 'fatal: unable to access \'https://bot:s3cr3t-token@git.corp.example/x/\': The requested URL returned error: 403', false);
  assert.equal(token.cause, 'auth');
  assert.doesNotMatch(token.message, /s3cr3t-token/);
  assert.equal(explainDirectFailure('git.corp.example/x', 'dial tcp: lookup git.corp.example on 127.0.0.53:53: no such host', false).cause, 'unknown-host');
  assert.equal(explainDirectFailure('git.corp.example/x', 'unrecognized import path "git.corp.example/x": https fetch: Get "https://git.corp.example/x?go-get=1": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused', false).cause, 'unreachable');
  assert.equal(explainDirectFailure('git.corp.example/x', 'unrecognized import path "git.corp.example/x": reading https://git.corp.example/x?go-get=1: 404 Not Found', false).cause, 'no-meta');
  assert.equal(explainDirectFailure('git.corp.example/x', "GOVCS disallows using git for private git.corp.example/x; see 'go help vcs'", false).cause, 'govcs');
  const late = explainDirectFailure('git.corp.example/x', 'the go command did not finish within 60 s', true);
  assert.equal(late.cause, 'deadline');
  assert.match(late.message, /took too long/);
  assert.ok(isNotFound('git.corp.example/x@v9.0.0: invalid version: unknown revision v9.0.0'));
  assert.ok(!isNotFound("fatal: could not read Username for 'https://h': terminal prompts disabled; unknown revision"));
});

test('GOVCS: the first matching entry wins, then public:git|hg,private:all', () => {
  const env = { GOPRIVATE: 'git.corp.example', GOVCS: '' };
  assert.deepEqual(govcsFor(env, 'git.corp.example/a'), { allowed: 'all', entry: 'the default private:all' });
  assert.deepEqual(govcsFor(env, 'github.com/a/b'), { allowed: 'git|hg', entry: 'the default public:git|hg' });
  assert.deepEqual(govcsFor({ ...env, GOVCS: 'github.com:git,private:off' }, 'git.corp.example/a'), { allowed: 'off', entry: 'GOVCS entry private:off' });
  assert.ok(govcsAllows('git|hg', 'git') && govcsAllows('all', 'svn') && !govcsAllows('off', 'git') && !govcsAllows('hg', 'git'));
});

test('how a repository is found: a VCS suffix in the path, a known host, or a meta tag', () => {
  const env = { GONOPROXY: 'git.corp.example', GOPRIVATE: 'git.corp.example', GOINSECURE: 'git.corp.example', GOVCS: '' };
  const qualified = directRoute(env, 'git.corp.example/team/tools.git/sub');
  assert.equal(qualified.vcs, 'git');
  assert.match(qualified.discovery, /the path names the repository \(git\.corp\.example\/team\/tools\.git\)/);
  assert.match(qualified.rule, /GONOPROXY \(GOPRIVATE\) matches it/);
  assert.equal(directRoute(env, 'github.com/acme/x').vcs, 'git');
  const meta = directRoute(env, 'git.corp.example/team/lib');
  assert.equal(meta.vcs, undefined);
  assert.match(meta.discovery, /go-import meta tag at https:\/\/git\.corp\.example\/team\/lib\?go-get=1 \(or http:\/\/, GOINSECURE matches\)/);
  assert.match(directRoute({ ...env, GONOPROXY: '' }, 'example.com/a').rule, /GOPROXY reached "direct"/);
});

test('git waits for a quiet proxy: after the last answer and a quiet period, all waiters at once, and never past the cap', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-activity-'));
  const server = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root, latencyMs: 300 });
  try {
    const activity = new ProxyActivity();
    const http = activity.track(new HttpTransport({ concurrency: 4, timeoutMs: 5000, maxBytes: 1 << 20, netrc: [] }));
    const t0 = performance.now();
    // The request and the waits start in the same turn, as an analysis starts its lookups.
    const answered = http.get(new URL(`${server.url}/example.com/retract/ranges/@v/list`)).then(() => performance.now() - t0);
    const waits = [activity.quiet(), activity.quiet()];
    assert.equal(waits[0], waits[1], 'one wait, shared');
    await waits[0];
    const quietAt = performance.now() - t0;
    const answeredAt = await answered;
    assert.ok(quietAt >= answeredAt + QUIET_MS - 5, `quiet at ${quietAt} ms, the answer at ${answeredAt} ms`);
    // Idle: one period, no more.
    const t1 = performance.now();
    await activity.quiet();
    assert.ok(performance.now() - t1 < QUIET_MS * 3, 'an idle proxy holds git back one period only');
    // A proxy that never goes quiet holds it back at most the cap.
    server.setLatency(MAX_WAIT_MS * 2);
    const slow = http.get(new URL(`${server.url}/example.com/retract/ranges/@v/list`));
    const t2 = performance.now();
    await activity.quiet();
    const waited = performance.now() - t2;
    assert.ok(waited >= MAX_WAIT_MS - 5 && waited < MAX_WAIT_MS + QUIET_MS * 3, `waited ${waited} ms`);
    server.setLatency(0);
    await slow;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
