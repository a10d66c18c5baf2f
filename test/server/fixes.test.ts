// Fixes over a real LSP connection, with the real go command against the
// loopback test proxy: quick fixes and their titles, text-only removals, and
// the go-running fixes (go get, go mod tidy, go env -w GOPRIVATE), which must
// work on the editor's buffer through -modfile, come back as one workspace
// edit, and never write the files on disk.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { findGo } from '../support/goOracle';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CAPABILITIES = {
  workspace: {
    configuration: true,
    applyEdit: true,
    // As VS Code says: it shows annotated edits that need confirmation in its refactor preview.
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
};

let dir: string;
let server: ProxyServer;
let client: LspTestClient;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-fixes-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  client = await startClient({ GOPROXY: server.url });
});
after(async () => {
  await client?.dispose();
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function startClient(env: Record<string, string>, initializationOptions: unknown = { trusted: true }, capabilities: Record<string, unknown> = CAPABILITIES): Promise<LspTestClient> {
  const c = new LspTestClient(env);
  c.settings = { debounceMs: 0 };
  await c.initialize(pathToFileURL(dir).toString(), capabilities, initializationOptions);
  return c;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Writes go.mod (and go.sum, and any other files) to disk and opens go.mod. */
async function open(c: LspTestClient, name: string, text: string, files: Record<string, string> = { 'go.sum': '' }) {
  const file = path.join(dir, name, 'go.mod');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, name, f), content);
  const uri = pathToFileURL(file).toString();
  const from = c.notifications.length;
  const v = version++;
  await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: v, text } });
  return { uri, from, file, version: v };
}

/** Types into the buffer without saving. */
async function change(c: LspTestClient, uri: string, text: string) {
  const from = c.notifications.length;
  const v = version++;
  await c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  return { from, version: v };
}

async function diagnosticsWhere(c: LspTestClient, uri: string, from: number, pred: (diags: any[]) => boolean): Promise<any[]> {
  const n = await c.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && pred(x.params.diagnostics), from, 15_000);
  return n.params.diagnostics;
}

const withCodes = (codes: string[]) => (diags: any[]) => codes.every((code) => diags.some((d) => d.code === code));

function codeActions(c: LspTestClient, uri: string, diagnostics: any[], only?: string[]): Promise<any[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

function execute(c: LspTestClient, command: { command: string; arguments?: unknown[] }): Promise<any> {
  return c.request('workspace/executeCommand', { command: command.command, arguments: command.arguments });
}

const applyEditsSince = (c: LspTestClient, from: number) => c.serverRequests.slice(from).filter((r) => r.method === 'workspace/applyEdit');

/** What the files hold after the client applies a workspace edit, in order, as VS Code does. */
function applyWorkspaceEdit(edit: any, files: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...files };
  const apply = (uri: string, edits: any[]) => {
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'text', 0, out[uri] ?? ''), edits);
  };
  if (edit.changes) for (const [uri, edits] of Object.entries(edit.changes)) apply(uri, edits as any[]);
  for (const change of edit.documentChanges ?? []) {
    if (change.kind === 'create') {
      if (change.options?.overwrite || out[change.uri] === undefined) out[change.uri] = '';
    } else if (!change.kind) {
      apply(change.textDocument.uri, change.edits);
    }
  }
  return out;
}

const sumUri = (goModUri: string) => goModUri.replace(/go\.mod$/, 'go.sum');

test('quick fixes: upgrade titles name the exact version; remove replace and exclude are text edits', async () => {
  const text = lines(
    'module example.com/actions',
    '',
    'go 1.22',
    '',
    'require (',
    '\texample.com/majors v1.0.0',
    '\texample.com/retract/ranges v1.2.0',
    ')',
    '',
    'replace (',
    '\texample.com/unused => example.com/other v1.0.0',
    '\texample.com/majors => example.com/majors v1.1.0',
    ')',
    '',
    '// Not wanted.',
    'exclude example.com/excludeme v1.0.0',
    '',
    'require example.com/deprecated/a v1.9.0',
  );
  const { uri, from, version: v } = await open(client, 'actions', text);
  const diags = await diagnosticsWhere(client, uri, from, withCodes(['update-available', 'retracted-version', 'replace-unused', 'exclude-unused']));
  const at = (code: string, line: number) => diags.find((d) => d.code === code && d.range.start.line === line);

  const majors = await codeActions(client, uri, [at('update-available', 5)]);
  assert.deepEqual(majors.filter((a) => a.kind === 'quickfix').map((a) => a.title), ['Upgrade to v1.1.0']);
  assert.equal(majors[0].command.command, SERVER_COMMANDS.upgrade);
  assert.deepEqual(majors[0].command.arguments, [{ uri, version: v, modules: [{ path: 'example.com/majors', version: 'v1.1.0' }] }]);

  const retracted = await codeActions(client, uri, [at('update-available', 6), at('retracted-version', 6)]);
  assert.deepEqual(retracted.filter((a) => a.kind === 'quickfix').map((a) => a.title), ['Upgrade to v1.4.0'], 'one fix for both diagnostics');
  const upgrade = retracted[0];
  assert.equal(upgrade.diagnostics.length, 2);
  assert.equal(upgrade.isPreferred, true);
  assert.deepEqual(upgrade.command.arguments[0].modules, [{ path: 'example.com/retract/ranges', version: 'v1.4.0' }]);

  const replace = (await codeActions(client, uri, [at('replace-unused', 10)])).find((a) => a.title === 'Remove replace');
  assert.ok(replace);
  assert.equal(replace.command, undefined, 'a pure text edit, no command');
  assert.deepEqual(replace.edit.documentChanges[0].textDocument, { uri, version: v });
  assert.equal(applyWorkspaceEdit(replace.edit, { [uri]: text })[uri], text.replace('\texample.com/unused => example.com/other v1.0.0\n', ''));

  const exclude = (await codeActions(client, uri, [at('exclude-unused', 15)])).find((a) => a.title === 'Remove exclude');
  assert.ok(exclude);
  assert.equal(applyWorkspaceEdit(exclude.edit, { [uri]: text })[uri], text.replace('// Not wanted.\nexclude example.com/excludeme v1.0.0\n\n', ''));
  // Text fixes say what they change too, every removed line named; a removal needs confirmation (VS Code's refactor preview).
  const annotationsOf = (a: any) => Object.values(a.edit.changeAnnotations ?? {});
  assert.deepEqual(annotationsOf(replace), [{ label: 'Remove replace: example.com/unused => example.com/other v1.0.0', description: 'A text edit: the go command is not run. Removes these lines from the file.', needsConfirmation: true }]);
  assert.deepEqual(annotationsOf(exclude).map((a: any) => [a.label, a.needsConfirmation]), [['Remove exclude: // Not wanted. / exclude example.com/excludeme v1.0.0', true]]);
  assert.ok(exclude.edit.documentChanges[0].edits.every((e: any) => e.annotationId in exclude.edit.changeAnnotations), 'every edit carries the annotation');

  const source = await codeActions(client, uri, [], ['source']);
  assert.deepEqual(source.map((a) => [a.kind, a.title]), [
    ['source.upgradeAll.goModHygiene', 'Upgrade all direct requirements (minor/patch)'],
    ['source.tidy.goModHygiene', 'Run go mod tidy'],
  ]);
});

