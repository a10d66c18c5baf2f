// The fixes where one action is obvious, over a real LSP connection with the
// real go command against the loopback test proxy: download the checksums
// go.sum lacks (go mod download on a copy, go.sum edited only), show the
// replacement a deprecation names on pkg.go.dev (never a private path), remove
// a go.work `use` of a missing directory, and correct a rejected toolchain line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CAPABILITIES = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

let dir: string;
let server: ProxyServer;
let client: LspTestClient;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-obvious-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  client = new LspTestClient({ GOPROXY: server.url, GOPRIVATE: 'corp.example' });
  client.settings = { debounceMs: 0 };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: true });
});
after(async () => {
  await client?.dispose();
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Writes the files of a folder to disk and opens one of them (go.mod unless said otherwise). */
async function open(folder: string, files: Record<string, string>, name = 'go.mod') {
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, folder, f)), { recursive: true });
    writeFileSync(path.join(dir, folder, f), content);
  }
  const file = path.join(dir, folder, name);
  const uri = pathToFileURL(file).toString();
  const from = client.notifications.length;
  const v = version++;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: name === 'go.work' ? 'go.work' : 'go.mod', version: v, text: files[name] } });
  return { uri, from, file, version: v };
}

async function diagnosticsWhere(uri: string, from: number, pred: (diags: any[]) => boolean): Promise<any[]> {
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && pred(x.params.diagnostics), from, 15_000);
  return n.params.diagnostics;
}

const withCode = (code: string, count = 1) => (diags: any[]) => diags.filter((d) => d.code === code).length >= count;

/** The quick fixes for these diagnostics (the source actions, such as tidy, are not asked for). */
function codeActions(uri: string, diagnostics: any[]): Promise<any[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
}

const execute = (command: { command: string; arguments?: unknown[] }): Promise<any> => client.request('workspace/executeCommand', command);
const serverRequestsSince = (from: number, method: string) => client.serverRequests.slice(from).filter((r) => r.method === method);

/** What the files hold after the client applies a workspace edit, as VS Code does. */
function applyWorkspaceEdit(edit: any, files: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...files };
  for (const change of edit.documentChanges ?? []) {
    if (change.kind === 'create') {
      if (out[change.uri] === undefined) out[change.uri] = '';
    } else if (!change.kind) {
      out[change.textDocument.uri] = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'text', 0, out[change.textDocument.uri] ?? ''), change.edits);
    }
  }
  return out;
}

