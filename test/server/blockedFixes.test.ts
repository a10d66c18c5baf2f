// One broken line must not block every fix. On a copy of examples/demo, with
// the demo's own module proxy and the real go command over a real stdio LSP
// connection: "Upgrade to v1.0.2" on the retracted line works first time,
// although three other lines cannot be loaded (a version that does not exist,
// a module no proxy knows, a replace by a missing directory); and a fix that
// cannot get past such a line names it and offers to go there.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { REPO_ROOT } from '../support/corpus';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo');
const DEMO_PROXY = path.join(REPO_ROOT, 'examples', 'demo-proxy');
/** The 1-based line of examples/demo/go.mod that starts with this text (after a tab), as messages number them. */
const demoLine = (start: string): number => {
  const n = readFileSync(path.join(DEMO, 'go.mod'), 'utf8').split('\n').findIndex((l) => l.replace(/^\t/, '').startsWith(start));
  assert.ok(n >= 0, `examples/demo/go.mod has a line ${start}`);
  return n + 1;
};
const LEGACY_REPLACE = demoLine('replace example.com/legacy =>');
const BILLING = demoLine('git.corp.example/acme/billing ');

const CAPABILITIES = {
  // As VS Code says: annotated edits that need confirmation go to its refactor preview.
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: { groupsOnLabel: true } } },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

