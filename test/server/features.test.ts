// Editor features over a real LSP connection, against the loopback test proxy:
// diagnostics with the engine's codes, inlay hints, hover, settings, and
// answers that never wait for the network.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CAPABILITIES = {
  workspace: { configuration: true, inlayHint: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
};

let dir: string;
let server: ProxyServer;
let client: LspTestClient;
let version = 1;

const GO_MOD = [
  'module example.com/app',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/majors v1.0.0',
  '\texample.com/retract/ranges v1.2.0',
  '\texample.com/deprecated/a v1.9.0',
  '\texample.com/majors/v3 v3.0.0',
  ')',
  '',
].join('\n');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-features-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  client = new LspTestClient({ GOPROXY: server.url });
  client.settings = { debounceMs: 0 };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
});
after(async () => {
  await client?.dispose();
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function open(name: string, text: string) {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  writeFileSync(path.join(path.dirname(file), 'go.sum'), '');
  const uri = pathToFileURL(file).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  return { uri, from };
}

/** Waits for diagnostics that include every given code. */
async function diagnosticsWith(uri: string, from: number, codes: string[]): Promise<any[]> {
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri
    && codes.every((c) => x.params.diagnostics.some((d: any) => d.code === c)), from, 10_000);
  return n.params.diagnostics;
}

/** The labels of the inlay hints on each line, in order. */
function labelsByLine(hints: any[]): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const h of hints) byLine.set(h.position.line, [...(byLine.get(h.position.line) ?? []), h.label]);
  return byLine;
}

