// The request targets sent to a proxy are the go command's, byte for byte:
// a proxy (or a corporate gateway in front of one) that matches raw paths must
// see the same "@v/", "+" and "!" escapes from us as from `go list -m -u`.
// The go command builds them in cmd/go/internal/modfetch/proxy.go (getBody:
// url.PathEscape per path with "/" kept), so "@" and "+" stay literal.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { analyze } from '../../server/src/core/analysis/pipeline';
import { engineClient } from '../support/engineClient';
import { goListUpdates } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
let dir: string;
let server: ProxyServer;

// An upper-case path, a +incompatible version and pre-releases with dots and hyphens.
const REQUIREMENTS = [
  { path: 'example.com/BurntSushi/toml', version: 'v1.3.2' },
  { path: 'example.com/incompat', version: 'v2.0.0+incompatible' },
  { path: 'github.com/dmitshur-test/modtest5', version: 'v0.5.0-alpha.0.20190619023908-3da23a9deb9e' },
  { path: 'example.com/retract/ranges', version: 'v1.5.0-beta.1' },
  { path: 'example.com/majors', version: 'v1.0.0' },
];

before(async () => {
  assert.ok(goBin, 'the go command is required as the oracle');
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-paths-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

/** What a request is for (module, endpoint, version), from its decoded path: the same lookup from both clients. */
function lookupOf(decoded: string): string | undefined {
  const m = /^\/(.+?)\/(@latest|@v\/list|@v\/(.+)\.(info|mod|zip))$/.exec(decoded);
  if (!m) return undefined;
  return m[3] === undefined ? `${m[1]} ${m[2]}` : `${m[1]} ${m[4]} ${m[3]}`;
}

function rawByLookup(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of server.requests) {
    const key = lookupOf(r.path);
    if (key === undefined) continue;
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(r.rawPath);
  }
  return out;
}

test('request paths are byte for byte those of go list -m -u for the same lookups', async () => {
  server.requests.length = 0;
  const go = await goListUpdates(goBin!, server.url, REQUIREMENTS);
  assert.ok(go.ok, !go.ok ? go.stderr : '');
  const fromGo = rawByLookup();

  server.requests.length = 0;
  const { client, close } = engineClient({ goproxy: server.url });
  try {
    const text = `module example.com/m\n\ngo 1.22\n\nrequire (\n${REQUIREMENTS.map((r) => `\t${r.path} ${r.version}\n`).join('')})\n`;
    await analyze({ text, filename: 'go.mod', kind: 'mod', checkGoSum: false }, { repo: client, exists: () => true, majors: false, times: true });
  } finally {
    await close();
  }
  const ours = rawByLookup();

  const shared = [...ours.keys()].filter((k) => fromGo.has(k));
  const differing = shared.filter((k) => [...ours.get(k)!].join() !== [...fromGo.get(k)!].join()).map((k) => `${k}: ours ${[...ours.get(k)!].join()} go ${[...fromGo.get(k)!].join()}`);
  assert.deepEqual(differing, []);
  // The comparison covers each kind of escape, and each endpoint both clients use.
  const covered = shared.flatMap((k) => [...ours.get(k)!]);
  assert.ok(covered.some((p) => p.includes('/%21burnt%21sushi/')), covered.join('\n'));
  assert.ok(covered.some((p) => p.includes('+incompatible.')), covered.join('\n'));
  assert.ok(covered.some((p) => p.includes('-alpha.0.2019')), covered.join('\n'));
  for (const endpoint of ['@v/list', '.info', '.mod']) assert.ok(covered.some((p) => p.includes(endpoint)), `${endpoint} compared`);
  // Every path we send to a proxy has the go command's form: no escaped "@" or "+".
  for (const raw of [...ours.values()].flatMap((s) => [...s])) assert.ok(!/%40|%2B/i.test(raw), raw);
});