let dir: string;
let server: ProxyServer;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-blocked-'));
  // One more module for the test of a change that itself needs a version that does not exist.
  const extra = path.join(dir, 'extra-modules');
  mkdirSync(extra);
  const chain = (version: string, requires: string) => `-- .mod --\nmodule example.com/chain\n\ngo 1.21\n${requires}-- .info --\n{"Version":"${version}","Time":"2024-01-01T00:00:00Z"}\n-- go.mod --\nmodule example.com/chain\n\ngo 1.21\n${requires}-- chain.go --\npackage chain\n`;
  writeFileSync(path.join(extra, 'example.com_chain_v1.0.0.txt'), chain('v1.0.0', ''));
  writeFileSync(path.join(extra, 'example.com_chain_v1.1.0.txt'), chain('v1.1.0', '\nrequire example.com/config v1.8.0\n'));
  server = await startProxyServer({ root: buildProxyTree([DEMO_PROXY, extra], path.join(dir, 'proxy')).root });
  // The private module is where the go command would have put it after
  // fetching it from the company's git server, never on the proxy.
  const modCache = path.join(dir, 'gomodcache');
  const priv = buildProxyTree([path.join(REPO_ROOT, 'test', 'fixtures', 'private')], path.join(dir, 'private'));
  mkdirSync(path.join(modCache, 'cache'), { recursive: true });
  cpSync(priv.root, path.join(modCache, 'cache', 'download'), { recursive: true });
  client = new LspTestClient({
    GOPROXY: server.url,
    GOPRIVATE: 'git.corp.example',
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
  // go get also drops the requirement on an excluded version and moves a line: VS Code previews those, unticked.
  const annotations = Object.values(edits[0].params.edit.changeAnnotations ?? {}) as { label: string; needsConfirmation?: boolean }[];
  assert.deepEqual(annotations.filter((a) => !a.needsConfirmation).map((a) => a.label), ['go.sum: 3 checksums added', 'Upgrade example.com/cache v1.0.1 → v1.0.2']);
  assert.ok(annotations.some((a) => a.needsConfirmation && a.label === 'Remove requirement example.com/metrics v1.1.0 (an excluded version)'));
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
  assert.match(info.params.message, new RegExp(`line ${LEGACY_REPLACE} \\(example\\.com/legacy is replaced by \\./third_party/legacy, which does not exist\\)`));
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

function codeActionsFor(uri: string, diagnostics: any[]): Promise<any[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
}

async function change(uri: string, text: string): Promise<number> {
  const from = client.notifications.length;
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
  return from;
}

test('fixes that need no graph are text edits: the nearest published version, and "did you mean" for a typo', async () => {
  const { uri, from, text } = await openDemo('textfixes');
  const diags = await diagnosticsWith(uri, from, ['version-not-found', 'module-not-found']);

  const missing = diags.filter((d) => d.code === 'version-not-found');
  const nearest = (await codeActionsFor(uri, missing)).find((a) => a.title === 'Set version to v1.6.0, the nearest published version (text only)');
  assert.ok(nearest, 'offered for example.com/config v1.7.0');
  assert.equal(nearest.command, undefined, 'a plain text edit');
  const fixed = apply(nearest.edit, { [uri]: text })[uri];
  assert.equal(fixed, text.replace('\texample.com/config v1.7.0\n', '\texample.com/config v1.6.0\n'));
  // Its words travel with the edit; a change of what the title says needs no confirmation.
  assert.deepEqual(Object.values(nearest.edit.changeAnnotations), [{ label: nearest.title, description: 'A text edit: the go command is not run.', needsConfirmation: false }]);

  const typo = diags.filter((d) => d.code === 'module-not-found');
  assert.equal(typo[0].range.start.line, 18);
  const typoActions = await codeActionsFor(uri, typo);
  const titles = typoActions.map((a) => a.title);
  assert.ok(!titles.some((t) => /GOPRIVATE/.test(t)), `GOPRIVATE is set in the environment here, so go env -w would be refused: ${titles.join(', ')}`);
  const mean = typoActions.find((a) => a.title === 'Did you mean example.com/greeting? It is required on line 17: remove this line');
  assert.ok(mean, titles.join(', '));
  assert.equal(apply(mean.edit, { [uri]: text })[uri], text.replace('\t// module-not-found: a typo of example.com/greeting that no proxy knows.\n\texample.com/greting v1.0.0\n', ''));
  assert.deepEqual(Object.values(mean.edit.changeAnnotations).map((a: any) => [a.label, a.needsConfirmation]),
    [[`${mean.title}: // module-not-found: a typo of example.com/greeting that no proxy knows. / example.com/greting v1.0.0`, true]], 'a removal is confirmed first');

  // The text edit leaves go.sum alone: the new version then asks for its checksums.
  const typed = await change(uri, fixed);
  // go.sum is completed by the gosum-missing fix, once the graph loads.
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && x.params.diagnostics.some((d: any) => d.code === 'gosum-missing' && d.range.start.line === 14), typed, 20_000);
  const after: any[] = n.params.diagnostics;
  assert.ok(!after.some((d) => d.code === 'version-not-found'));
});

test('"did you mean" changes the path when the known module is not required here, and its version when that one does not exist', async () => {
  // The demo's go.mod is open (the test above), so the proxy's answer for example.com/greeting is known.
  const folder = path.join(dir, 'typo');
  mkdirSync(folder, { recursive: true });
  const text = 'module example.com/typo\n\ngo 1.22\n\nrequire (\n\texample.com/greting v1.3.0\n\texample.com/strutl v1.0.0\n)\n';
  writeFileSync(path.join(folder, 'go.mod'), text);
  writeFileSync(path.join(folder, 'go.sum'), 'example.com/greeting v1.3.0/go.mod h1:x=\nexample.com/strutil v1.4.1/go.mod h1:y=\n');
  const uri = pathToFileURL(path.join(folder, 'go.mod')).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  const both = (ds: any[]) => [5, 6].every((line) => ds.some((d) => d.code === 'module-not-found' && d.range.start.line === line));
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && both(x.params.diagnostics), from, 20_000);
  const at = (line: number) => n.params.diagnostics.filter((d: any) => d.code === 'module-not-found' && d.range.start.line === line);
  const greeting = (await codeActionsFor(uri, at(5))).find((a) => a.title === 'Did you mean example.com/greeting? Change the path');
  assert.ok(greeting);
  assert.equal(apply(greeting.edit, { [uri]: text })[uri], text.replace('example.com/greting v1.3.0', 'example.com/greeting v1.3.0'));
  const strutil = (await codeActionsFor(uri, at(6))).find((a) => a.title.startsWith('Did you mean example.com/strutil?'));
  assert.ok(strutil);
  assert.equal(strutil.title, 'Did you mean example.com/strutil? Change the path and the version to v1.4.1', 'strutil has no v1.0.0: the lowest above');
  assert.equal(apply(strutil.edit, { [uri]: text })[uri], text.replace('example.com/strutl v1.0.0', 'example.com/strutil v1.4.1'));
});

