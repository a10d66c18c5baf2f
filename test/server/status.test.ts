// The goModHygiene/status notification over a real stdio connection, against
// the loopback test proxy: it follows every publishDiagnostics with the counts
// the Problems view shows (errors, warnings and infos after the severity
// settings; hints left out), "done" only once a check has finished, and for a
// go.work the modules it uses with their findings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CAPABILITIES = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } };
const STATUS = 'goModHygiene/status';
const PUBLISH = 'textDocument/publishDiagnostics';

let dir: string;
let proxy: ProxyServer;
let client: LspTestClient;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-status-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  proxy = await startProxyServer({ root: tree.root });
  client = new LspTestClient({ GOPROXY: proxy.url });
  // Updates shown as information: they are then in the Problems view, and in the count.
  client.settings = { debounceMs: 0, diagnostics: { 'update-available': 'information' } };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
});
after(async () => {
  await client?.dispose();
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return pathToFileURL(file).toString();
}

const done = (uri: string, from: number) => client.waitFor((x) => x.method === STATUS && x.params.uri === uri && x.params.state === 'done', from, 10_000);

/** What the Problems view lists of one publish: everything but hints (severity 4). */
function problemsIn(diagnostics: { severity: number }[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
    infos: diagnostics.filter((d) => d.severity === 3).length,
  };
}

/** Every publish for `uri` since `from` is followed by a status with its counts, before the next publish. */
function assertStatusFollowsEveryPublish(uri: string, from: number): void {
  const seen = client.notifications.slice(from).filter((n) => n.params?.uri === uri && (n.method === PUBLISH || n.method === STATUS));
  assert.ok(seen.some((n) => n.method === PUBLISH), 'diagnostics were published');
  seen.forEach((n, i) => {
    if (n.method !== PUBLISH) return;
    const next = seen[i + 1];
    assert.equal(next?.method, STATUS, `publish #${i} is followed by a status (${seen.map((s) => s.method.split('/')[1]).join(' ')})`);
    const want = problemsIn(n.params.diagnostics);
    assert.deepEqual({ errors: next.params.errors, warnings: next.params.warnings, infos: next.params.infos }, want, `status after publish #${i}`);
    assert.equal(next.params.problems, want.errors + want.warnings + want.infos);
  });
}

test('the status follows every publish with the counts of the Problems view, severity settings applied, also after a fix', async () => {
  const text = 'module example.com/counted\n\ngo 1.22\n\nrequire (\n\texample.com/retract/ranges v1.2.0\n\texample.com/majors v1.0.0\n)\n';
  const uri = write('counted/go.mod', text);
  writeFileSync(path.join(dir, 'counted', 'go.sum'), '');
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  const checked = await done(uri, from);
  // retracted-version and gosum-missing (warnings or errors), two updates shown as information.
  assert.equal(checked.params.infos, 2, 'the two updates, shown as information, count');
  assert.equal(checked.params.updates, 2);
  assert.ok(checked.params.problems >= 3, JSON.stringify(checked.params));
  assertStatusFollowsEveryPublish(uri, from);

  // What the quick fix does: the version changes in the buffer. The count goes down with the next publish.
  const fixed = text.replace('ranges v1.2.0', 'ranges v1.4.0');
  const at = client.notifications.length;
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: fixed }] });
  const after = await done(uri, at);
  assert.equal(after.params.infos, 1, 'one update left');
  assert.ok(after.params.problems < checked.params.problems, `${after.params.problems} < ${checked.params.problems}`);
  assertStatusFollowsEveryPublish(uri, at);
  const reports = client.notifications.slice(at).filter((n) => n.method === STATUS && n.params.uri === uri);
  assert.equal(reports[0].params.state, 'checking', 'until the check that follows the change ends, the status says checking');
  assert.equal(reports[0].params.lookups, 0, 'no network lookup for it yet');
});

test('a go.work reports the modules it uses, each with the findings of its go.mod', async () => {
  write('ws/app/go.mod', 'module example.com/wsapp\n\ngo 1.22\n\nrequire example.com/retract/ranges v1.2.0\n');
  writeFileSync(path.join(dir, 'ws', 'app', 'go.sum'), '');
  write('ws/lib/go.mod', 'module example.com/wslib\n\ngo 1.22\n');
  const text = 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n';
  const uri = write('ws/go.work', text);
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.work', version: version++, text } });
  const report = await done(uri, from);
  const modules = report.params.modules as { dir: string; module?: string; errors: number; warnings: number; infos: number; updates: number }[];
  assert.deepEqual(modules.map((m) => [m.dir, m.module]), [['./app', 'example.com/wsapp'], ['./lib', 'example.com/wslib']]);
  const app = modules[0];
  // The go.work's check looked the used module's requirements up: the retraction and the update are known.
  assert.ok(app.warnings + app.errors >= 1, `the retracted requirement of ./app counts (${JSON.stringify(app)})`);
  assert.equal(app.updates, 1);
  assert.deepEqual([modules[1].errors, modules[1].warnings, modules[1].infos, modules[1].updates], [0, 0, 0, 0]);
  assertStatusFollowsEveryPublish(uri, from);
});