test('upgrade runs go get on the unsaved buffer and sends one workspace edit; disk is untouched', async () => {
  const onDisk = lines('module example.com/unsaved', '', 'go 1.22', '', 'require example.com/retract/ranges v1.2.0');
  const { uri, file } = await open(client, 'unsaved', onDisk);
  const buffer = lines(
    '// Edited in the editor, not saved yet.',
    'module example.com/unsaved',
    '',
    'go 1.22',
    '',
    'require example.com/retract/ranges v1.2.0',
    '',
    'require example.com/deprecated/b v1.0.0',
  );
  const edited = await change(client, uri, buffer);
  const diags = await diagnosticsWhere(client, uri, edited.from, (ds) => ds.some((d) => d.code === 'retracted-version' && d.range.start.line === 5));
  const actions = await codeActions(client, uri, diags.filter((d) => d.code === 'retracted-version'));
  const upgrade = actions.find((a) => a.title === 'Upgrade to v1.4.0');
  assert.ok(upgrade);

  const requests = client.serverRequests.length;
  const progress: any[] = [];
  const listening = client.connection.onUnhandledProgress((p) => progress.push(p));
  const outcome = await execute(client, upgrade.command).finally(() => listening.dispose());
  assert.deepEqual(outcome, { ok: true, applied: true });
  const edits = applyEditsSince(client, requests);
  assert.equal(edits.length, 1, 'one workspace edit');
  const edit = edits[0].params.edit;
  const modChange = edit.documentChanges.find((d: any) => d.textDocument?.uri === uri);
  assert.equal(modChange.textDocument.version, edited.version, 'pinned to the buffer it started from');
  assert.ok(!edit.documentChanges.some((d: any) => d.kind === 'create'), 'an existing go.sum is edited, never created again (which empties it on disk)');
  const result = applyWorkspaceEdit(edit, { [uri]: buffer, [sumUri(uri)]: '' });
  const goMod = result[uri]!;
  assert.match(goMod, /example\.com\/retract\/ranges v1\.4\.0/);
  assert.match(goMod, /^\/\/ Edited in the editor, not saved yet\.$/m, 'unsaved edits are kept');
  assert.match(goMod, /example\.com\/deprecated\/b v1\.0\.0/, 'unsaved requirement is kept');
  assert.ok(modChange.edits.every((e: any) => e.range.start.line > 0), 'untouched lines are not rewritten');
  assert.ok(edit.documentChanges.every((d: any) => d.edits.every((e: any) => edit.changeAnnotations[e.annotationId])), 'every edit says what it is');
  const annotations = Object.values(edit.changeAnnotations).map((a: any) => [a.label.replace(/\d+ checksums/, 'N checksums'), a.needsConfirmation]);
  assert.deepEqual(annotations, [
    ['go.sum: N checksums added', false],
    ['Upgrade example.com/retract/ranges v1.2.0 → v1.4.0', false],
  ], 'only what the title says: applied without a preview');
  assert.match(result[sumUri(uri)]!, /^example\.com\/retract\/ranges v1\.4\.0\/go\.mod h1:/m);
  assert.match(result[sumUri(uri)]!, /^example\.com\/deprecated\/b v1\.0\.0\/go\.mod h1:/m);

  assert.equal(readFileSync(file, 'utf8'), onDisk, 'go.mod on disk unchanged');
  assert.equal(readFileSync(path.join(path.dirname(file), 'go.sum'), 'utf8'), '', 'go.sum on disk unchanged');
  assert.ok(client.serverRequests.slice(requests).some((r) => r.method === 'window/workDoneProgress/create'));
  assert.deepEqual(progress.map((p) => p.value.kind).filter((k) => k !== 'report'), ['begin', 'end'], 'progress while go runs');
  assert.match(progress[0].value.title, /go get \(1 module\)/);
  assert.equal(progress[0].value.cancellable, true);
});