test('a fix that cannot get past a line offers the version change as a labelled text-only edit', async () => {
  const { uri, from, text } = await openDemo('textonly');
  await diagnosticsWith(uri, from, ['retracted-version']);
  // An exact-version replace by a missing directory: no stand-in can take its place.
  const buffer = text.replace('replace example.com/legacy => ./third_party/legacy', 'replace example.com/legacy v1.0.0 => ./third_party/legacy');
  await change(uri, buffer);
  const textOnly = 'Set v1.0.2 (text only)';
  client.messageReply = (p) => (p.actions?.some((a) => a.title === textOnly) ? textOnly : null);
  const requests = client.serverRequests.length;
  try {
    const outcome = await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/cache', version: 'v1.0.2' }] }] });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, new RegExp(`^go get example\\.com/cache@v1\\.0\\.2 failed because of another line: line ${LEGACY_REPLACE}: example\\.com/legacy is replaced by \\./third_party/legacy, which does not exist\\.`));
    assert.match(outcome.message, /It already ran without line 15 \(example\.com\/config v1\.7\.0 does not exist\) and line 19 \(example\.com\/greting v1\.0\.0 does not exist\)\./);
    const seen = await serverRequestsUntil(requests, 'workspace/applyEdit');
    assert.deepEqual(seen.find((r) => r.method === 'window/showMessageRequest')?.params.actions.map((a: any) => a.title), [`Go to line ${LEGACY_REPLACE}`, textOnly]);
    const applied = seen.find((r) => r.method === 'workspace/applyEdit')!;
    assert.equal(applied.params.label, 'Set version to v1.0.2 (text only; go.sum is completed when the module graph loads)');
    assert.equal(apply(applied.params.edit, { [uri]: buffer })[uri], buffer.replace('\texample.com/cache v1.0.1\n', '\texample.com/cache v1.0.2\n'));
    assert.equal(applied.params.edit.documentChanges.length, 1, 'go.mod only: go.sum is left to the go command');

    // The editor applied it. go mod download gets past the blocking line (it runs without it, as a fix
    // does), so go.sum is completed once the edited text has settled: go.sum only, and the user is told.
    const edited = apply(applied.params.edit, { [uri]: buffer })[uri];
    const afterEdit = client.serverRequests.length;
    const notes = client.notifications.length;
    await change(uri, edited);
    const completed = (await serverRequestsUntil(afterEdit, 'workspace/applyEdit', 30_000)).find((r) => r.method === 'workspace/applyEdit')!;
    const sumUri = uri.replace(/go\.mod$/, 'go.sum');
    assert.deepEqual(completed.params.edit.documentChanges.map((c: any) => c.textDocument?.uri ?? c.uri), [sumUri], 'go.sum only');
    const sum = apply(completed.params.edit, { [sumUri]: readFileSync(path.join(path.dirname(fileURLToPath(uri)), 'go.sum'), 'utf8') })[sumUri];
    assert.match(sum, /^example\.com\/cache v1\.0\.2 h1:/m);
    assert.match(sum, /^example\.com\/cache v1\.0\.2\/go\.mod h1:/m);
    const told = await client.waitFor((n) => n.method === 'window/showMessage' && /go\.sum now has the checksums of example\.com\/cache/.test(n.params.message), notes, 10_000);
    assert.match(told.params.message, /text-only version change/);
  } finally {
    client.messageReply = null;
  }
});

test('the text-only code action tells the server that go.sum is owed, and a later check completes it', async () => {
  const { uri, from, text, folder } = await openDemo('textonly-action');
  await diagnosticsWith(uri, from, ['retracted-version']);
  const broken = `${text}\nrequire example.com/other v1.x\n`;
  const typed = await change(uri, broken);
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && x.params.diagnostics.some((d: any) => d.code === 'syntax') && x.params.diagnostics.some((d: any) => d.code === 'retracted-version'), typed, 20_000);
  const cacheLine = n.params.diagnostics.filter((d: any) => d.range.start.line === 10);
  const textOnly = (await codeActionsFor(uri, cacheLine)).find((a) => a.title.startsWith('Set version to v1.0.2 (text only'))!;
  assert.deepEqual(textOnly.command?.arguments, [{ uri, modules: [{ path: 'example.com/cache', version: 'v1.0.2' }] }]);
  // As an editor does it: the edit first, then the command.
  const edited = apply(textOnly.edit, { [uri]: broken })[uri];
  await change(uri, edited);
  const requests = client.serverRequests.length;
  assert.deepEqual(await client.request('workspace/executeCommand', textOnly.command), { ok: true, applied: false });
  // The syntax error keeps the go command away: past the settling time, nothing ran and nothing was applied.
  await new Promise((r) => setTimeout(r, 2000));
  assert.deepEqual(client.serverRequests.slice(requests).map((r) => r.method).filter((m) => m === 'workspace/applyEdit'), [], 'nothing while go.mod does not parse');
  // Once it is gone, go.sum gets the checksums.
  await change(uri, edited.replace('\nrequire example.com/other v1.x\n', '\n'));
  const completed = (await serverRequestsUntil(requests, 'workspace/applyEdit', 30_000)).find((r) => r.method === 'workspace/applyEdit')!;
  const sumUri = uri.replace(/go\.mod$/, 'go.sum');
  const sum = apply(completed.params.edit, { [sumUri]: readFileSync(path.join(folder, 'go.sum'), 'utf8') })[sumUri];
  assert.match(sum, /^example\.com\/cache v1\.0\.2\/go\.mod h1:/m);
});