test('diagnostics carry the engine codes; updates are hints by default', async () => {
  const { uri, from } = await open('app/go.mod', GO_MOD);
  const diags = await diagnosticsWith(uri, from, ['retracted-version', 'deprecated-module', 'update-available', 'major-available']);
  const byCode = (c: string) => diags.filter((d: any) => d.code === c);
  assert.ok(diags.every((d: any) => d.source === 'go-mod-hygiene'));
  assert.equal(byCode('retracted-version')[0].severity, 2);
  assert.equal(byCode('retracted-version')[0].range.start.line, 6);
  assert.match(byCode('retracted-version')[0].message, /^example\.com\/retract\/ranges v1\.2\.0 is retracted: upgrade to v1\.4\.0\. Its author's reason: Data race in the connection pool\.$/);
  assert.ok(byCode('update-available').every((d: any) => d.severity === 4), 'updates are hints');
  assert.equal(byCode('deprecated-module')[0].range.start.line, 7);
  const status = await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from);
  assert.equal(status.params.proxy, server.url);
  // The refresh request follows the status notification on the wire: poll for it, with a deadline.
  const deadline = Date.now() + 5000;
  while (!client.serverRequests.some((r) => r.method === 'workspace/inlayHint/refresh') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.ok(client.serverRequests.some((r) => r.method === 'workspace/inlayHint/refresh'), 'inlay hints are refreshed once facts arrive');
});

test('inlay hints show updates by kind, retractions and deprecations', async () => {
  const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
  const byLine = labelsByLine(hints);
  // One hint per fact, so the editor draws each as its own chip with the same gap before it.
  assert.deepEqual(byLine.get(5), ['→ v1.1.0 (minor)', '⇡ v3.0.0 (major: /v3)']);
  assert.deepEqual(byLine.get(6), ['⚠ retracted', '→ v1.4.0 (minor)']);
  assert.deepEqual(byLine.get(7), ['⚠ deprecated']);
  assert.equal(byLine.has(8), false, 'nothing for an up-to-date line');
  assert.ok(hints.every((h: any) => h.paddingLeft === true && !h.paddingRight), 'every hint has the left padding, none the right');
  assert.ok(hints.every((h: any) => h.label === h.label.trim() && !h.label.includes('  ')), 'no hand-made spacing inside a label');
  assert.equal(hints.find((h: any) => h.position.line === 5).position.character, '\texample.com/majors v1.0.0'.length);
  assert.match(hints.find((h: any) => h.label === '⚠ retracted').tooltip, /^Retracted: Data race/, 'each hint has its own tooltip');
});

test('a requirement replaced by a local directory gets no update hint: builds use the directory', async () => {
  const text = 'module example.com/localhint\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.0.0\n\texample.com/retract/ranges v1.2.0\n)\n\nreplace example.com/majors => ./majors-fork\n';
  const { uri, from } = await open('localhint/go.mod', text);
  await diagnosticsWith(uri, from, ['retracted-version', 'replace-local-path']);
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
  const byLine = labelsByLine(hints);
  assert.equal(byLine.has(5), false, 'no "→ v1.1.0" on the locally replaced requirement');
  assert.deepEqual(byLine.get(6), ['⚠ retracted', '→ v1.4.0 (minor)'], 'the others keep theirs');
});

test('a newer major version has its own inlay hint, with its own switch', async () => {
  const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  client.settings = { debounceMs: 0, inlayHints: { majors: false } };
  // The settings are read again on the next check; wait for it before asking.
  const from = client.notifications.length;
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
  assert.deepEqual(labelsByLine(hints).get(5), ['→ v1.1.0 (minor)']);
  client.settings = { debounceMs: 0 };
  const back = client.notifications.length;
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', back, 10_000);
});

test('hover tells the whole story, with a pkg.go.dev link for public modules', async () => {
  const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  const at = (line: number, character: number) => client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  const h = await at(6, 30);
  assert.match(h.contents.value, /\*\*example\.com\/retract\/ranges\*\* v1\.2\.0/);
  assert.match(h.contents.value, /Update: \*\*v1\.4\.0\*\*/);
  assert.match(h.contents.value, /\*\*Retracted\*\* by its author: Data race in the connection pool\./);
  assert.match(h.contents.value, /\[pkg\.go\.dev\]\(https:\/\/pkg\.go\.dev\/example\.com\/retract\/ranges@v1\.2\.0\)/);
  const major = await at(5, 3);
  assert.match(major.contents.value, /Newest major version: \*\*example\.com\/majors\/v3 v3\.0\.0\*\*/);
});

test('the first hover already has the publish dates; a slow proxy delays it at most a bounded while', async () => {
  const text = 'module example.com/dates\n\ngo 1.22\n\nrequire example.com/deprecated/a v1.9.0\n';
  const { uri, from } = await open('dates/go.mod', text);
  await diagnosticsWith(uri, from, ['deprecated-module']);
  const hoverAt = () => client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
  // Never hovered before: the .info of v1.9.0 is asked now, and the answer waits for it.
  assert.match((await hoverAt()).contents.value, /v1\.9\.0 \(published \d{4}-\d\d-\d\d\)/);
  // A module whose .info hangs: the hover answers without the date, within the bound.
  const slow = 'module example.com/slowdates\n\ngo 1.22\n\nrequire example.com/majors/v2 v2.0.0\n';
  const opened = await open('slowdates/go.mod', slow);
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === opened.uri && x.params.state === 'done', opened.from, 10_000);
  server.setFault(/\/example\.com\/majors\/v2\/@v\/v2\.0\.0\.info$/, { hang: true });
  try {
    const t0 = Date.now();
    const h = await client.request('textDocument/hover', { textDocument: { uri: opened.uri }, position: { line: 4, character: 12 } });
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 1000, `answered in ${elapsed} ms`);
    assert.match(h.contents.value, /\*\*example\.com\/majors\/v2\*\* v2\.0\.0\n/, 'no date, and no wait past the bound');
    assert.match(h.contents.value, /Update: \*\*v2\.1\.0\*\*/);
  } finally {
    server.setFault(/\/example\.com\/majors\/v2\/@v\/v2\.0\.0\.info$/, undefined);
  }
});

test('hover words: a missing version is not "up to date", and +incompatible names the /vN module', async () => {
  const text = 'module example.com/words\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.9.9\n\texample.com/incompat v2.0.0+incompatible\n)\n';
  const { uri, from } = await open('words/go.mod', text);
  await diagnosticsWith(uri, from, ['version-not-found', 'incompatible-has-module']);
  const at = async (line: number) => (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })).contents.value as string;
  const missing = await at(5);
  assert.match(missing, /This version does not exist/);
  assert.doesNotMatch(missing, /Up to date/);
  assert.match(missing, /Latest: v1\.1\.0/);
  const incompatible = await at(6);
  assert.match(incompatible, /the module now publishes \*\*example\.com\/incompat\/v2\*\* with a go\.mod/);
});

