// HTTP_PROXY / NO_PROXY and .netrc, compared with the go command: requests go
// through the configured HTTP proxy, loopback addresses never do, and .netrc
// credentials are never sent over plain http. Everything stays on this machine:
// the "remote" proxy is http://0.0.0.0:1, which the forward proxy maps to the
// loopback test proxy (a direct attempt would also stay local).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { moduleFacts } from '../../server/src/core/facts/moduleFacts';
import { engineClient } from '../support/engineClient';
import { type ForwardProxy, startForwardProxy } from '../support/forwardProxy';
import { goListUpdates } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
const MODULE = { path: 'example.com/majors', version: 'v1.0.0' };
const REMOTE = 'http://0.0.0.0:1';
let dir: string;
let server: ProxyServer;
let authServer: ProxyServer;
let fwd: ForwardProxy;

before(async () => {
  assert.ok(goBin);
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-httpproxy-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  authServer = await startProxyServer({ root: tree.root, requireAuth: { user: 'alice', pass: 's3cret' } });
  const u = new URL(server.url);
  fwd = await startForwardProxy({ host: u.hostname, port: Number(u.port) });
});
after(async () => {
  await Promise.all([server?.close(), authServer?.close(), fwd?.close()]);
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function ours(goproxy: string, proxyEnv?: { httpProxy?: string; noProxy?: string }, netrc?: { machine: string; login: string; password: string }[]) {
  const { client, close } = engineClient({ goproxy, proxyEnv, netrc, timeoutMs: 3000 });
  try {
    return await moduleFacts(client, MODULE.path, MODULE.version, () => false);
  } finally {
    await close();
  }
}

test('requests go through HTTP_PROXY, for the go command and for us', async () => {
  fwd.seen.length = 0;
  const go = await goListUpdates(goBin!, REMOTE, [MODULE], { extraEnv: { HTTP_PROXY: fwd.url, NO_PROXY: '' } });
  assert.equal(go.modules[0]?.Update?.Version, 'v1.1.0', !go.ok ? go.stderr : JSON.stringify(go.modules));
  assert.ok(fwd.seen.some((s) => s.includes('0.0.0.0:1')), 'go used the HTTP proxy');

  fwd.seen.length = 0;
  const f = await ours(REMOTE, { httpProxy: fwd.url });
  assert.equal(f.update?.Version, 'v1.1.0', JSON.stringify(f.failure));
  assert.ok(fwd.seen.some((s) => s.includes('0.0.0.0:1')), 'we used the HTTP proxy');
});

test('loopback proxies are never reached through HTTP_PROXY (as in Go)', async () => {
  fwd.seen.length = 0;
  const go = await goListUpdates(goBin!, server.url, [MODULE], { extraEnv: { HTTP_PROXY: fwd.url, NO_PROXY: '' } });
  assert.equal(go.modules[0]?.Update?.Version, 'v1.1.0');
  const f = await ours(server.url, { httpProxy: fwd.url });
  assert.equal(f.update?.Version, 'v1.1.0');
  assert.deepEqual(fwd.seen, []);
});

test('NO_PROXY sends matching hosts directly', async () => {
  fwd.seen.length = 0;
  const f = await ours(REMOTE, { httpProxy: fwd.url, noProxy: '0.0.0.0' });
  assert.equal(f.failure?.kind, 'unavailable', 'the direct attempt to port 1 is refused');
  assert.deepEqual(fwd.seen, []);
});

test('.netrc credentials are not sent over plain http, by the go command or by us', async () => {
  const host = new URL(authServer.url).hostname;
  const netrc = path.join(dir, 'netrc');
  writeFileSync(netrc, `machine ${host} login alice password s3cret\n`);
  const go = await goListUpdates(goBin!, authServer.url, [MODULE], { extraEnv: { NETRC: netrc } });
  assert.ok(!go.ok || go.modules[0]?.Error, 'the go command is refused (401) over http');
  const f = await ours(authServer.url, undefined, [{ machine: host, login: 'alice', password: 's3cret' }]);
  assert.equal(f.failure?.kind, 'unavailable');
  assert.doesNotMatch(JSON.stringify(f), /s3cret/);
});

test('https proxies are reached through HTTPS_PROXY with a CONNECT tunnel', async () => {
  // The tunnel leads to the plain-HTTP test proxy, so the TLS handshake fails
  // afterwards; what matters is that the tunnel was asked for (undici's
  // ProxyAgent needs the connect API on its dispatchers for that).
  fwd.seen.length = 0;
  const { client, close } = engineClient({ goproxy: 'https://0.0.0.0:1', proxyEnv: { httpsProxy: fwd.url }, timeoutMs: 3000 });
  try {
    const r = await client.versions(MODULE.path);
    assert.equal(r.kind, 'unavailable', 'no TLS server behind the tunnel');
  } finally {
    await close();
  }
  assert.ok(fwd.seen.includes('CONNECT 0.0.0.0:1'), `a CONNECT tunnel was requested: ${JSON.stringify(fwd.seen)}`);
});
