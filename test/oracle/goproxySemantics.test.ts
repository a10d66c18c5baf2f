// GOPROXY list semantics, compared with the go command on the same chains:
// the outcome (update found, or an error) and which proxies were contacted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { moduleFacts } from '../../server/src/core/facts/moduleFacts';
import { engineClient } from '../support/engineClient';
import { goListUpdates } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir, type ProxyTree } from '../support/moduleFixtures';
import { type Fault, type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
const MODULE = { path: 'example.com/majors', version: 'v1.0.0' };
let dir: string;
let tree: ProxyTree;
let a: ProxyServer;
let b: ProxyServer;

before(async () => {
  assert.ok(goBin, 'the go command is required as the oracle');
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-goproxy-'));
  tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  a = await startProxyServer({ root: tree.root });
  b = await startProxyServer({ root: tree.root });
});
after(async () => {
  await a?.close();
  await b?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

interface Observed {
  update?: string;
  failed: boolean;
  contactedA: boolean;
  contactedB: boolean;
}

function resetLogs() {
  a.requests.length = 0;
  b.requests.length = 0;
}

const touched = (s: ProxyServer) => s.requests.some((r) => r.path.includes(MODULE.path));

async function viaGo(goproxy: string): Promise<Observed & { message: string }> {
  resetLogs();
  const r = await goListUpdates(goBin!, goproxy, [MODULE]);
  const m = r.modules.find((x) => x.Path === MODULE.path);
  const message = m?.Error?.Err ?? (r.ok ? '' : r.stderr);
  return { update: m?.Update?.Version, failed: !r.ok || m?.Error !== undefined || !m, contactedA: touched(a), contactedB: touched(b), message };
}

async function viaEngine(goproxy: string): Promise<Observed & { message: string }> {
  resetLogs();
  const { client, close } = engineClient({ goproxy });
  try {
    const f = await moduleFacts(client, MODULE.path, MODULE.version, () => false);
    const message = f.failure && 'message' in f.failure ? f.failure.message : '';
    return { update: f.update?.Version, failed: f.failure !== undefined, contactedA: touched(a), contactedB: touched(b), message };
  } finally {
    await close();
  }
}

const chains: { name: string; goproxy: () => string; faultA?: Fault }[] = [
  { name: 'a healthy proxy', goproxy: () => a.url },
  { name: '"," falls through on 404', goproxy: () => `${a.url},${b.url}`, faultA: { status: 404, body: 'not found: nothing here' } },
  { name: '"," falls through on 410', goproxy: () => `${a.url},${b.url}`, faultA: { status: 410, body: 'gone' } },
  { name: '"," stops on 500', goproxy: () => `${a.url},${b.url}`, faultA: { status: 500, body: 'boom' } },
  { name: '"|" falls through on 500', goproxy: () => `${a.url}|${b.url}`, faultA: { status: 500, body: 'boom' } },
  { name: '"|" falls through on a reset connection', goproxy: () => `${a.url}|${b.url}`, faultA: { reset: true } },
  { name: '"," stops on a reset connection', goproxy: () => `${a.url},${b.url}`, faultA: { reset: true } },
  { name: 'off ends the list', goproxy: () => `off,${b.url}` },
  { name: 'not found, then off', goproxy: () => `${a.url},off`, faultA: { status: 404 } },
  { name: 'a file:// proxy', goproxy: () => tree.fileUrl },
  { name: 'file:// after a 404', goproxy: () => `${a.url},${tree.fileUrl}`, faultA: { status: 404 } },
  { name: 'credentials over plain http are refused, then "|" falls through', goproxy: () => `${a.url.replace('http://', 'http://user:hunter2@')}|${b.url}` },
  { name: 'credentials over plain http are refused, and "," stops', goproxy: () => `${a.url.replace('http://', 'http://user:hunter2@')},${b.url}` },
];

for (const chain of chains) {
  test(`GOPROXY semantics like the go command: ${chain.name}`, async () => {
    a.setFault(/./, chain.faultA);
    try {
      const goproxy = chain.goproxy();
      const go = await viaGo(goproxy);
      const ours = await viaEngine(goproxy);
      const { message: goMessage, ...goObserved } = go;
      const { message: ourMessage, ...ourObserved } = ours;
      assert.deepEqual(ourObserved, goObserved, `go said: ${goMessage}\nwe said: ${ourMessage}`);
      assert.ok(!ourMessage.includes('hunter2') && !goMessage.includes('hunter2'), 'no password in messages');
      if (chain.name.endsWith('"," stops')) {
        assert.match(goMessage, /refusing to pass credentials to insecure URL: http:\/\/user:xxxxx@/);
        assert.match(ourMessage, /refusing to pass credentials to insecure URL: http:\/\/user:xxxxx@/);
      }
    } finally {
      a.setFault(/./, undefined);
    }
  });
}