test('go.work replace hover: says what replaces what, and never stays on "Checking"', async () => {
  const file = path.join(dir, 'workhover', 'go.work');
  const text = 'go 1.22\n\nuse .\n\nreplace example.com/majors => example.com/majors v1.1.0\n\nreplace example.com/deprecated/a v1.0.0 => ../fork\n';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.work', version: version++, text } });
  await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, from);
  const at = async (line: number, character: number) => (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })).contents.value as string;
  const old = await at(4, 12);
  assert.match(old, /^\*\*example\.com\/majors\*\*$/m);
  assert.match(old, /Every version is pinned to \*\*v1\.1\.0\*\* by a replace for every module of this workspace/);
  assert.doesNotMatch(old, /Checking this module|[Rr]eplaced by \*\*example\.com\/majors/);
  const replacement = await at(4, 36);
  assert.match(replacement, /^\*\*example\.com\/majors\*\* v1\.1\.0/m);
  assert.match(replacement, /The replacement for every version of example\.com\/majors: builds use this version/);
  assert.doesNotMatch(replacement, /Checking this module|[Rr]eplaced by|pinned/);
  const local = await at(6, 12);
  assert.match(local, /Version v1\.0\.0 is replaced by the local directory `\.\.\/fork`/);
  assert.doesNotMatch(local, /Checking this module/);
});

test('Problems messages: the first sentence says the fact and the action, the detail follows', async () => {
  const text = 'module example.com/msgs\n\ngo 1.22\n\nrequire (\n\texample.com/majors v1.0.0\n\texample.com/deprecated/a v1.9.0\n)\n\nexclude example.com/majors v1.0.0\n\nreplace example.com/majors => ./gone\n';
  const { uri, from } = await open('msgs/go.mod', text);
  const diags = await diagnosticsWith(uri, from, ['replace-target-missing', 'exclude-required-version', 'gosum-missing', 'replace-local-path']);
  const message = (code: string) => diags.find((d: any) => d.code === code).message as string;
  assert.match(message('replace-target-missing'), /^The replacement directory \.\/gone does not exist: fix the path, restore the directory, or remove the replace\. Until then/);
  assert.match(message('exclude-required-version'), /^example\.com\/majors v1\.0\.0 is both required and excluded: require another version, or remove the exclude\. The go command/);
  assert.match(message('gosum-missing'), /^go\.sum has no checksum for example\.com\/deprecated\/a v1\.9\.0: run go mod tidy \(or go mod download example\.com\/deprecated\/a\)\. Until then/);
  assert.match(message('replace-local-path'), /^example\.com\/majors is replaced by the local directory \.\/gone: keep this out of released modules/);
  // What the Problems view shows before it cuts: short enough to read whole.
  for (const d of diags) assert.ok(d.message.split(/\.\s/)[0].length <= 160, `${d.code}: ${d.message}`);
});

test('settings: severities per code, including off', async () => {
  client.settings = { debounceMs: 0, diagnostics: { 'update-available': 'off', 'retracted-version': 'error' } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  const { uri, from } = await open('settings/go.mod', GO_MOD);
  const diags = await diagnosticsWith(uri, from, ['retracted-version']);
  assert.equal(diags.filter((d: any) => d.code === 'update-available').length, 0, 'the first diagnostics already follow the settings');
  assert.equal(diags.find((d: any) => d.code === 'retracted-version').severity, 1);
  client.settings = { debounceMs: 0 };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
});

test('while the proxy hangs, hover and inlay hints still answer within 100 ms', async () => {
  server.setFault(/./, { hang: true });
  try {
    const text = 'module example.com/hang\n\ngo 1.22\n\nrequire example.com/BurntSushi/toml v0.3.1\n';
    const { uri } = await open('hang/go.mod', text);
    await new Promise((r) => setTimeout(r, 50)); // the lookup is now hanging
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
      const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });
      const elapsed = Date.now() - t0;
      assert.ok(elapsed < 100, `answered in ${elapsed} ms`);
      assert.match(h.contents.value, /Checking this module/);
      assert.deepEqual(hints, []);
    }
  } finally {
    server.setFault(/./, undefined);
  }
});