test('a module no proxy knows gets GOPRIVATE for its own path, never its whole host, and the command is accepted', async () => {
  const goenv = path.join(dir, 'goenv', 'env');
  const c = new LspTestClient({ GOPROXY: server.url, GOENV: goenv, GOFLAGS: '-mod=mod -modcacherw', GOMODCACHE: path.join(dir, 'gomodcache') });
  // go env -w runs with a user config directory: no telemetry counters there, which a go process
  // still running at the end would be writing while the client's home is removed.
  mkdirSync(path.join(c.home, 'config', 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(c.home, 'config', 'go', 'telemetry', 'mode'), 'off 2024-01-01\n');
  c.settings = { debounceMs: 0 };
  await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: true });
  try {
    const folder = path.join(dir, 'goprivate');
    mkdirSync(folder, { recursive: true });
    const text = 'module example.com/goprivate\n\ngo 1.22\n\nrequire (\n\texample.com/cache v1.0.2\n\texample.com/internal-tool v1.0.0\n)\n';
    writeFileSync(path.join(folder, 'go.mod'), text);
    const uri = pathToFileURL(path.join(folder, 'go.mod')).toString();
    const from = c.notifications.length;
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
    const n = await c.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && x.params.diagnostics.some((d: any) => d.code === 'module-not-found'), from, 20_000);
    const typo = n.params.diagnostics.filter((d: any) => d.code === 'module-not-found');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: typo[0].range, context: { diagnostics: typo } });
    const titles = actions.map((a: any) => a.title);
    assert.ok(!titles.includes('Add example.com to GOPRIVATE'), 'example.com/cache is served by the proxy: example.com would stop it from being checked');
    const add = actions.find((a: any) => a.title === 'Add example.com/internal-tool to GOPRIVATE');
    assert.ok(add, titles.join(', '));
    c.messageReply = 'Add';
    const refreshed = c.notifications.length;
    assert.deepEqual(await c.request('workspace/executeCommand', add.command), { ok: true, applied: true }, 'accepted, not refused');
    assert.match(readFileSync(goenv, 'utf8'), /^GOPRIVATE=example\.com\/internal-tool$/m);
    // Checked again with the new setting: private now, and example.com/cache still checked against the proxy.
    await c.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && !x.params.diagnostics.some((d: any) => d.code === 'module-not-found') && x.params.diagnostics.some((d: any) => d.code === 'gosum-missing'), refreshed, 20_000);
  } finally {
    await c.dispose();
  }
});

test('while the go command rejects go.mod, a version change is offered as a labelled text-only edit', async () => {
  const { uri, from, text } = await openDemo('rejected');
  await diagnosticsWith(uri, from, ['retracted-version']);
  const broken = `${text}\nrequire example.com/other v1.x\n`;
  const typed = await change(uri, broken);
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && x.params.diagnostics.some((d: any) => d.code === 'syntax') && x.params.diagnostics.some((d: any) => d.code === 'retracted-version'), typed, 20_000);
  // Both findings of the cache line (retracted, and its update): one fix for both.
  const cacheLine = n.params.diagnostics.filter((d: any) => d.range.start.line === 10);
  assert.deepEqual(cacheLine.map((d: any) => d.code).sort(), ['retracted-version', 'update-available']);
  const actions = await codeActionsFor(uri, cacheLine);
  assert.ok(!actions.some((a) => a.command && !a.edit), `no go-running fix on a file the go command rejects: ${actions.map((a) => a.title).join(', ')}`);
  const textOnly = actions.find((a) => a.title === 'Set version to v1.0.2 (text only; go.sum is completed when the module graph loads)');
  assert.ok(textOnly, actions.map((a) => a.title).join(', '));
  assert.equal(actions.filter((a) => a.title === textOnly.title).length, 1);
  assert.equal(textOnly.diagnostics.length, 2);
  assert.equal(apply(textOnly.edit, { [uri]: broken })[uri], broken.replace('\texample.com/cache v1.0.1\n', '\texample.com/cache v1.0.2\n'));
});