test('upgrade all: direct requirements within their major; indirect ones and major updates stay; a lens on the require block', async () => {
  const text = lines(
    'module example.com/all',
    '',
    'go 1.22',
    '',
    'require (',
    '\texample.com/majors v1.0.0',
    '\texample.com/retract/ranges v1.2.0',
    '\trsc.io/breaker v1.0.0',
    ')',
    '',
    'require example.com/pseudonewer v1.0.0 // indirect',
  );
  const { uri, from } = await open(client, 'all', text);
  const diags = await diagnosticsWhere(client, uri, from, (ds) => [5, 6, 7, 10].every((l) => ds.some((d) => d.code === 'update-available' && d.range.start.line === l)));
  assert.equal(diags.find((d) => d.code === 'update-available' && d.range.start.line === 7).data.suggestedVersion, 'v2.0.0+incompatible', 'a major update');
  await client.waitFor(() => client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'), 0);

  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1, 'only the block with direct requirements');
  assert.equal(lenses[0].range.start.line, 4);
  assert.equal(lenses[0].command.title, 'Upgrade all direct requirements (minor/patch): 2 updates');
  assert.equal(lenses[0].command.command, SERVER_COMMANDS.upgradeAll);

  const requests = client.serverRequests.length;
  client.messageReply = (p) => (p.message.startsWith('Upgrade 2 direct requirements?') ? 'Upgrade' : null);
  assert.deepEqual(await execute(client, lenses[0].command).finally(() => (client.messageReply = null)), { ok: true, applied: true });
  const edits = applyEditsSince(client, requests);
  assert.equal(edits.length, 1);
  const goMod = applyWorkspaceEdit(edits[0].params.edit, { [uri]: text })[uri]!;
  assert.match(goMod, /^\texample\.com\/majors v1\.1\.0$/m);
  assert.match(goMod, /^\texample\.com\/retract\/ranges v1\.4\.0$/m);
  assert.match(goMod, /^\trsc\.io\/breaker v1\.0\.0$/m, 'no move to another major version');
  assert.match(goMod, /^require example\.com\/pseudonewer v1\.0\.0 \/\/ indirect$/m, 'indirect requirement unchanged');
});

/** go.mod where `go get example.com/majors@v1.1.0` does more: it drops the excluded requirement and moves the indirect one to a block of its own. */
const SURPRISING = lines(
  'module example.com/surprise',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/majors v1.0.0',
  '\texample.com/excludeme v1.0.0',
  '\texample.com/pseudonewer v1.0.0 // indirect',
  '\texample.com/retract/ranges v1.2.0',
  ')',
  '',
  'exclude example.com/excludeme v1.0.0',
);
const UPGRADE_MAJORS = (uri: string) => ({ command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/majors', version: 'v1.1.0' }] }] });

test('an upgrade that also removes and moves lines: every line annotated, and what the title does not say needs confirmation', async () => {
  const { uri } = await open(client, 'surprise', SURPRISING);
  const requests = client.serverRequests.length;
  const notes = client.notifications.length;
  assert.deepEqual(await execute(client, UPGRADE_MAJORS(uri)), { ok: true, applied: true });
  const [apply] = applyEditsSince(client, requests);
  const edit = apply.params.edit;
  const modChange = edit.documentChanges.find((d: any) => d.textDocument?.uri === uri);
  const labelOf = (e: any) => edit.changeAnnotations[e.annotationId]?.label;
  assert.ok(modChange.edits.every(labelOf), 'every go.mod edit says what it is part of');
  assert.ok(modChange.edits.every((e: any) => e.range.end.line - e.range.start.line <= 1), 'one line per edit');
  const annotations = Object.fromEntries(Object.values(edit.changeAnnotations).map((a: any) => [a.label.replace(/\d+ checksums/, 'N checksums'), a.needsConfirmation]));
  assert.deepEqual(annotations, {
    'go.sum: N checksums added': false,
    'Upgrade example.com/majors v1.0.0 → v1.1.0': false,
    'Remove requirement example.com/excludeme v1.0.0 (an excluded version)': true,
    'Move example.com/pseudonewer v1.0.0 // indirect to another require block': true,
  });
  assert.match(edit.changeAnnotations[modChange.edits.find((e: any) => /Remove/.test(labelOf(e))).annotationId].description, /Beyond what the fix asks for.*Removes it from go\.mod/);
  const goMod = applyWorkspaceEdit(edit, { [uri]: SURPRISING, [sumUri(uri)]: '' })[uri]!;
  assert.doesNotMatch(goMod, /^\texample\.com\/excludeme/m);
  assert.match(goMod, /^require example\.com\/pseudonewer v1\.0\.0 \/\/ indirect$/m);
  const summary = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 3, notes);
  assert.equal(summary.params.message, 'Upgraded 1, removed 1 requirement on an excluded version, moved 1 requirement to another require block (go get example.com/majors@v1.1.0).');
});

test('discarding the refactor preview is an answer, not a failure: nothing changes and no warning is shown', async () => {
  const { uri } = await open(client, 'surprise-discard', SURPRISING);
  const notes = client.notifications.length;
  client.applyEditResult = { applied: false };
  try {
    const outcome = await execute(client, UPGRADE_MAJORS(uri));
    assert.deepEqual([outcome.ok, outcome.applied], [false, false]);
    assert.match(outcome.message, /^The result of go get example\.com\/majors@v1\.1\.0 was not applied: go\.mod and go\.sum are unchanged\.$/);
  } finally {
    client.applyEditResult = { applied: true };
  }
  assert.deepEqual(client.notifications.slice(notes).filter((n) => n.method === 'window/showMessage').map((n) => n.params.message), []);
});

test('the summary says what the user kept: changes left unticked in the preview are not reported as done', async () => {
  const { uri } = await open(client, 'surprise-partial', SURPRISING);
  const notes = client.notifications.length;
  // As VS Code's refactor preview does when the user just presses Apply: edits that need confirmation start unticked.
  client.applyEditResult = async (params: any) => {
    const notes = params.edit.changeAnnotations;
    const kept = params.edit.documentChanges.map((d: any) => (d.edits ? { ...d, edits: d.edits.filter((e: any) => !notes[e.annotationId]?.needsConfirmation) } : d));
    const text = applyWorkspaceEdit({ documentChanges: kept }, { [uri]: SURPRISING })[uri]!;
    await change(client, uri, text);
    return { applied: true };
  };
  try {
    assert.deepEqual(await execute(client, UPGRADE_MAJORS(uri)), { ok: true, applied: true });
  } finally {
    client.applyEditResult = { applied: true };
  }
  const summary = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 3, notes);
  assert.equal(summary.params.message, 'Upgraded 1 (go get example.com/majors@v1.1.0).');
});