test('completion offers versions newest first, retracted ones last and marked, and fetches unknown modules', async () => {
  const text = 'module example.com/comp\n\ngo 1.22\n\nrequire (\n\texample.com/retract/ranges v1.\n\texample.com/deprecated/b \n)\n';
  const { uri, from } = await open('comp/go.mod', text.replace('v1.\n', 'v1.2.0\n'));
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
  const list = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 31 } });
  const labels = list.items.map((i: any) => i.label);
  assert.deepEqual(labels, ['v1.5.0-beta.1', 'v1.4.0', 'v1.0.0', 'v1.3.0', 'v1.2.0', 'v1.1.0']);
  assert.match(list.items.find((i: any) => i.label === 'v1.2.0').detail, /^retracted: Data race/);
  assert.equal(list.items.find((i: any) => i.label === 'v1.4.0').preselect, true);
  // A module that is not yet a requirement: the list comes back incomplete, then filled.
  const first = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 26 } });
  assert.equal(first.isIncomplete, true);
  const deadline = Date.now() + 5000;
  let later = first;
  while (later.items.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    later = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 26 } });
  }
  assert.deepEqual(later.items.map((i: any) => i.label), ['v1.9.0', 'v1.0.0']);
  const modules = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 9 } });
  assert.ok(modules.items.some((i: any) => i.label === 'example.com/deprecated/b'));
});

test('module paths carry no document link: pkg.go.dev is linked once, from the hover, and a squiggle is never underlined away', async () => {
  const text = 'module example.com/onelink\n\ngo 1.22\n\nrequire (\n\texample.com/greting v1.0.0\n\texample.com/majors v1.0.0\n)\n\nreplace example.com/majors => ./majors-fork\n';
  mkdirSync(path.join(dir, 'onelink', 'majors-fork'), { recursive: true });
  writeFileSync(path.join(dir, 'onelink', 'majors-fork', 'go.mod'), 'module example.com/majors\n');
  const { uri, from } = await open('onelink/go.mod', text);
  const diags = await diagnosticsWith(uri, from, ['module-not-found']);
  const links = await client.request('textDocument/documentLink', { textDocument: { uri } });
  // The mistyped path keeps its squiggle alone: no link (and its solid underline) over it, nor over any module path.
  const squiggled = diags.find((d: any) => d.code === 'module-not-found').range.start.line;
  assert.equal(links.filter((l: any) => l.range.start.line === squiggled).length, 0);
  assert.ok(!links.some((l: any) => String(l.target).includes('pkg.go.dev')), links.map((l: any) => l.target).join(' '));
  // The local replacement directory still links to its go.mod.
  assert.deepEqual(links.map((l: any) => l.target), [pathToFileURL(path.join(dir, 'onelink', 'majors-fork', 'go.mod')).toString()]);
  // One pkg.go.dev link in a public module's hover.
  const appUri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  const hover = (await client.request('textDocument/hover', { textDocument: { uri: appUri }, position: { line: 6, character: 3 } })).contents.value as string;
  assert.equal(hover.match(/pkg\.go\.dev/g)?.length, 2, 'one markdown link: [pkg.go.dev](https://pkg.go.dev/...)');
});

test('no pkg.go.dev page is linked that does not exist: an unknown module, or a missing version', async () => {
  const text = 'module example.com/nolink\n\ngo 1.22\n\nrequire (\n\texample.com/nonexistent v1.0.0\n\texample.com/majors v1.9.9\n\texample.com/retract/ranges v1.2.0\n)\n';
  const { uri, from } = await open('nolink/go.mod', text);
  const diags = await diagnosticsWith(uri, from, ['module-not-found', 'version-not-found']);
  // Problems messages lead with the fact and the action; the proxy's words come last.
  const message = (code: string) => diags.find((d: any) => d.code === code).message as string;
  assert.match(message('module-not-found'), /^example\.com\/nonexistent was not found on \S+\. Check the path for typos; .* The proxy said: /);
  assert.match(message('version-not-found'), /^example\.com\/majors v1\.9\.9 does not exist; the latest version is v1\.1\.0\. Change the version: .* The proxy said: /);
  const hover = async (line: number) => (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })).contents.value as string;
  assert.doesNotMatch(await hover(5), /pkg\.go\.dev/);
  assert.match(await hover(6), /\[pkg\.go\.dev\]\(https:\/\/pkg\.go\.dev\/example\.com\/majors\)/, 'a missing version links to the module page');
  assert.match(await hover(7), /\[pkg\.go\.dev\]\(https:\/\/pkg\.go\.dev\/example\.com\/retract\/ranges@v1\.2\.0\)/);
});