test('a private module that cannot be reached (VPN down) does not block an upgrade either', async () => {
  // No module cache with the private module in it: the go command would have to fetch it from its server.
  const c = new LspTestClient({ GOPROXY: server.url, GOPRIVATE: 'git.corp.example', GOFLAGS: '-mod=mod -modcacherw', GOMODCACHE: path.join(dir, 'gomodcache-empty') });
  c.settings = { debounceMs: 0 };
  await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: true });
  try {
    const folder = path.join(dir, 'vpn');
    cpSync(DEMO, folder, { recursive: true });
    const text = readFileSync(path.join(folder, 'go.mod'), 'utf8');
    const uri = pathToFileURL(path.join(folder, 'go.mod')).toString();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
    const requests = c.serverRequests.length;
    const notes = c.notifications.length;
    const outcome = await c.request('workspace/executeCommand', { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/cache', version: 'v1.0.2' }] }] });
    assert.deepEqual(outcome, { ok: true, applied: true }, JSON.stringify(outcome));
    const edit = c.serverRequests.slice(requests).find((r) => r.method === 'workspace/applyEdit')!;
    const result = apply(edit.params.edit, { [uri]: text })[uri];
    assert.equal(result.includes('\texample.com/cache v1.0.2\n') && result.includes('\tgit.corp.example/acme/billing v1.3.0\n'), true);
    const info = c.notifications.slice(notes).find((n) => n.method === 'window/showMessage' && /ran without/.test(n.params.message));
    assert.match(info?.params.message ?? '', new RegExp(`line ${BILLING} \\(git\\.corp\\.example/acme/billing v1\\.3\\.0 cannot be reached \\(network, VPN or credentials\\)\\)`));
  } finally {
    await c.dispose();
  }
});

test('a change that itself needs a version that does not exist is not hidden by a stand-in', async () => {
  const folder = path.join(dir, 'chain');
  mkdirSync(folder, { recursive: true });
  // The module's own line is fine (v1.6.0); the new example.com/chain needs example.com/config v1.8.0, never published.
  const text = 'module example.com/chainuser\n\ngo 1.22\n\nrequire (\n\texample.com/chain v1.0.0\n\texample.com/config v1.6.0\n)\n';
  writeFileSync(path.join(folder, 'go.mod'), text);
  const uri = pathToFileURL(path.join(folder, 'go.mod')).toString();
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  const requests = client.serverRequests.length;
  const outcome = await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/chain', version: 'v1.1.0' }] }] });
  assert.equal(outcome.ok, false, JSON.stringify(outcome));
  assert.doesNotMatch(outcome.message, /because of another line/);
  assert.match(outcome.message, /^go get example\.com\/chain@v1\.1\.0 failed: .*example\.com\/config/);
  assert.equal(client.serverRequests.slice(requests).filter((r) => r.method === 'workspace/applyEdit').length, 0, 'no go.mod that requires example.com/config v1.8.0');
});

test('on examples/demo, the go-running fix of the line that does not exist works first time too', async () => {
  const { uri, from, text } = await openDemo('downgrade');
  const missing = (await diagnosticsWith(uri, from, ['version-not-found'])).filter((d) => d.code === 'version-not-found');
  const fix = (await codeActionsFor(uri, missing)).find((a: any) => a.title === 'Downgrade to v1.6.0');
  assert.ok(fix);
  const requests = client.serverRequests.length;
  assert.deepEqual(await client.request('workspace/executeCommand', fix.command), { ok: true, applied: true });
  const edit = client.serverRequests.slice(requests).find((r) => r.method === 'workspace/applyEdit')!;
  const result = apply(edit.params.edit, { [uri]: text })[uri];
  assert.ok(result.includes('\texample.com/config v1.6.0\n'));
  assert.ok(result.includes('\texample.com/greting v1.0.0\n'), 'the typo is left for its own fix');
});