test('a client without change annotations is asked before anything beyond the title is applied', async () => {
  const workspace = { ...CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } };
  const c = await startClient({ GOPROXY: server.url }, { trusted: true }, { ...CAPABILITIES, workspace });
  try {
    const { uri } = await open(c, 'surprise-plain', SURPRISING);
    c.messageReply = 'Cancel';
    const requests = c.serverRequests.length;
    const declined = await execute(c, UPGRADE_MAJORS(uri));
    assert.deepEqual([declined.ok, declined.applied], [false, false]);
    const question = c.serverRequests.slice(requests).find((r) => r.method === 'window/showMessageRequest');
    assert.equal(question?.params.message, 'go get example.com/majors@v1.1.0 would also change more than the fix says: Remove requirement example.com/excludeme v1.0.0 (an excluded version), Move example.com/pseudonewer v1.0.0 // indirect to another require block. Apply?');
    assert.deepEqual(question.params.actions.map((a: any) => a.title), ['Apply', 'Cancel']);
    assert.equal(applyEditsSince(c, requests).length, 0, 'declined: nothing applied');

    c.messageReply = 'Apply';
    const again = c.serverRequests.length;
    assert.deepEqual(await execute(c, UPGRADE_MAJORS(uri)), { ok: true, applied: true });
    const [apply] = applyEditsSince(c, again);
    assert.equal(apply.params.edit.changeAnnotations, undefined, 'no annotations the client would ignore');
    assert.doesNotMatch(applyWorkspaceEdit(apply.params.edit, { [uri]: SURPRISING, [sumUri(uri)]: '' })[uri]!, /^\texample\.com\/excludeme/m);
  } finally {
    await c.dispose();
  }
});

