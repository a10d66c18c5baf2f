// Private module paths never reach a proxy: with GOPRIVATE or GONOPROXY
// patterns (exact and glob) the recording proxy sees no request for a
// matching path, while every other requirement is still checked. The go
// command, given the same settings, behaves the same way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { computeGoEnv } from '../../server/src/core/goenv/goEnv';
import { noProxy } from '../../server/src/core/goenv/patterns';
import { moduleFacts } from '../../server/src/core/facts/moduleFacts';
import { engineClient } from '../support/engineClient';
import { goListUpdates } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
let dir: string;
let server: ProxyServer;

const REQUIREMENTS = [
  { path: 'example.com/majors', version: 'v1.0.0' },
  { path: 'example.com/deprecated/a', version: 'v1.0.0' },
  { path: 'example.com/retract/ranges', version: 'v1.2.0' },
  { path: 'gopkg.in/fixture.v1', version: 'v1.0.0' },
  { path: 'example.com/BurntSushi/toml', version: 'v1.3.2' },
];

before(async () => {
  assert.ok(goBin);
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-privacy-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const settings: { name: string; env: Record<string, string>; privatePaths: string[] }[] = [
  { name: 'GOPRIVATE exact path', env: { GOPRIVATE: 'example.com/majors' }, privatePaths: ['example.com/majors'] },
  { name: 'GOPRIVATE glob', env: { GOPRIVATE: 'example.com/*/a,gopkg.in' }, privatePaths: ['example.com/deprecated/a', 'gopkg.in/fixture.v1'] },
  { name: 'GOPRIVATE prefix covers deeper paths', env: { GOPRIVATE: 'example.com/retract' }, privatePaths: ['example.com/retract/ranges'] },
  { name: 'GONOPROXY overrides GOPRIVATE for proxy access', env: { GOPRIVATE: 'example.com', GONOPROXY: 'example.com/B*' }, privatePaths: ['example.com/BurntSushi/toml'] },
  { name: 'mixed case in patterns and paths', env: { GOPRIVATE: 'example.com/Burnt?ushi' }, privatePaths: ['example.com/BurntSushi/toml'] },
];

function requested(p: string): boolean {
  // The proxy logs decoded paths; an escaped request for the same module counts too.
  const escaped = p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
  return server.requests.some((r) => r.path.startsWith('/' + p + '/') || r.path.startsWith('/' + escaped + '/'));
}

for (const s of settings) {
  test(`no request for private paths: ${s.name}`, async () => {
    const env = computeGoEnv({ env: { HOME: dir, GOENV: 'off', GOPROXY: server.url, ...s.env }, readFile: () => undefined, platform: 'linux', cwd: dir }).values;
    for (const r of REQUIREMENTS) assert.equal(noProxy(env, r.path), s.privatePaths.includes(r.path), `pattern check for ${r.path}`);

    server.requests.length = 0;
    const { client, close } = engineClient({ goproxy: `${server.url},direct`, gonoproxy: env.GONOPROXY, isNoProxy: (p) => noProxy(env, p) });
    try {
      const facts = await Promise.all(REQUIREMENTS.map((r) => moduleFacts(client, r.path, r.version, () => false)));
      for (const f of facts) {
        if (s.privatePaths.includes(f.path)) {
          assert.equal(f.failure?.kind, 'direct', `${f.path} is reported as needing direct access`);
          assert.equal(requested(f.path), false, `${f.path} was sent to the proxy`);
        } else {
          assert.equal(f.failure, undefined, `${f.path} is checked`);
          assert.ok(requested(f.path), `${f.path} was looked up`);
        }
      }
    } finally {
      await close();
    }

    // The go command, with the same settings, also keeps these paths away from the
    // proxy (its direct fetch is stopped locally by the oracle environment).
    server.requests.length = 0;
    const go = await goListUpdates(goBin!, `${server.url},direct`, REQUIREMENTS, { extraEnv: s.env });
    for (const p of s.privatePaths) assert.equal(requested(p), false, `go sent ${p} to the proxy`);
    assert.ok(!go.ok || go.modules.some((m) => m.Error), 'go could not reach the private modules either');
  });
}