test('gosum-missing: "Download the checksums" runs go mod download on a copy and edits go.sum only', async () => {
  const goMod = lines('module example.com/sums', '', 'go 1.22', '', 'require (', '\texample.com/majors v1.0.0', '\texample.com/retract/ranges v1.4.0', ')');
  const { uri, from, file } = await open('sums', { 'go.mod': goMod, 'go.sum': '' });
  const sumUri = pathToFileURL(path.join(path.dirname(file), 'go.sum')).toString();
  const diags = (await diagnosticsWhere(uri, from, withCode('gosum-missing', 2))).filter((d) => d.code === 'gosum-missing');
  const majors = diags.find((d) => d.data?.module === 'example.com/majors');
  const actions = await codeActions(uri, [majors]);
  assert.deepEqual(actions.map((a) => a.title), [
    'Download the checksums of example.com/majors (go mod download)',
    'Download all missing checksums: 2 modules (go mod download)',
  ]);
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].command.arguments, [{ uri, paths: ['example.com/majors'] }]);

  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(actions[0].command), { ok: true, applied: true });
  const edits = serverRequestsSince(requests, 'workspace/applyEdit');
  assert.equal(edits.length, 1, 'one workspace edit');
  const edit = edits[0].params.edit;
  assert.deepEqual(edit.documentChanges.map((c: any) => c.textDocument?.uri), [sumUri], 'go.sum only: go.mod is not touched');
  const sum = applyWorkspaceEdit(edit, { [sumUri]: '' })[sumUri]!;
  assert.match(sum, /^example\.com\/majors v1\.0\.0\/go\.mod h1:\S+=$/m);
  assert.match(sum, /^example\.com\/majors v1\.0\.0 h1:\S+=$/m);
  assert.doesNotMatch(sum, /retract\/ranges/, 'only the module asked for');
  assert.equal(readFileSync(path.join(path.dirname(file), 'go.sum'), 'utf8'), '', 'go.sum on disk unchanged');
  assert.equal(readFileSync(file, 'utf8'), goMod);
  const progress = serverRequestsSince(requests, 'window/workDoneProgress/create');
  assert.equal(progress.length, 1, 'progress while go runs');

  // The editor holds the edited go.sum (unsaved): the finding goes for that module, and stays for the other.
  const opened = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri: sumUri, languageId: 'go.sum', version: version++, text: sum } });
  const afterEdit = await diagnosticsWhere(uri, opened, (ds) => !ds.some((d) => d.code === 'gosum-missing' && d.data?.module === 'example.com/majors'));
  assert.deepEqual(afterEdit.filter((d) => d.code === 'gosum-missing').map((d) => d.data.module), ['example.com/retract/ranges']);

  // "Download all" from the open buffer: its edit goes to the buffer, and keeps the lines already there.
  const rest = await codeActions(uri, afterEdit.filter((d) => d.code === 'gosum-missing'));
  assert.deepEqual(rest.map((a) => a.title), ['Download the checksums of example.com/retract/ranges (go mod download)'], 'no "all" for a single module');
  const again = client.serverRequests.length;
  assert.deepEqual(await execute(rest[0].command), { ok: true, applied: true });
  const [second] = serverRequestsSince(again, 'workspace/applyEdit');
  const both = applyWorkspaceEdit(second.params.edit, { [sumUri]: sum })[sumUri]!;
  assert.match(both, /^example\.com\/majors v1\.0\.0\/go\.mod h1:/m);
  assert.match(both, /^example\.com\/retract\/ranges v1\.4\.0\/go\.mod h1:/m);
  await client.notify('textDocument/didClose', { textDocument: { uri: sumUri } });
});

test('gosum-missing without a go.sum: "Create go.sum" downloads the checksums of every requirement', async () => {
  const goMod = lines('module example.com/nosum', '', 'go 1.22', '', 'require example.com/majors v1.0.0', '', 'require example.com/local v1.0.0', '', 'replace example.com/local => ./local');
  const { uri, from, file } = await open('nosum', { 'go.mod': goMod, 'local/go.mod': 'module example.com/local\n' });
  const sumUri = pathToFileURL(path.join(path.dirname(file), 'go.sum')).toString();
  const diags = (await diagnosticsWhere(uri, from, withCode('gosum-missing'))).filter((d) => d.code === 'gosum-missing');
  const actions = await codeActions(uri, diags);
  assert.deepEqual(actions.filter((a) => a.command?.command === SERVER_COMMANDS.downloadSums).map((a) => a.title), ['Create go.sum: download the checksums of 1 module (go mod download)'], 'the locally replaced module has no checksum');
  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(actions[0].command), { ok: true, applied: true });
  const edit = serverRequestsSince(requests, 'workspace/applyEdit')[0].params.edit;
  assert.deepEqual(edit.documentChanges[0], { kind: 'create', uri: sumUri, options: { ignoreIfExists: true } });
  assert.match(applyWorkspaceEdit(edit, {})[sumUri]!, /^example\.com\/majors v1\.0\.0\/go\.mod h1:/m);
});