test('upgrade all lists its upgrades (minor, patch) first, skips a module replaced by a local directory, and sums up', async () => {
  const text = lines(
    'module example.com/listed',
    '',
    'go 1.22',
    '',
    'require (',
    '\texample.com/deprecated/b v1.0.0',
    '\texample.com/majors v1.0.0',
    '\texample.com/retract/ranges v1.2.0',
    '\texample.com/undeprecated v1.0.0',
    ')',
    '',
    'require example.com/excludeme v1.0.0 // indirect',
    '',
    'exclude example.com/excludeme v1.0.0',
    '',
    'replace example.com/deprecated/b => ./b-fork',
  );
  const { uri } = await open(client, 'listed', text, { 'go.sum': '' });
  mkdirSync(path.join(dir, 'listed', 'b-fork'), { recursive: true });
  writeFileSync(path.join(dir, 'listed', 'b-fork', 'go.mod'), 'module example.com/deprecated/b\n\ngo 1.17\n');
  // The facts arrive in the background: poll the lens until its count settles on the three upgrades.
  const deadline = Date.now() + 15_000;
  let lenses: any[] = [];
  while (Date.now() < deadline) {
    lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    if (lenses[0]?.command.title.endsWith('3 updates')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(lenses[0]?.command.title, 'Upgrade all direct requirements (minor/patch): 3 updates', 'the locally replaced module is not counted');

  const requests = client.serverRequests.length;
  const notes = client.notifications.length;
  client.messageReply = 'Cancel';
  const declined = await execute(client, lenses[0].command);
  assert.deepEqual([declined.ok, declined.applied], [false, false]);
  const question = client.serverRequests.slice(requests).find((r) => r.method === 'window/showMessageRequest');
  assert.equal(question?.params.message, 'Upgrade 3 direct requirements? Minor (2): example.com/majors v1.0.0 → v1.1.0, example.com/retract/ranges v1.2.0 → v1.4.0. Patch (1): example.com/undeprecated v1.0.0 → v1.0.1. Left alone, replaced by a local directory: example.com/deprecated/b.');
  assert.deepEqual(question.params.actions.map((a: any) => a.title), ['Upgrade', 'Cancel']);
  assert.equal(applyEditsSince(client, requests).length, 0, 'nothing runs before the answer');

  client.messageReply = (p) => (p.message.startsWith('Upgrade 3 direct requirements?') ? 'Upgrade' : null);
  try {
    assert.deepEqual(await execute(client, lenses[0].command), { ok: true, applied: true });
  } finally {
    client.messageReply = null;
  }
  const [apply] = applyEditsSince(client, requests);
  const goMod = applyWorkspaceEdit(apply.params.edit, { [uri]: text, [sumUri(uri)]: '' })[uri]!;
  assert.match(goMod, /^\texample\.com\/deprecated\/b v1\.0\.0$/m, 'the locally replaced module is left alone');
  assert.match(goMod, /^\texample\.com\/undeprecated v1\.0\.1$/m);
  const annotations = Object.values(apply.params.edit.changeAnnotations).map((a: any) => [a.label, a.needsConfirmation]);
  assert.deepEqual(annotations.filter(([, confirm]) => confirm), [['Remove requirement example.com/excludeme v1.0.0 (an excluded version)', true]]);
  const summary = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 3, notes);
  assert.equal(summary.params.message, 'Upgraded 3, removed 1 requirement on an excluded version (Upgrade all).');
});

test('go mod tidy that would empty the require block (no Go files) says how many it removes and asks', async () => {
  const text = lines('module example.com/nogofiles', '', 'go 1.22', '', 'require (', '\texample.com/majors v1.0.0', '\texample.com/retract/ranges v1.4.0', ')');
  const { uri } = await open(client, 'nogofiles', text);
  const requests = client.serverRequests.length;
  client.messageReply = 'Cancel';
  const declined = await execute(client, { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] });
  assert.deepEqual([declined.ok, declined.applied], [false, false]);
  const question = client.serverRequests.slice(requests).find((r) => r.method === 'window/showMessageRequest');
  assert.equal(question?.params.message, 'go mod tidy would remove 2 requirements: example.com/majors v1.0.0, example.com/retract/ranges v1.4.0. Apply?');
  assert.deepEqual(question.params.actions.map((a: any) => a.title), ['Apply', 'Cancel']);
  assert.equal(applyEditsSince(client, requests).length, 0);

  client.messageReply = 'Apply';
  const notes = client.notifications.length;
  try {
    assert.deepEqual(await execute(client, { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] }), { ok: true, applied: true });
  } finally {
    client.messageReply = null;
  }
  const [apply] = applyEditsSince(client, requests);
  assert.doesNotMatch(applyWorkspaceEdit(apply.params.edit, { [uri]: text })[uri]!, /require/);
  assert.ok(Object.values(apply.params.edit.changeAnnotations).every((a: any) => !a.needsConfirmation), 'asked once: no preview after the yes');
  const summary = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 3, notes);
  assert.equal(summary.params.message, 'Removed 2 requirements (go mod tidy).');
});

test('a failing go command explains itself and changes nothing', async () => {
  const text = lines('module example.com/fail', '', 'go 1.22', '', 'require example.com/retract/ranges v1.2.0');
  const { uri, file } = await open(client, 'fail', text);
  const requests = client.serverRequests.length;
  const notes = client.notifications.length;
  const outcome = await execute(client, { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/retract/ranges', version: 'v1.9.9' }] }] });
  assert.equal(outcome.ok, false);
  const shown = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 1, notes);
  assert.match(shown.params.message, /^go get example\.com\/retract\/ranges@v1\.9\.9 failed: example\.com\/retract\/ranges@v1\.9\.9 does not exist/);
  assert.match(shown.params.message, /unknown revision v1\.9\.9/, "the go command's own words");
  assert.equal(applyEditsSince(client, requests).length, 0);
  assert.equal(readFileSync(file, 'utf8'), text);
});

test('a version that does not exist is replaced: the copy names the new version before go get runs', async () => {
  const text = lines('module example.com/missing', '', 'go 1.22', '', 'require example.com/majors v1.0.5');
  const { uri, from } = await open(client, 'missing', text);
  const diags = await diagnosticsWhere(client, uri, from, withCodes(['version-not-found']));
  const action = (await codeActions(client, uri, diags.filter((d) => d.code === 'version-not-found'))).find((a) => a.title === 'Upgrade to v1.1.0');
  assert.ok(action);
  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(client, action.command), { ok: true, applied: true });
  const result = applyWorkspaceEdit(applyEditsSince(client, requests)[0].params.edit, { [uri]: text, [sumUri(uri)]: '' });
  assert.equal(result[uri], text.replace('v1.0.5', 'v1.1.0'));
  assert.match(result[sumUri(uri)]!, /^example\.com\/majors v1\.1\.0\/go\.mod h1:/m);
});

test('a version above every release is fixed by going down to the latest, and the fix says "Downgrade"', async () => {
  const text = lines('module example.com/above', '', 'go 1.22', '', 'require example.com/majors v1.9.9');
  const { uri, from } = await open(client, 'above', text);
  const diags = await diagnosticsWhere(client, uri, from, withCodes(['version-not-found']));
  const actions = await codeActions(client, uri, diags.filter((d) => d.code === 'version-not-found'));
  assert.deepEqual(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title), ['Downgrade to v1.1.0', 'Set version to v1.1.0, the nearest published version (text only)']);
  assert.equal(actions[0].command.title, 'Downgrade example.com/majors to v1.1.0');
  const requests = client.serverRequests.length;
  assert.deepEqual(await execute(client, actions[0].command), { ok: true, applied: true });
  const result = applyWorkspaceEdit(applyEditsSince(client, requests)[0].params.edit, { [uri]: text, [sumUri(uri)]: '' });
  assert.equal(result[uri], text.replace('v1.9.9', 'v1.1.0'));
});