for (const variable of ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB']) {
  test(`${variable} alone keeps a module off pkg.go.dev in the hover`, async () => {
    const c = new LspTestClient({ GOPROXY: server.url, [variable]: 'example.com/majors' });
    try {
      c.settings = { debounceMs: 0 };
      await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
      const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
      const from = c.notifications.length;
      await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: GO_MOD } });
      await c.waitFor((x) => x.method === 'goModHygiene/status' && x.params.state === 'done', from, 10_000);
      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
      assert.match(hover.contents.value, /example\.com\/majors/);
      assert.doesNotMatch(hover.contents.value, /pkg\.go\.dev/, `${variable}: no link in the hover`);
      const publicHover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 3 } });
      assert.match(publicHover.contents.value, /pkg\.go\.dev\/example\.com\/deprecated\/a@/);
    } finally {
      await c.dispose();
    }
  });
}

test('restricted mode: a private module has no permanent squiggle; the hover and the configuration report say it is not checked, and why', async () => {
  const c = new LspTestClient({ GOPROXY: server.url, GOPRIVATE: 'example.com/majors' });
  try {
    c.settings = { debounceMs: 0 };
    await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
    const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
    const from = c.notifications.length;
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: GO_MOD } });
    await c.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
    const last = [...c.notifications].reverse().find((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri)!;
    assert.ok(last.params.diagnostics.some((d: any) => d.code === 'retracted-version'), 'the public modules are checked');
    // (go.sum is another matter: the go command needs its checksums, private or not.)
    assert.deepEqual(last.params.diagnostics.filter((d: any) => d.range.start.line === 5 && d.code !== 'gosum-missing').map((d: any) => [d.code, d.message]), [], 'no lookup-failed squiggle on the private line');
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
    assert.match(hover.contents.value, /Private module \(GOPRIVATE\/GONOPROXY\): never sent to a proxy, and not checked here: restricted mode \(an untrusted workspace\) runs neither git nor the go command\./);
    const report = await c.request('goModHygiene/explainConfiguration', { uri });
    // example.com/majors/v3 matches the pattern too (a path prefix).
    assert.match(report.markdown, /2 private modules are not checked for updates, retractions or deprecations: never sent to a proxy, and restricted mode/);
  } finally {
    await c.dispose();
  }
});

test('Explain Go Module Configuration reports the proxy chain and its reachability', async () => {
  const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  const r = await client.request('goModHygiene/explainConfiguration', { uri });
  assert.match(r.markdown, /^# Go module configuration/);
  assert.match(r.markdown, new RegExp(`\\| 1 \\| \`${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\| — \\| yes \\| \\d+ ms \\|`));
  assert.match(r.markdown, /: answers \(404 for the base URL\)\.$/m);
  assert.match(r.markdown, /GOPRIVATE = \*not set\*/);
});

test('refresh bypasses the caches: lists are asked for again', async () => {
  const uri = pathToFileURL(path.join(dir, 'app/go.mod')).toString();
  server.requests.length = 0;
  const from = client.notifications.length;
  await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.refresh, arguments: [] });
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  assert.ok(server.requests.some((q) => q.path === '/example.com/majors/@v/list'), 'the list was fetched again despite the disk cache');
});

