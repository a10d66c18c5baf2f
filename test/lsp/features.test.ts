// The language-server features in process, through a fake editor connection
// (test/support/fakeEditor.ts): diagnostics, inlay hints, hover with publish
// times, completion, symbols, links, formatting, explain, code actions, and
// the session owners behind them (settings, Go contexts per folder, facts
// pruning). The proxy is the real loopback test proxy; test/server/ proves
// the same over a real stdio connection.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../shared/protocol';
import { FakeEditor } from '../support/fakeEditor';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

let dir: string;
let proxy: ProxyServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-lsp-features-'));
  proxy = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root });
});
after(async () => {
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const lines = (...l: string[]) => l.join('\n') + '\n';
const GO_MOD = lines('module example.com/m', '', 'go 1.21', '', 'require (', '\texample.com/retract/ranges v1.2.0', '\texample.com/majors v1.0.0', ')', '', 'replace example.com/gone => ./gone');

/** A go.mod on disk in its own folder, and an editor on it with the loopback proxy. */
function editorOn(name: string, text = GO_MOD, opts: ConstructorParameters<typeof FakeEditor>[0] = {}) {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'go.mod'), text);
  writeFileSync(path.join(folder, 'go.sum'), '');
  const editor = new FakeEditor({ env: { GOPROXY: proxy.url }, rootPath: folder, ...opts });
  editor.initialize();
  return { editor, folder, uri: pathToFileURL(path.join(folder, 'go.mod')).toString() };
}

const codes = (d: { code?: unknown }[]) => d.map((x) => x.code);

test('initialize lists every server command and code action kind', () => {
  const { editor } = editorOn('init');
  const caps = editor.initializeResult.capabilities;
  assert.deepEqual(caps.executeCommandProvider?.commands, Object.values(SERVER_COMMANDS));
  assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, Object.values(CODE_ACTION_KINDS));
  assert.ok(caps.inlayHintProvider && caps.hoverProvider && caps.completionProvider && caps.documentLinkProvider);
  editor.dispose();
});

test('diagnostics: local findings first, then the facts from the proxy, with inlay hints', async () => {
  const { editor, uri } = editorOn('diagnostics');
  editor.open(uri, GO_MOD);
  const local = await editor.diagnosticsWhere(uri, (d) => d.length > 0);
  assert.ok(codes(local).includes('replace-unused'), JSON.stringify(codes(local)));
  // The updates first, from the lists and latest go.mod files alone; the newer
  // majors (probes of modules that mostly do not exist) and the .info of each
  // update (its publish time) a moment later.
  const updates = await editor.diagnosticsWhere(uri, (d) => codes(d).includes('retracted-version'));
  const lines = (ds: typeof updates, code: string) => ds.filter((x) => x.code === code).map((x) => x.range.start.line);
  const published = (ds: typeof updates) => ds.filter((x) => x.code === 'update-available').map((x) => /\(published [\d-]+\)/.test(String(x.message)));
  assert.deepEqual(lines(updates, 'update-available'), [5, 6]);
  assert.deepEqual(lines(updates, 'major-available'), []);
  assert.deepEqual(published(updates), [false, false]);
  const all = await editor.diagnosticsWhere(uri, (d) => codes(d).includes('major-available'));
  assert.deepEqual(published(all), [true, true]);
  const byLine = (code: string) => lines(all, code);
  assert.deepEqual(byLine('retracted-version'), [5]);
  assert.deepEqual(byLine('update-available'), [5, 6]);
  assert.deepEqual(byLine('major-available'), [6]);
  assert.deepEqual(byLine('replace-unused'), [9]);
  assert.equal(editor.statuses.at(-1)?.state, 'done');
  assert.equal(editor.statuses.at(-1)?.updates, 2);
  const hints = editor.server.inlayHints({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
  assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[5, '⚠ retracted'], [5, '→ v1.4.0 (minor)'], [6, '→ v1.1.0 (minor)'], [6, '⇡ v3.0.0 (major: /v3)']]);
  assert.ok(editor.inlayHintRefreshes > 0, 'the editor is asked to refresh hints when facts arrive');
  editor.dispose();
});

test('hover: what is known, with the publish times the first hover asks for', async () => {
  const { editor, uri } = editorOn('hover');
  const doc = editor.open(uri, GO_MOD);
  await editor.diagnosticsWhere(uri, (d) => codes(d).includes('retracted-version'));
  const at = { textDocument: { uri }, position: doc.positionAt(GO_MOD.indexOf('retract/ranges') + 2) };
  const first = (await editor.server.hover(at))!;
  const text = (h: typeof first) => (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
  assert.match(text(first), /Update: \*\*v1\.4\.0\*\* \(published 2021-05-01\)/);
  assert.match(text(first), /Retracted\*\* by its author/);
  // The time of the version in use comes from its .info, asked (and briefly waited for) by the first hover.
  assert.match(text(first), /v1\.2\.0 \(published 2021-03-01\)/);
  editor.dispose();
});

test('completion offers the versions of a requirement, newest first, retracted ones marked', async () => {
  const { editor, uri } = editorOn('completion');
  editor.open(uri, GO_MOD);
  await editor.diagnosticsWhere(uri, (d) => codes(d).includes('retracted-version'));
  const doc = editor.change(uri, GO_MOD.replace('ranges v1.2.0', 'ranges v1.'));
  const list = editor.server.completion({ textDocument: { uri }, position: doc.positionAt(doc.getText().indexOf('ranges v1.') + 'ranges v1.'.length) })!;
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('v1.4.0') && labels.includes('v1.2.0'), labels.join(' '));
  assert.match(String(list.items.find((i) => i.label === 'v1.2.0')?.detail), /^retracted/);
  editor.dispose();
});