test('go mod tidy through -modfile drops an unused requirement, as an edit only', async () => {
  const text = lines('module example.com/tidy', '', 'go 1.22', '', 'require (', '\texample.com/majors v1.0.0', '\texample.com/retract/ranges v1.4.0', ')');
  const main = lines('package main', '', 'import _ "example.com/retract/ranges"', '', 'func main() {}');
  const { uri, file } = await open(client, 'tidy', text, { 'go.sum': '', 'main.go': main });
  const requests = client.serverRequests.length;
  client.messageReply = (p) => (p.message === 'go mod tidy would remove 1 requirement: example.com/majors v1.0.0. Apply?' ? 'Apply' : null);
  assert.deepEqual(await execute(client, { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] }).finally(() => (client.messageReply = null)), { ok: true, applied: true });
  const edits = applyEditsSince(client, requests);
  assert.equal(edits.length, 1);
  const result = applyWorkspaceEdit(edits[0].params.edit, { [uri]: text, [sumUri(uri)]: '' });
  assert.doesNotMatch(result[uri]!, /example\.com\/majors/);
  assert.match(result[uri]!, /example\.com\/retract\/ranges v1\.4\.0/);
  assert.match(result[sumUri(uri)]!, /^example\.com\/retract\/ranges v1\.4\.0 h1:/m, 'the zip hash of a module whose package is built');
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.equal(readFileSync(path.join(path.dirname(file), 'go.sum'), 'utf8'), '');
});

test('not-tidy: go mod tidy -diff runs in the background on open and save, and its quick fix runs go mod tidy', async () => {
  const text = lines('module example.com/nottidy', '', 'go 1.22', '', 'require (', '\texample.com/majors v1.0.0', '\texample.com/retract/ranges v1.4.0', ')');
  const main = lines('package main', '', 'import _ "example.com/retract/ranges"', '', 'func main() {}');
  const { uri, from, file } = await open(client, 'nottidy', text, { 'go.sum': '', 'main.go': main });
  const diags = await diagnosticsWhere(client, uri, from, withCodes(['not-tidy']));
  const notTidy = diags.filter((d) => d.code === 'not-tidy');
  assert.deepEqual(notTidy.map((d) => [d.range.start.line, d.data?.module]), [[5, 'example.com/majors']], 'only the requirement no package needs');
  assert.match(notTidy[0].message, /No package of this module needs example\.com\/majors: run go mod tidy to remove this requirement/);
  assert.equal(notTidy[0].severity, 2, 'a warning by default');
  assert.ok(!diags.some((d) => d.code === 'not-tidy' && d.range.start.line === 6), 'the requirement main.go imports is tidy');
  const actions = await codeActions(client, uri, notTidy);
  const fix = actions.find((a) => a.title === 'Run go mod tidy' && a.kind === 'quickfix');
  assert.ok(fix, `a quick fix for not-tidy (got ${actions.map((a) => a.title).join(', ')})`);
  const requests = client.serverRequests.length;
  client.messageReply = (p) => (/^go mod tidy would remove 1 requirement: example\.com\/majors v1\.0\.0\./.test(p.message) ? 'Apply' : null);
  assert.deepEqual(await execute(client, fix.command).finally(() => (client.messageReply = null)), { ok: true, applied: true });
  const [edit] = applyEditsSince(client, requests);
  const result = applyWorkspaceEdit(edit.params.edit, { [uri]: text, [sumUri(uri)]: '' });
  assert.doesNotMatch(result[uri]!, /example\.com\/majors/);
  assert.equal(readFileSync(file, 'utf8'), text, 'go.mod on disk is untouched until the user saves');
  // The user saves the fixed buffer: tidy is asked again and the finding goes away.
  writeFileSync(file, result[uri]!);
  writeFileSync(path.join(path.dirname(file), 'go.sum'), result[sumUri(uri)]!);
  const saved = await change(client, uri, result[uri]!);
  await client.notify('textDocument/didSave', { textDocument: { uri } });
  await diagnosticsWhere(client, uri, saved.from, (d) => !d.some((x) => x.code === 'not-tidy') && !d.some((x) => x.code === 'gosum-missing'));
});

test('not-tidy is never asked in restricted mode: the go command does not run there', async () => {
  const restricted = await startClient({ GOPROXY: server.url }, { trusted: false });
  try {
    const text = lines('module example.com/nottidyrestricted', '', 'go 1.22', '', 'require example.com/majors v1.0.0');
    const { uri, from } = await open(restricted, 'nottidyrestricted', text, { 'go.sum': '', 'main.go': lines('package main', '', 'func main() {}') });
    // The facts of the requirement arrive (update-available), and still no not-tidy: tidy was never run.
    const diags = await diagnosticsWhere(restricted, uri, from, withCodes(['update-available']));
    assert.ok(!diags.some((d) => d.code === 'not-tidy'), JSON.stringify(diags.map((d) => d.code)));
  } finally {
    await restricted.dispose();
  }
});