test('a go.mod in a workspace is told when go.work overrides its replace', async () => {
  writeFileSync(path.join(dir, 'go.work'), 'go 1.22\n\nuse ./wsmod\n\nreplace example.com/majors => example.com/majors/v3 v3.0.0\n');
  try {
    const text = 'module example.com/wsmod\n\ngo 1.22\n\nrequire example.com/majors v1.0.0\n\nreplace example.com/majors => ../local-majors\n';
    const { uri, from } = await open('wsmod/go.mod', text);
    const diags = await diagnosticsWith(uri, from, ['replace-overridden-by-work']);
    assert.equal(diags.find((d: any) => d.code === 'replace-overridden-by-work').range.start.line, 6);
  } finally {
    rmSync(path.join(dir, 'go.work'));
  }
});

test('a go.sum written outside the editor is noticed through watched files', async () => {
  const registration = client.serverRequests.find((r) => r.method === 'client/registerCapability'
    && r.params.registrations.some((g: any) => g.method === 'workspace/didChangeWatchedFiles'));
  assert.ok(registration, 'the server asks to watch go.mod, go.sum and go.work files');
  const watchers = registration.params.registrations.find((g: any) => g.method === 'workspace/didChangeWatchedFiles').registerOptions.watchers;
  assert.deepEqual(watchers.map((w: any) => w.globPattern), ['**/{go.mod,go.sum,go.work}']);

  const text = 'module example.com/summed\n\ngo 1.22\n\nrequire example.com/majors v1.1.0\n';
  const { uri, from } = await open('summed/go.mod', text);
  await diagnosticsWith(uri, from, ['gosum-missing']);
  await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  const goSum = path.join(dir, 'summed', 'go.sum');
  writeFileSync(goSum, 'example.com/majors v1.1.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/majors v1.1.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n');
  const after = client.notifications.length;
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(goSum).toString(), type: 2 }] });
  const n = await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, after, 10_000);
  assert.deepEqual(n.params.diagnostics.filter((d: any) => d.code === 'gosum-missing'), [], 'the go.sum on disk now has the checksums');
});

test('cache time: with goModHygiene.cacheMinutes 0 every check asks for the lists again; by default they are reused', async () => {
  const lists = () => server.requests.filter((q) => q.path === '/example.com/deprecated/b/@v/list').length;
  const done = (uri: string, from: number) => client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  const edit = async (uri: string, text: string) => {
    const from = client.notifications.length;
    await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
    await done(uri, from);
  };
  const text = 'module example.com/recheck\n\ngo 1.22\n\nrequire example.com/deprecated/b v1.0.0\n';
  client.settings = { debounceMs: 0, cacheMinutes: 0 };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  try {
    const { uri, from } = await open('recheck/go.mod', text);
    await done(uri, from);
    const first = lists();
    assert.ok(first >= 1);
    await edit(uri, text + '// edited\n');
    assert.ok(lists() > first, `cache time 0: the list was asked for again (${first} then ${lists()})`);

    client.settings = { debounceMs: 0 };
    const from2 = client.notifications.length;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await done(uri, from2);
    const settled = lists();
    await edit(uri, text + '// edited again\n');
    await edit(uri, text + '// and again\n');
    assert.equal(lists(), settled, 'the default cache time: the list is not asked for on every edit');
  } finally {
    client.settings = { debounceMs: 0 };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  }
});

test('settings that do not change the answers (concurrency, cache time) keep the facts already gathered', async () => {
  const done = (uri: string, from: number) => client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 10_000);
  const text = 'module example.com/keepfacts\n\ngo 1.22\n\nrequire example.com/deprecated/a v1.0.0\n';
  const { uri, from } = await open('keepfacts/go.mod', text);
  await done(uri, from);
  try {
    for (const settings of [{ debounceMs: 0, concurrency: 8 }, { debounceMs: 0, concurrency: 8, cacheMinutes: 30 }]) {
      client.settings = settings;
      const at = client.notifications.length;
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      // Facts that were thrown away would have to be gathered again: the first diagnostics would lack them.
      const first = await client.diagnosticsFor(uri, at);
      assert.ok(first.some((d: any) => d.code === 'deprecated-module'), `${JSON.stringify(settings)}: the first diagnostics after the change still know the module is deprecated`);
      await done(uri, at);
    }
  } finally {
    client.settings = { debounceMs: 0 };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  }
});