test('gosum-missing for a module replaced by another: the download fills in the replacement\'s checksums, and the finding goes', async () => {
  const goMod = lines('module example.com/replacedsum', '', 'go 1.22', '', 'require example.com/majors v1.0.0', '', 'replace example.com/majors => example.com/pseudonewer v1.1.0');
  const { uri, from, file } = await open('replacedsum', { 'go.mod': goMod, 'go.sum': '' });
  const sumUri = pathToFileURL(path.join(path.dirname(file), 'go.sum')).toString();
  const diags = (await diagnosticsWhere(uri, from, withCode('gosum-missing'))).filter((d) => d.code === 'gosum-missing');
  assert.match(diags[0].message, /no checksum for example\.com\/pseudonewer v1\.1\.0 \(which replaces example\.com\/majors v1\.0\.0\)/);
  const [download] = await codeActions(uri, diags);
  assert.equal(download.title, 'Download the checksums of example.com/majors (go mod download)');
  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(download.command), { ok: true, applied: true });
  const sum = applyWorkspaceEdit(serverRequestsSince(requests, 'workspace/applyEdit')[0].params.edit, { [sumUri]: '' })[sumUri]!;
  assert.match(sum, /^example\.com\/pseudonewer v1\.1\.0\/go\.mod h1:/m, 'the go.mod the go command loads');
  assert.doesNotMatch(sum, /example\.com\/majors/);
  const opened = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri: sumUri, languageId: 'go.sum', version: version++, text: sum } });
  await diagnosticsWhere(uri, opened, (ds) => !ds.some((d) => d.code === 'gosum-missing'));
  await client.notify('textDocument/didClose', { textDocument: { uri: sumUri } });
});

test('deprecated-module: the replacement a message names opens on pkg.go.dev; a private one never does', async () => {
  const goMod = lines(
    'module example.com/deps',
    '',
    'go 1.22',
    '',
    'require (',
    '\texample.com/deprecated/moved v1.0.0',
    '\texample.com/deprecated/tostd v1.0.0',
    '\texample.com/deprecated/toprivate v1.0.0',
    '\texample.com/deprecated/a v1.9.0',
    ')',
  );
  const { uri, from } = await open('deps', { 'go.mod': goMod, 'go.sum': '' });
  const diags = (await diagnosticsWhere(uri, from, withCode('deprecated-module', 4))).filter((d) => d.code === 'deprecated-module');
  const titles = async (module: string) => (await codeActions(uri, diags.filter((d) => d.data.module === module))).map((a) => a.title);
  assert.deepEqual(await titles('example.com/deprecated/moved'), ['Open example.com/deprecated/moved/v2 on pkg.go.dev']);
  assert.deepEqual(await titles('example.com/deprecated/tostd'), ['Open log/slog on pkg.go.dev'], 'a standard-library package');
  assert.deepEqual(await titles('example.com/deprecated/toprivate'), [], 'corp.example is in GOPRIVATE: never sent to pkg.go.dev');
  assert.deepEqual(await titles('example.com/deprecated/a'), [], 'the message names no replacement');

  const [openPage] = await codeActions(uri, diags.filter((d) => d.data.module === 'example.com/deprecated/moved'));
  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(openPage.command), { ok: true });
  assert.deepEqual(serverRequestsSince(requests, 'window/showDocument').map((r) => r.params), [{ uri: 'https://pkg.go.dev/example.com/deprecated/moved/v2', external: true }]);

  // The command's arguments come from the client: a private path is refused there too.
  const refused = client.serverRequests.length;
  const outcome = await execute({ command: openPage.command.command, arguments: [{ uri, path: 'corp.example/logging' }] });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /corp\.example\/logging is private here/);
  assert.equal(serverRequestsSince(refused, 'window/showDocument').length, 0);
});

test('go.work: "Remove use" takes out the use of a directory that does not exist', async () => {
  const work = lines('go 1.22', '', 'use (', '\t./present', '\t// an old checkout', '\t./missing', ')');
  const { uri, from } = await open('work', { 'go.work': work, 'present/go.mod': 'module example.com/present\n\ngo 1.22\n' }, 'go.work');
  const diags = (await diagnosticsWhere(uri, from, withCode('use-target-missing'))).filter((d) => d.code === 'use-target-missing');
  assert.equal(diags.length, 1);
  const actions = await codeActions(uri, diags);
  assert.deepEqual(actions.map((a) => a.title), ['Remove use ./missing']);
  assert.equal(actions[0].command, undefined, 'a text edit');
  assert.equal(applyWorkspaceEdit(actions[0].edit, { [uri]: work })[uri], lines('go 1.22', '', 'use (', '\t./present', ')'));
});