test('gosum-missing reads the open go.sum buffer: checksums a fix wrote there count before go.sum is saved', async () => {
  const text = lines('module example.com/opensum', '', 'go 1.22', '', 'require example.com/majors v1.0.0');
  const { uri, from, file } = await open(client, 'opensum', text, { 'go.sum': '' });
  await diagnosticsWhere(client, uri, from, withCodes(['gosum-missing']));
  const sumUri = pathToFileURL(path.join(path.dirname(file), 'go.sum')).toString();
  const opened = client.notifications.length;
  const sum = 'example.com/majors v1.0.0 h1:abc=\nexample.com/majors v1.0.0/go.mod h1:def=\n';
  await client.notify('textDocument/didOpen', { textDocument: { uri: sumUri, languageId: 'go.sum', version: version++, text: sum } });
  await diagnosticsWhere(client, uri, opened, (d) => !d.some((x) => x.code === 'gosum-missing'));
  assert.equal(readFileSync(path.join(path.dirname(file), 'go.sum'), 'utf8'), '', 'the file on disk is still empty');
  assert.ok(!client.notifications.slice(opened).some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === sumUri), 'nothing is reported on go.sum itself');
  // Closing the buffer unsaved: the file on disk counts again.
  const closed = client.notifications.length;
  await client.notify('textDocument/didClose', { textDocument: { uri: sumUri } });
  await diagnosticsWhere(client, uri, closed, withCodes(['gosum-missing']));
  const hover = await client.request('textDocument/hover', { textDocument: { uri: sumUri }, position: { line: 0, character: 3 } });
  assert.equal(hover, null, 'no feature answers for go.sum');
});

test('a buffer edited while go runs gets no stale edit: the user is asked to retry', async () => {
  const text = lines('module example.com/race', '', 'go 1.22', '', 'require example.com/undeprecated v1.0.0');
  const { uri } = await open(client, 'race', text);
  server.setLatency(250); // the go command now waits on the proxy
  try {
    const requests = client.serverRequests.length;
    client.messageReply = (p) => (/changed while/.test(p.message) ? 'Cancel' : null);
    const running = execute(client, { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, modules: [{ path: 'example.com/undeprecated', version: 'v1.0.1' }] }] });
    await new Promise((r) => setTimeout(r, 50));
    await change(client, uri, text + '// typing\n');
    const outcome = await running;
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /changed while go get example\.com\/undeprecated@v1\.0\.1 ran/);
    const asked = client.serverRequests.slice(requests).filter((r) => r.method === 'window/showMessageRequest');
    assert.deepEqual(asked.map((r) => r.params.actions.map((a: any) => a.title)), [['Retry', 'Cancel']]);
    assert.equal(applyEditsSince(client, requests).length, 0);
  } finally {
    server.setLatency(0);
    client.messageReply = null;
  }
});

test('restricted mode: no go-running fixes are offered, and running one explains why', async () => {
  const restricted = await startClient({ GOPROXY: server.url }, { trusted: false });
  try {
    const text = lines('module example.com/restricted', '', 'go 1.22', '', 'require example.com/majors v1.0.0', '', 'exclude example.com/excludeme v1.0.0');
    const { uri, from } = await open(restricted, 'restricted', text);
    const diags = await diagnosticsWhere(restricted, uri, from, withCodes(['update-available', 'exclude-unused']));
    const actions = await codeActions(restricted, uri, diags);
    assert.deepEqual(actions.map((a) => a.title), ['Remove exclude']);
    assert.deepEqual(await restricted.request('textDocument/codeLens', { textDocument: { uri } }), []);
    const notes = restricted.notifications.length;
    const outcome = await execute(restricted, { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] });
    assert.equal(outcome.ok, false);
    const shown = await restricted.waitFor((n) => n.method === 'window/showMessage', notes);
    assert.match(shown.params.message, /^Restricted mode: the go command is never run in an untrusted workspace/);
  } finally {
    await restricted.dispose();
  }
});

