// The version engine against `go list -m -u -retracted -json` on the same
// test proxy: Update, Retracted and Deprecated must agree for every version of
// every fixture module, with and without exclusions.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { moduleFacts, type ModuleFacts } from '../../server/src/core/facts/moduleFacts';
import { isPseudoVersion } from '../../server/src/core/semver/pseudo';
import { engineClient } from '../support/engineClient';
import { type GoListModule, goListUpdates, type ModuleVersionRef } from '../support/goList';
import { oracleGos } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir, type ProxyTree } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const gos = oracleGos();
let dir: string;
let tree: ProxyTree;
let server: ProxyServer;

before(async () => {
  assert.ok(gos.length > 0 && gos[0].pinned, 'the go command (golang-1.23-go) is required as the oracle');
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-engine-'));
  tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'), { generated: 12 });
  server = await startProxyServer({ root: tree.root });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

interface Case {
  requirements: ModuleVersionRef[];
  excludes: ModuleVersionRef[];
}

/** Round k requires the k-th version of every module that has one. */
function rounds(): Case[] {
  const modules = [...tree.modules].filter(([p]) => !p.endsWith('/subpkg'));
  const most = Math.max(...modules.map(([, vs]) => vs.length));
  const cases: Case[] = [];
  for (let k = 0; k < most; k++) {
    const requirements = modules.filter(([, vs]) => vs.length > k).map(([p, vs]) => ({ path: p, version: vs[k] }));
    cases.push({ requirements, excludes: [] });
  }
  // Excluding each module's highest version must move the update below it.
  const excludes = modules.filter(([, vs]) => vs.length > 1).map(([p, vs]) => ({ path: p, version: vs[vs.length - 1] }));
  cases.push({ requirements: modules.map(([p, vs]) => ({ path: p, version: vs[0] })), excludes });
  // Modules and versions that do not exist: an error and no update, for both.
  cases.push({
    requirements: [
      { path: 'example.com/nosuchmodule', version: 'v1.0.0' },
      { path: 'example.com/majors/v2', version: 'v2.9.9' },
      { path: 'example.com/retract', version: 'v1.0.0-nosuchversion' },
    ],
    excludes: [],
  });
  return cases;
}

function normalizeGo(m: GoListModule) {
  return {
    update: m.Update ? { version: m.Update.Version, time: m.Update.Time ? Date.parse(m.Update.Time) : undefined } : undefined,
    retracted: m.Retracted,
    deprecated: m.Deprecated,
    error: m.Error !== undefined,
  };
}

function normalizeOurs(f: ModuleFacts) {
  return {
    update: f.update ? { version: f.update.Version, time: f.update.Time ? Date.parse(f.update.Time) : undefined } : undefined,
    retracted: f.retracted,
    deprecated: f.deprecated,
    error: (f.failure !== undefined && f.failure.kind !== 'no-match') || f.missing !== undefined,
  };
}

// Once per go command: the pinned Go 1.23 and the machine's current Go.
for (const g of gos) test(`Update, Retracted and Deprecated agree with ${g.version} go list -m -u -retracted for every fixture version`, async () => {
  const goBin = g.bin;
  const { client, close } = engineClient({ goproxy: server.url });
  let compared = 0;
  const disagreements: string[] = [];
  try {
    for (const c of rounds()) {
      const go = await goListUpdates(goBin, server.url, c.requirements, { excludes: c.excludes });
      assert.ok(go.ok, !go.ok ? go.stderr : '');
      const byPath = new Map(go.modules.map((m) => [m.Path, m]));
      const excluded = new Set(c.excludes.map((e) => `${e.path}@${e.version}`));
      await Promise.all(c.requirements.map(async (r) => {
        const want = byPath.get(r.path);
        assert.ok(want, `go list printed nothing for ${r.path}`);
        const isExcluded = (v: string) => excluded.has(`${r.path}@${v}`);
        const facts = await moduleFacts(client, r.path, r.version, isExcluded);
        // Without publish times (fewer requests) the versions chosen must be the same.
        const lean = await moduleFacts(client, r.path, r.version, isExcluded, { times: false });
        if (lean.update?.Version !== facts.update?.Version || String(lean.retracted) !== String(facts.retracted)) {
          disagreements.push(`${r.path}@${r.version}: without times the update is ${lean.update?.Version}, with times ${facts.update?.Version}`);
        }
        compared++;
        const [w, o] = [normalizeGo(want), normalizeOurs(facts)];
        try {
          assert.deepEqual(o, w);
        } catch {
          disagreements.push(`${r.path}@${r.version}${c.excludes.length ? ' (with exclusions)' : ''}:\n  go:   ${JSON.stringify(w)}\n  ours: ${JSON.stringify(o)}`);
        }
      }));
    }
  } finally {
    await close();
  }
  console.log(`version engine (${g.version}): ${compared} module versions compared with go list, ${disagreements.length} disagreements`);
  assert.deepEqual(disagreements, []);
  assert.ok(compared >= 100, `only ${compared} comparisons`);
  assert.ok([...tree.modules.values()].flat().some(isPseudoVersion), 'the corpus covers pseudo-versions');
});