test('a toolchain line the go command rejects is corrected by a text edit', async () => {
  const goMod = lines('module example.com/tc', '', 'go 1.21', '', 'toolchain 1.22.1');
  const { uri, from } = await open('toolchain', { 'go.mod': goMod, 'go.sum': '' });
  const diags = (await diagnosticsWhere(uri, from, withCode('syntax'))).filter((d) => d.code === 'syntax');
  assert.match(diags[0].message, /invalid toolchain version '1\.22\.1': must match format go1\.23\.0 or default/);
  const actions = await codeActions(uri, diags);
  assert.deepEqual(actions.map((a) => a.title), ['Change to toolchain go1.22.1']);
  assert.equal(applyWorkspaceEdit(actions[0].edit, { [uri]: goMod })[uri], goMod.replace('toolchain 1.22.1', 'toolchain go1.22.1'));

  const bare = lines('module example.com/tc', '', 'go 1.21', '', 'toolchain 1.22');
  const edited = client.notifications.length;
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: bare }] });
  const bareDiags = (await diagnosticsWhere(uri, edited, (ds) => ds.some((d) => d.code === 'syntax' && /'1\.22'/.test(d.message)))).filter((d) => d.code === 'syntax');
  assert.deepEqual((await codeActions(uri, bareDiags)).map((a) => a.title), ['Change to toolchain go1.22.0'], 'the first release of Go 1.22 is go1.22.0 (go.dev/doc/toolchain#name)');

  // toolchain go1.22 parses, but names a language version: a warning, and the same fix.
  const language = lines('module example.com/tc', '', 'go 1.21', '', 'toolchain go1.22');
  const typed = client.notifications.length;
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: language }] });
  const warned = (await diagnosticsWhere(uri, typed, withCode('toolchain-language-version'))).filter((d) => d.code === 'toolchain-language-version');
  assert.equal(warned[0].severity, 2, 'a warning');
  assert.deepEqual([warned[0].range.start, warned[0].range.end], [{ line: 4, character: 10 }, { line: 4, character: 16 }]);
  const fix = await codeActions(uri, warned);
  assert.deepEqual(fix.map((a) => a.title), ['Change to toolchain go1.22.0']);
  assert.equal(applyWorkspaceEdit(fix[0].edit, { [uri]: language })[uri], language.replace('go1.22', 'go1.22.0'));
});

test('restricted mode: no download (it runs the go command), while the public page is still offered', async () => {
  const restricted = new LspTestClient({ GOPROXY: server.url });
  restricted.settings = { debounceMs: 0 };
  await restricted.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: false });
  try {
    const goMod = lines('module example.com/untrusted', '', 'go 1.22', '', 'require example.com/deprecated/moved v1.0.0');
    mkdirSync(path.join(dir, 'untrusted'), { recursive: true });
    writeFileSync(path.join(dir, 'untrusted', 'go.mod'), goMod);
    writeFileSync(path.join(dir, 'untrusted', 'go.sum'), '');
    const uri = pathToFileURL(path.join(dir, 'untrusted', 'go.mod')).toString();
    const from = restricted.notifications.length;
    await restricted.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text: goMod } });
    const n = await restricted.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && withCode('deprecated-module')(x.params.diagnostics) && withCode('gosum-missing')(x.params.diagnostics), from, 15_000);
    const diags = n.params.diagnostics.filter((d: any) => d.code === 'deprecated-module' || d.code === 'gosum-missing');
    const actions = await restricted.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] } });
    assert.deepEqual(actions.map((a: any) => a.title), ['Open example.com/deprecated/moved/v2 on pkg.go.dev']);
    const requests = restricted.serverRequests.length;
    assert.deepEqual(await restricted.request('workspace/executeCommand', actions[0].command), { ok: true });
    assert.equal(restricted.serverRequests.slice(requests).filter((r) => r.method === 'window/showDocument').length, 1);
    const refused = await restricted.request('workspace/executeCommand', { command: SERVER_COMMANDS.downloadSums, arguments: [{ uri, paths: ['example.com/deprecated/moved'] }] });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /^Restricted mode/);
  } finally {
    await restricted.dispose();
  }
});