test('Add to GOPRIVATE asks first; only "Add" runs go env -w, into the go env file', async () => {
  const goenv = path.join(dir, 'goenv', 'env');
  const c = await startClient({ GOPROXY: server.url, GOENV: goenv });
  try {
    const text = lines('module example.com/private', '', 'go 1.22', '', 'require github.com/acme/secret/v2 v2.0.0');
    const { uri, from } = await open(c, 'private', text);
    const diags = await diagnosticsWhere(c, uri, from, withCodes(['module-not-found']));
    const action = (await codeActions(c, uri, diags.filter((d) => d.code === 'module-not-found'))).find((a) => a.title === 'Add github.com/acme to GOPRIVATE');
    assert.ok(action);
    assert.deepEqual(action.command.arguments, [{ uri, pattern: 'github.com/acme' }]);

    c.messageReply = 'Cancel';
    const asked = c.serverRequests.length;
    assert.equal((await execute(c, action.command)).ok, false);
    const question = c.serverRequests.slice(asked).find((r) => r.method === 'window/showMessageRequest');
    assert.equal(question?.params.message, 'Add github.com/acme to GOPRIVATE? This runs go env -w GOPRIVATE=github.com/acme and changes your Go environment for every project.');
    assert.deepEqual(question.params.actions.map((a: any) => a.title), ['Add', 'Cancel']);
    assert.equal(existsSync(goenv), false, 'declined: nothing ran');

    c.messageReply = 'Add';
    const notes = c.notifications.length;
    const heard = server.requests.length;
    assert.deepEqual(await execute(c, action.command), { ok: true, applied: true });
    assert.match(readFileSync(goenv, 'utf8'), /^GOPRIVATE=github\.com\/acme$/m);
    // The refresh checks again with the new setting: the module is private now, never sent to the proxy but to
    // version control, which this test's GOVCS (*:off) forbids: the finding says so, and how to allow it.
    await c.waitFor((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done', notes, 15_000);
    const after = [...c.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)!.params.diagnostics;
    assert.deepEqual(after.filter((d: any) => d.code === 'module-not-found'), []);
    assert.match(after.find((d: any) => d.code === 'lookup-failed')?.message ?? '', /GOVCS forbids the version control system that github\.com\/acme\/secret\/v2 uses/);
    assert.deepEqual(server.requests.slice(heard).filter((q) => q.path.includes('acme')), [], 'the private path never reached the proxy again');
  } finally {
    await c.dispose();
  }
});

test('trust fails closed: anything but initializationOptions.trusted === true never runs the go binary', async () => {
  const real = findGo();
  assert.ok(real, 'the go command is needed for this test');
  // A go binary that records each run, as a cloned repository's own "go" would.
  const record = path.join(dir, 'go-runs.log');
  const fakeGo = path.join(dir, 'recording-go');
  writeFileSync(fakeGo, `#!/bin/sh\necho "$@" >> '${record}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const text = lines('module example.com/trustcheck', '', 'go 1.22', '', 'require example.com/majors v1.0.0');
  const runsWith = async (options: unknown): Promise<string> => {
    rmSync(record, { force: true });
    const c = new LspTestClient({ GOPROXY: server.url });
    c.settings = { debounceMs: 0, goBinary: fakeGo };
    await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES, options);
    try {
      const { uri, from } = await open(c, `trust-${JSON.stringify(options ?? 'none').replace(/\W/g, '_')}`, text);
      await diagnosticsWhere(c, uri, from, withCodes(['update-available']));
      await execute(c, { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] });
      return existsSync(record) ? readFileSync(record, 'utf8') : '';
    } finally {
      await c.dispose();
    }
  };
  for (const options of [{ trusted: 'false' }, { trusted: 'true' }, { trusted: 1 }, { trusted: null }, { trusted: {} }, {}, undefined, { trusted: false }]) {
    assert.equal(await runsWith(options), '', `initializationOptions ${JSON.stringify(options)} must not run the go binary`);
  }
  assert.match(await runsWith({ trusted: true }), /mod tidy|env/, 'a trusted workspace runs the configured go binary');
});

test('a go.mod the go command rejects gets no go-running fixes, and running one names the error', async () => {
  const good = lines('module example.com/broken', '', 'go 1.22', '', 'require example.com/majors v1.0.0');
  const c = await startClient({ GOPROXY: server.url });
  try {
    const { uri, from } = await open(c, 'broken', good);
    const diags = await diagnosticsWhere(c, uri, from, withCodes(['update-available']));
    assert.ok((await codeActions(c, uri, diags)).some((a) => a.title.startsWith('Upgrade to')), 'offered while the file is valid');
    const broken = good + 'require example.com/other v1.x\n';
    const edited = await change(c, uri, broken);
    const brokenDiags = await diagnosticsWhere(c, uri, edited.from, withCodes(['syntax', 'update-available']));
    const actions = await codeActions(c, uri, brokenDiags);
    // A text-only edit may carry a command (go.sum is completed later, once the file loads); none runs go now.
    assert.deepEqual(actions.filter((a) => a.command && !a.edit).map((a) => a.title), [], 'no go-running action on a file go rejects');
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri } }), []);
    const outcome = await execute(c, { command: SERVER_COMMANDS.upgrade, arguments: [{ uri, version: edited.version, modules: [{ path: 'example.com/majors', version: 'v1.0.1' }] }] });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /cannot run on this go\.mod until its error is fixed: go\.mod:6:/);
  } finally {
    await c.dispose();
  }
});

test('a go.sum the fix creates counts at once: no missing-checksum flash while the editor creates the file and opens its buffer', async () => {
  // No go.sum yet. VS Code applies the edit in steps: it creates the empty file on
  // disk (the watcher reports it), changes go.mod, and reports the new go.sum
  // buffer a moment later. Every check in between must see the go.sum being applied.
  const text = lines('module example.com/m', '', 'go 1.21', '', 'require example.com/majors v1.0.0');
  const { uri, from, file } = await open(client, 'createdsum', text, {});
  await diagnosticsWhere(client, uri, from, withCodes(['gosum-missing']));
  const goSum = path.join(path.dirname(file), 'go.sum');
  const sumUri = pathToFileURL(goSum).toString();
  let during = 0;
  client.applyEditResult = async (params: any) => {
    const files = applyWorkspaceEdit(params.edit, { [uri]: text });
    writeFileSync(goSum, '');
    during = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: sumUri, type: 1 }] });
    await change(client, uri, files[uri]!);
    // The checks of the watcher event and of the go.mod change run before the buffer is reported.
    await diagnosticsWhere(client, uri, during, () => true);
    await new Promise((r) => setTimeout(r, 300));
    await client.notify('textDocument/didOpen', { textDocument: { uri: sumUri, languageId: 'go.sum', version: version++, text: files[sumUri] } });
    return { applied: true };
  };
  try {
    assert.deepEqual(await execute(client, UPGRADE_MAJORS(uri)), { ok: true, applied: true });
  } finally {
    client.applyEditResult = { applied: true };
  }
  await new Promise((r) => setTimeout(r, 300));
  const published = client.notifications.slice(during).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
  assert.ok(published.length > 0, 'go.mod was checked while the edit was applied');
  assert.deepEqual(published.flatMap((n) => n.params.diagnostics.filter((d: any) => d.code === 'gosum-missing').map((d: any) => d.message)), []);
  assert.equal(readFileSync(goSum, 'utf8'), '', 'the file on disk is as the editor left it');
});