test('a settings change while a check is under way does not turn its lookups into failures', async () => {
  // The list answers slowly, so the lookups that follow it start after the change.
  const list = '/example.com/excludeme/@v/list';
  server.setFault(list, { slowBodyBytesPerSec: 40 });
  try {
    const text = 'module example.com/midcheck\n\ngo 1.22\n\nrequire example.com/excludeme v1.0.0\n';
    const seen = server.requests.length;
    const { uri, from } = await open('midcheck/go.mod', text);
    const deadline = Date.now() + 10_000;
    while (!server.requests.slice(seen).some((q) => q.path === list) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const diags = await diagnosticsWith(uri, from, ['update-available']);
    assert.deepEqual(diags.filter((d: any) => d.code === 'lookup-failed').map((d: any) => d.message), [], 'no lookup failed');
  } finally {
    server.setFault(list, undefined);
  }
});

test('a check of many modules shows its progress a few times a second, not once per module, and ends at all of them', async () => {
  const modules = ['example.com/deprecated/a v1.0.0', 'example.com/deprecated/b v1.0.0', 'example.com/excludeme v1.0.0', 'example.com/incompat v1.0.0',
    'example.com/incompatiblewithsub v1.0.0', 'example.com/majors v1.0.0', 'example.com/pseudonewer v1.0.0', 'example.com/retract/incompatible v1.0.0',
    'example.com/retract/missingmod v1.0.0', 'example.com/retract/noupgrade v1.0.0', 'example.com/retract/ranges v1.0.0', 'example.com/undeprecated v1.0.0'];
  const arrived: { at: number; value: { kind: string; title?: string; message?: string } }[] = [];
  client.connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => void arrived.push({ at: Date.now(), value: p.value }));
  // Each answer a little late, so that the lookups take a few tenths of a second.
  server.setLatency(40);
  try {
    const { uri, from } = await open('progress/go.mod', `module example.com/p\n\ngo 1.22\n\nrequire (\n${modules.map((m) => `\t${m}\n`).join('')})\n`);
    await client.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', from, 20_000);
    // The modules the earlier tests of this session looked up are known already: n counts the others.
    const begin = arrived.findIndex((p) => p.value.kind === 'begin' && /^Checking \d+ modules$/.test(p.value.title ?? ''));
    assert.ok(begin >= 0, JSON.stringify(arrived));
    const n = Number(/\d+/.exec(arrived[begin].value.title!)![0]);
    assert.ok(n > 5, `${n} modules to look up`);
    const ofThis = arrived.slice(begin);
    const end = ofThis.findIndex((p) => p.value.kind === 'end');
    assert.ok(end > 0, 'the progress ends');
    const reports = ofThis.slice(1, end);
    assert.equal(reports.at(-1)?.value.message, `${n} of ${n}`);
    assert.ok(reports.length < n, `${reports.length} reports for ${n} modules`);
    // Sent at least 100 ms apart (some slack for delivery), the last one excepted.
    for (let i = 1; i < reports.length - 1; i++) assert.ok(reports[i].at - reports[i - 1].at >= 70, JSON.stringify(reports));
  } finally {
    server.setLatency(0);
  }
});

test('shutdown lands the answers still waiting to be written to the disk cache (they wait for a quiet proxy), so the next session reads them', async () => {
  const own = new LspTestClient({ GOPROXY: server.url });
  own.settings = { debounceMs: 0 };
  try {
    await own.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
    const file = path.join(dir, 'shutdown', 'go.mod');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, GO_MOD);
    const uri = pathToFileURL(file).toString();
    await own.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: GO_MOD } });
    await own.waitFor((x) => x.method === 'goModHygiene/status' && x.params.uri === uri && x.params.state === 'done', 0, 10_000);
    await own.request('shutdown', null);
    const cache = path.join(own.home, 'cache', 'go-mod-hygiene');
    const written = readdirSync(cache).filter((f) => f.endsWith('.json'));
    // At least a list, a go.mod and an .info for each of the four requirements.
    assert.ok(written.length >= 12, `${written.length} answers on disk`);
  } finally {
    await own.dispose();
  }
});
