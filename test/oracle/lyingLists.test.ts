// Lists that name versions the proxy cannot stand behind, against `go list -m
// -u -json` on the same loopback proxy: a tag whose .info names another
// version (here a 2018 pseudo-version, which `go get` would then resolve to)
// and a version the proxy cannot serve. The go command confirms the candidate
// with its .info (modload queryProxy -> Stat) and offers no update in either
// case; the engine must agree, with and without publish times. The editor's
// first look takes the list at its word, and its completion must then agree.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { moduleFacts, type ModuleFacts } from '../../server/src/core/facts/moduleFacts';
import { completeFacts, gatherFacts, lookupTargets } from '../../server/src/core/facts/requirementFacts';
import { parseFile } from '../../server/src/core/gomod/parse';
import { engineClient } from '../support/engineClient';
import { goListUpdates } from '../support/goList';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const goBin = findGo();
let dir: string;
let server: ProxyServer;

const OLD_PSEUDO = 'v0.0.0-20180101000000-abcdefabcdef';

before(async () => {
  assert.ok(goBin, 'the go command is required as the oracle');
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-lying-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  // A tag whose .info is another (older) version.
  server.setFault('/example.com/majors/@v/list', { status: 200, body: 'v1.0.0\nv1.1.0\nv1.5.0\n' });
  server.setFault('/example.com/majors/@v/v1.5.0.info', { status: 200, body: JSON.stringify({ Version: OLD_PSEUDO, Time: '2018-01-01T00:00:00Z' }) });
  // A version no proxy can serve.
  server.setFault('/example.com/deprecated/b/@v/list', { status: 200, body: 'v1.0.0\nv1.9.0\nv99999999999999999999.0.0\n' });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const REQUIREMENTS = [
  { path: 'example.com/majors', version: 'v1.0.0' },
  { path: 'example.com/deprecated/b', version: 'v1.0.0' },
];

function ours(f: ModuleFacts) {
  return { update: f.update?.Version, error: (f.failure !== undefined && f.failure.kind !== 'no-match') || f.missing !== undefined };
}

test('no update is offered from a lying list, as go list -m -u offers none', async () => {
  const go = await goListUpdates(goBin!, server.url, REQUIREMENTS);
  const byPath = new Map(go.modules.map((m) => [m.Path, { update: m.Update?.Version, error: m.Error !== undefined }]));
  const { client, close } = engineClient({ goproxy: server.url });
  try {
    for (const r of REQUIREMENTS) {
      const want = byPath.get(r.path);
      assert.ok(want, `go list printed nothing for ${r.path}`);
      assert.equal(want.update, undefined, `go offers no update for ${r.path}`);
      for (const times of [false, true]) {
        const facts = await moduleFacts(client, r.path, r.version, () => false, { times });
        assert.deepEqual(ours(facts), want, `${r.path} (times: ${times})`);
      }
    }
  } finally {
    await close();
  }
  // The other tags still count: the lying one is not skipped for a lower one, as the go command does not skip it.
  assert.ok(byPath.get('example.com/majors')!.error, 'the .info naming another version is an error to the go command');
});

test('the first look offers what the list names; its completion agrees with go list -m -u', async () => {
  const go = await goListUpdates(goBin!, server.url, REQUIREMENTS);
  const text = `module example.com/m\n\ngo 1.21\n\nrequire (\n${REQUIREMENTS.map((r) => `\t${r.path} ${r.version}\n`).join('')})\n`;
  const targets = lookupTargets(parseFile(text, { filename: 'go.mod', kind: 'mod' }));
  const { client, close } = engineClient({ goproxy: server.url });
  try {
    for (const t of targets) {
      const record = await gatherFacts({ repo: client, majors: false, confirm: false }, t.req.mod.path, t.req.mod.version, t.excluded);
      assert.equal(record.confirmed, false);
      assert.ok(record.facts.update, `the first look takes ${t.req.mod.path}'s list at its word`);
      await completeFacts(client, t, record, { majors: false });
      const want = go.modules.find((m) => m.Path === t.req.mod.path)!;
      assert.deepEqual(ours(record.facts), { update: want.Update?.Version, error: want.Error !== undefined }, t.req.mod.path);
      assert.equal(record.confirmed, true);
    }
  } finally {
    await close();
  }
});
