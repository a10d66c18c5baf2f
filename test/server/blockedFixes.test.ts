// One broken line must not block every fix. On a copy of examples/demo, with
// the demo's own module proxy and the real go command over a real stdio LSP
// connection: "Upgrade to v1.0.2" on the retracted line works first time,
// although three other lines cannot be loaded (a version that does not exist,
// a module no proxy knows, a replace by a missing directory); and a fix that
// cannot get past such a line names it and offers to go there.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { REPO_ROOT } from '../support/corpus';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo');
const DEMO_PROXY = path.join(REPO_ROOT, 'examples', 'demo-proxy');

const CAPABILITIES = {
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

let dir: string;
let server: ProxyServer;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-blocked-'));
  server = await startProxyServer({ root: buildProxyTree([DEMO_PROXY], path.join(dir, 'proxy')).root });
  // As examples/demo.ts does: the private module is where the go command
  // would have put it after fetching it from version control, never on the proxy.
  const modCache = path.join(dir, 'gomodcache');
  const priv = buildProxyTree([path.join(DEMO_PROXY, 'private')], path.join(dir, 'private'));
  mkdirSync(path.join(modCache, 'cache'), { recursive: true });
  cpSync(priv.root, path.join(modCache, 'cache', 'download'), { recursive: true });
  client = new LspTestClient({
    GOPROXY: server.url,
    GOPRIVATE: 'example.net/acme',
    GOFLAGS: '-mod=mod -modcacherw',
    GOMODCACHE: modCache,
  });
  client.settings = { debounceMs: 0 };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: true });
});
after(async () => {
  await client?.dispose();
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

let version = 1;

/** A fresh copy of examples/demo, as shipped, with its go.mod open. */
async function openDemo(name: string) {
  const folder = path.join(dir, name);
  cpSync(DEMO, folder, { recursive: true });
  const file = path.join(folder, 'go.mod');
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  return { uri, from, text, folder };
}

async function diagnosticsWith(uri: string, from: number, codes: string[]): Promise<any[]> {
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && codes.every((c) => x.params.diagnostics.some((d: any) => d.code === c)), from, 20_000);
  return n.params.diagnostics;
}

/** The server's requests since `from`, once one of them is `method` (polled, with a deadline). */
async function serverRequestsUntil(from: number, method: string, timeoutMs = 10_000): Promise<{ method: string; params: any }[]> {
  const deadline = Date.now() + timeoutMs;
  while (!client.serverRequests.slice(from).some((r) => r.method === method)) {
    if (Date.now() > deadline) throw new Error(`no ${method} within ${timeoutMs} ms; got ${client.serverRequests.slice(from).map((r) => r.method).join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return client.serverRequests.slice(from);
}

function apply(edit: any, files: Record<string, string>): Record<string, string> {
  const out = { ...files };
  for (const change of edit.documentChanges ?? []) {
    if (change.kind) continue;
    const uri = change.textDocument.uri;
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'text', 0, out[uri] ?? ''), change.edits);
  }
  return out;
}

test('on examples/demo as shipped, "Upgrade to v1.0.2" on the retracted line works first time', async () => {
  const { uri, from, text, folder } = await openDemo('upgrade');
  const diags = await diagnosticsWith(uri, from, ['retracted-version', 'version-not-found', 'module-not-found', 'replace-target-missing']);
  const retracted = diags.filter((d) => d.code === 'retracted-version');
  assert.equal(retracted[0].range.start.line, 10, 'the example.com/cache line');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: retracted[0].range, context: { diagnostics: retracted } });
  const upgrade = actions.find((a: any) => a.title === 'Upgrade to v1.0.2');
  assert.ok(upgrade, `offered: ${actions.map((a: any) => a.title).join(', ')}`);

  const requests = client.serverRequests.length;
  const notes = client.notifications.length;
  const outcome = await client.request('workspace/executeCommand', upgrade.command);
  assert.deepEqual(outcome, { ok: true, applied: true }, JSON.stringify(outcome));
  const edits = client.serverRequests.slice(requests).filter((r) => r.method === 'workspace/applyEdit');
  assert.equal(edits.length, 1);
  const sumUri = uri.replace(/go\.mod$/, 'go.sum');
  const sum = readFileSync(path.join(folder, 'go.sum'), 'utf8');
  const result = apply(edits[0].params.edit, { [uri]: text, [sumUri]: sum });
  assert.match(result[uri], /^\texample\.com\/cache v1\.0\.2$/m);
  for (const kept of ['\texample.com/config v1.7.0', '\texample.com/greting v1.0.0', '\texample.com/legacy v1.0.0', 'replace example.com/legacy => ./third_party/legacy']) {
    assert.ok(result[uri].includes(`${kept}\n`), `${kept} is kept as it was`);
  }
  assert.doesNotMatch(result[uri], /stand-in|go-mod-hygiene-/, 'nothing of the temporary copy is left');
  assert.match(result[sumUri], /^example\.com\/cache v1\.0\.2 h1:/m, 'go.sum completed by the go command');
  assert.equal(readFileSync(path.join(folder, 'go.mod'), 'utf8'), text, 'disk untouched');

  const info = client.notifications.slice(notes).find((n) => n.method === 'window/showMessage' && /ran without/.test(n.params.message));
  assert.ok(info, 'the user is told which lines the go command ran without');
  assert.match(info.params.message, /line 15 \(example\.com\/config v1\.7\.0 does not exist\)/);
  assert.match(info.params.message, /line 19 \(example\.com\/greting v1\.0\.0 does not exist\)/);
  assert.match(info.params.message, /line 54 \(example\.com\/legacy is replaced by \.\/third_party\/legacy, which does not exist\)/);
});

test('a fix that cannot get past another line names it, and "Go to line 15" selects it', async () => {
  const { uri, from } = await openDemo('tidy');
  await diagnosticsWith(uri, from, ['version-not-found']);
  const requests = client.serverRequests.length;
  client.messageReply = (p) => p.actions?.find((a) => a.title.startsWith('Go to line'))?.title ?? null;
  try {
    const outcome = await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /^go mod tidy failed because of another line: line 15: example\.com\/config v1\.7\.0 does not exist\./);
    const shown = await serverRequestsUntil(requests, 'window/showDocument');
    const asked = shown.find((r) => r.method === 'window/showMessageRequest');
    const go = shown.find((r) => r.method === 'window/showDocument');
    assert.ok(asked && go);
    assert.equal(asked.params.type, 1, 'an error');
    assert.deepEqual(asked.params.actions.map((a: any) => a.title), ['Go to line 15']);
    assert.equal(go.params.uri, uri);
    assert.equal(go.params.takeFocus, true);
    assert.equal(go.params.selection.start.line, 14);
    assert.equal(go.params.selection.start.character, 1, 'the requirement itself, after the tab');
    assert.equal(client.serverRequests.slice(requests).filter((r) => r.method === 'workspace/applyEdit').length, 0);
  } finally {
    client.messageReply = null;
  }
});