test('symbols, links and formatting answer from the text alone', () => {
  const { editor, uri, folder } = editorOn('text', lines('module example.com/t', 'go 1.21', 'require example.com/majors v1.0.0', 'replace example.com/local => ./local'));
  mkdirSync(path.join(folder, 'local'), { recursive: true });
  writeFileSync(path.join(folder, 'local', 'go.mod'), 'module example.com/local\n');
  editor.open(uri, lines('module example.com/t', 'go 1.21', 'require example.com/majors v1.0.0', 'replace example.com/local => ./local'));
  const symbols = editor.server.documentSymbols({ textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['example.com/t', 'go 1.21', 'example.com/majors', 'example.com/local => ./local']);
  const links = editor.server.documentLinks({ textDocument: { uri } });
  assert.ok(links.some((l) => l.target === pathToFileURL(path.join(folder, 'local', 'go.mod')).toString()), 'the local replacement links to its go.mod');
  const edits = editor.server.format({ textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } })!;
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, lines('module example.com/t', '', 'go 1.21', '', 'require example.com/majors v1.0.0', '', 'replace example.com/local => ./local'));
  editor.dispose();
});

test('settings: a severity set to off hides its code; a configuration change applies at once', async () => {
  const { editor, uri } = editorOn('settings');
  editor.settings = { debounceMs: 0, diagnostics: { 'replace-unused': 'off', 'retracted-version': 'error' } };
  editor.open(uri, GO_MOD);
  const d = await editor.diagnosticsWhere(uri, (x) => codes(x).includes('retracted-version'));
  assert.ok(!codes(d).includes('replace-unused'));
  assert.equal(d.find((x) => x.code === 'retracted-version')?.severity, 1);
  editor.settings = { debounceMs: 0 };
  editor.server.configurationChanged();
  await editor.diagnosticsWhere(uri, (x) => codes(x).includes('replace-unused') && x.find((y) => y.code === 'retracted-version')?.severity === 2);
  editor.dispose();
});

test('explain names where each Go setting comes from: goModHygiene.env is reported as such', async () => {
  const { editor, uri } = editorOn('explain');
  editor.settings = { debounceMs: 0, env: { GOPRIVATE: 'corp.example' } };
  editor.open(uri, GO_MOD);
  const { markdown } = await editor.server.explainConfiguration({ uri });
  assert.match(markdown, new RegExp(`GOPROXY = \`${proxy.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\` \\(from environment\\)`));
  assert.match(markdown, /GOPRIVATE = `corp\.example` \(from goModHygiene\.env or go\.toolsEnvVars\)/);
  editor.dispose();
});

test('code actions: a replace that does nothing is removed by a text edit, without the go command', async () => {
  const { editor, uri } = editorOn('actions');
  editor.open(uri, GO_MOD);
  const d = await editor.diagnosticsWhere(uri, (x) => codes(x).includes('replace-unused'));
  const unused = d.filter((x) => x.code === 'replace-unused');
  const actions = editor.server.codeActions({ textDocument: { uri }, range: unused[0].range, context: { diagnostics: unused } });
  const remove = actions.find((a) => a.title === 'Remove replace');
  assert.ok(remove?.edit, actions.map((a) => a.title).join(', '));
  assert.ok(!actions.some((a) => a.command), 'an untrusted workspace is offered no go-running fix');
  editor.dispose();
});

test('Go contexts are per workspace folder; facts no open document needs are pruned once stale', async () => {
  const a = path.join(dir, 'folder-a');
  const b = path.join(dir, 'folder-b');
  for (const f of [a, b]) {
    mkdirSync(f, { recursive: true });
    writeFileSync(path.join(f, 'go.mod'), GO_MOD);
  }
  const editor = new FakeEditor({ env: { GOPROXY: proxy.url }, workspaceFolders: [a, b] });
  editor.initialize();
  const s = editor.server.session;
  assert.equal(s.contexts.folderOf(path.join(a, 'sub', 'go.mod')), a);
  assert.equal(s.contexts.folderOf(path.join(b, 'go.mod')), b);
  // cacheMinutes 0: every record is stale at once, so only those in use survive.
  editor.settings = { debounceMs: 0, cacheMinutes: 0 };
  const uriA = pathToFileURL(path.join(a, 'go.mod')).toString();
  const uriB = pathToFileURL(path.join(b, 'go.mod')).toString();
  editor.open(uriA, GO_MOD);
  await editor.diagnosticsWhere(uriA, (x) => codes(x).includes('retracted-version'));
  const contextA = s.runningContext(uriA, s.settings.known(uriA));
  assert.ok(contextA);
  editor.open(uriB, GO_MOD.replace('majors v1.0.0', 'majors v1.1.0'));
  await editor.until('the check of B', () => (editor.statuses.some((r) => r.uri === uriB && r.state === 'done') ? true : undefined));
  const contextB = s.runningContext(uriB, s.settings.known(uriB));
  assert.ok(contextB && contextB !== contextA, 'each folder has its own Go context');
  assert.equal(s.facts.size, 3, 'A and B share the record of example.com/retract/ranges v1.2.0');
  editor.close(uriA);
  const checks = editor.statuses.length;
  editor.change(uriB, GO_MOD.replace('majors v1.0.0', 'majors v1.1.0') + '\n');
  await editor.until('the check of B after A closed', () => (editor.statuses.slice(checks).some((r) => r.uri === uriB && r.state === 'done') ? true : undefined));
  assert.equal(s.facts.size, 2, 'only the records of the open go.mod remain');
  editor.dispose();
});
