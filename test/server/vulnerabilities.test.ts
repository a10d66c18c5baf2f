// Known vulnerabilities over a real stdio connection: the loopback module
// proxy serves the fixture modules, a vulnerability database in the v1 layout
// (written here, with entries on those modules) is served over loopback HTTP
// and named by GOVULNDB, and the real Go 1.23 runs the fixes. The finding on
// the requirement's version, the hint, the hover, the quick fix applied with
// go get on a -modfile copy (direct and // indirect), the toolchain's finding
// and hover on the go line, the status count, a replaced requirement, a
// database that does not answer, the setting that names a database, and the
// configuration report's part on it; no module path is ever sent to it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { type OsvJson, writeVulnDb } from '../support/vulnDb';

const GO = findGo();
const SKIP = GO ? false : 'Go 1.23 is not installed';
const CAPABILITIES = {
  workspace: {
    configuration: true,
    applyEdit: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: { groupsOnLabel: true } },
    inlayHint: { refreshSupport: true },
  },
};
const PUBLISH = 'textDocument/publishDiagnostics';
const STATUS = 'goModHygiene/status';

/**
 * Entries on fixture modules, so that the fixes have versions to move to:
 * example.com/retract/ranges publishes v1.0.0, v1.1.0 to v1.3.0 (retracted)
 * and v1.4.0; example.com/excludeme v1.0.0, v1.1.0 and v1.2.0. The standard
 * library entry affects every Go release up to go1.99.5, whichever builds.
 */
const entry = (id: string, module: string, events: { introduced?: string; fixed?: string }[], extra: Partial<OsvJson> = {}): OsvJson => ({
  id, modified: '2024-02-12T10:00:00Z', details: `Details of ${id}.`, summary: `Summary of ${id}`,
  affected: [{ package: { name: module, ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events }], ecosystem_specific: { imports: [{ path: module }] } }],
  ...extra,
});
const ENTRIES: OsvJson[] = [
  entry('GO-2099-0001', 'example.com/retract/ranges', [{ introduced: '0' }, { fixed: '1.1.0' }], { aliases: ['CVE-2099-0001', 'GHSA-aaaa-bbbb-cccc'] }),
  entry('GO-2099-0002', 'example.com/retract/ranges', [{ introduced: '0' }, { fixed: '1.2.0' }]),
  entry('GO-2099-0003', 'example.com/excludeme', [{ introduced: '0' }, { fixed: '1.1.0' }]),
  entry('GO-2099-0004', 'stdlib', [{ introduced: '0' }, { fixed: '1.99.5' }], { summary: 'Request smuggling in net/http', affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.99.5' }] }], ecosystem_specific: { imports: [{ path: 'net/http' }] } }] }),
];

let dir: string;
let proxy: ProxyServer;
let vulnDb: ProxyServer;
let client: LspTestClient;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulns-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  proxy = await startProxyServer({ root: tree.root });
  const db = writeVulnDb(path.join(dir, 'vulndb'), ENTRIES);
  vulnDb = await startProxyServer({ root: db.root });
  client = await startClient({ GOPROXY: proxy.url, GOVULNDB: vulnDb.url });
});
after(async () => {
  await client?.dispose();
  await proxy?.close();
  await vulnDb?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function startClient(env: Record<string, string>, settings: Record<string, unknown> = {}): Promise<LspTestClient> {
  const c = new LspTestClient(env);
  c.settings = { debounceMs: 0, ...(GO ? { goBinary: GO } : {}), ...settings };
  await c.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted: true });
  return c;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

async function open(c: LspTestClient, name: string, text: string) {
  const file = path.join(dir, name, 'go.mod');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  writeFileSync(path.join(dir, name, 'go.sum'), '');
  const uri = pathToFileURL(file).toString();
  const from = c.notifications.length;
  await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  return { uri, from };
}

async function diagnosticsWhere(c: LspTestClient, uri: string, from: number, pred: (diags: any[]) => boolean): Promise<any[]> {
  const n = await c.waitFor((x) => x.method === PUBLISH && x.params.uri === uri && pred(x.params.diagnostics), from, 20_000);
  return n.params.diagnostics;
}

/** The diagnostics once the check has ended: the last publish before its "done". */
async function settled(c: LspTestClient, uri: string, from: number): Promise<any[]> {
  const done = await c.waitFor((x) => x.method === STATUS && x.params.uri === uri && x.params.state === 'done', from, 20_000);
  const upTo = c.notifications.indexOf(done);
  const last = c.notifications.slice(from, upTo).filter((n) => n.method === PUBLISH && n.params.uri === uri).at(-1);
  assert.ok(last, 'diagnostics were published before the check ended');
  return last.params.diagnostics;
}

const has = (...codes: string[]) => (ds: any[]) => codes.every((code) => ds.some((d) => d.code === code));

function hoverAt(c: LspTestClient, uri: string, line: number, character: number): Promise<string | undefined> {
  return c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }).then((h: any) => h?.contents?.value);
}

function codeActions(c: LspTestClient, uri: string, diagnostics: any[]): Promise<any[]> {
  return c.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
}

/** What go.mod holds after the client applies the server's workspace edit. */
function appliedGoMod(edit: any, uri: string, text: string): string {
  const change = edit.documentChanges.find((d: any) => d.textDocument?.uri === uri);
  return TextDocument.applyEdits(TextDocument.create(uri, 'go.mod', 0, text), change.edits);
}

/** Runs a fix's command; the go.mod it produced, as the editor would hold it. */
async function runFix(c: LspTestClient, uri: string, text: string, action: any): Promise<string> {
  const requests = c.serverRequests.length;
  const outcome = await c.request('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
  assert.deepEqual(outcome, { ok: true, applied: true }, JSON.stringify(outcome));
  const edits = c.serverRequests.slice(requests).filter((r) => r.method === 'workspace/applyEdit');
  assert.equal(edits.length, 1, 'one workspace edit');
  return appliedGoMod(edits[0].params.edit, uri, text);
}

const APP = lines(
  'module example.com/vulnapp',
  '',
  'go 1.21',
  '',
  'require (',
  '\texample.com/retract/ranges v1.0.0',
  '\texample.com/excludeme v1.0.0 // indirect',
  ')',
);
const GO_LINE = 2;
const RANGES = 5;
const EXCLUDEME = 6;

test('a vulnerable requirement: a warning on its version naming the ids and the fix, a hint, and the hover\'s list', { skip: SKIP }, async () => {
  const { uri, from } = await open(client, 'app', APP);
  const diags = await settled(client, uri, from);
  const ranges = diags.find((d) => d.code === 'vulnerability' && d.range.start.line === RANGES);
  assert.ok(ranges, JSON.stringify(diags));
  assert.equal(ranges.severity, 2, 'a warning');
  const versionAt = APP.split('\n')[RANGES].indexOf('v1.0.0');
  assert.deepEqual(ranges.range, { start: { line: RANGES, character: versionAt }, end: { line: RANGES, character: versionAt + 'v1.0.0'.length } }, 'on the version');
  assert.match(ranges.message, /^example\.com\/retract\/ranges v1\.0\.0 has 2 known vulnerabilities: GO-2099-0001 and GO-2099-0002\. Upgrade to v1\.4\.0, which fixes them all\./);
  assert.deepEqual(ranges.data, { module: 'example.com/retract/ranges', suggestedVersion: 'v1.4.0' }, 'v1.1.0 to v1.3.0 are retracted');
  const indirect = diags.find((d) => d.code === 'vulnerability' && d.range.start.line === EXCLUDEME);
  assert.equal(indirect?.data.suggestedVersion, 'v1.1.0');

  const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } });
  const on = (line: number) => hints.filter((h) => h.position.line === line).map((h) => h.label);
  assert.deepEqual(on(RANGES), ['⚠ 2 vulnerabilities', '→ v1.4.0 (minor)']);
  assert.deepEqual(on(EXCLUDEME)[0], '⚠ 1 vulnerability');
  assert.match(hints.find((h) => h.label === '⚠ 2 vulnerabilities').tooltip, /GO-2099-0001, GO-2099-0002\. Upgrade to v1\.4\.0 fixes them all\./);

  const hover = await hoverAt(client, uri, RANGES, 5);
  assert.ok(hover);
  assert.match(hover, /\*\*2 known vulnerabilities\*\* \(database of 2024-02-12\):/);
  assert.match(hover, /^- \[GO-2099-0001\]\(https:\/\/pkg\.go\.dev\/vuln\/GO-2099-0001\) \(CVE-2099-0001, GHSA-aaaa-bbbb-cccc\): Summary of GO-2099-0001\. Fixed in v1\.1\.0\. Package: `example\.com\/retract\/ranges`\.$/m);
  assert.match(hover, /^- \[GO-2099-0002\]\([^)]+\): Summary of GO-2099-0002\. Fixed in v1\.2\.0\./m);
  assert.match(hover, /Upgrade to \*\*v1\.4\.0\*\* to fix them all\./);
  assert.match(hover, /run `govulncheck \.\/\.\.\.` in the module/);

  // No module path went to the database: only its index and the entries by id.
  const asked = vulnDb.requests.map((r) => r.path);
  assert.ok(asked.length > 0);
  assert.deepEqual(asked.filter((p) => !/^\/(index\/(db|modules)|ID\/GO-\d{4}-\d{4})\.json\.gz$/.test(p)), [], asked.join(' '));
});

test('the go line: an info finding for the Go release that builds the module, and a hover that says which one and why', { skip: SKIP }, async () => {
  const { uri, from } = await open(client, 'toolchain', APP);
  const diags = await diagnosticsWhere(client, uri, from, has('toolchain-vulnerability'));
  const t = diags.find((d) => d.code === 'toolchain-vulnerability');
  assert.equal(t.range.start.line, GO_LINE);
  assert.equal(t.severity, 3, 'information');
  const local = execFileSync(GO!, ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
  // The go line says 1.21; the local Go 1.23 is newer, so GOTOOLCHAIN=auto builds with it.
  assert.match(t.message, new RegExp(`^${local.replace(/\./g, '\\.')} \\(the local go command, newer than the go and toolchain lines\\) has 1 known vulnerability in the standard library or the go command: GO-2099-0004\\. Upgrade to go1\\.99\\.5`));
  const hover = await hoverAt(client, uri, GO_LINE, 4);
  assert.ok(hover);
  assert.match(hover, new RegExp(`^\\*\\*${local.replace(/\./g, '\\.')}\\*\\*: the local go command, newer than the go and toolchain lines`));
  assert.match(hover, /Request smuggling in net\/http\. Fixed in go1\.99\.5\. Package: `net\/http`\./);
  assert.match(hover, /\*\*go1\.99\.5\*\* fixes it: install a newer Go\./);

  // A toolchain line newer than the local Go is the release that builds.
  const pinned = APP.replace('go 1.21\n', 'go 1.21\n\ntoolchain go1.99.1\n');
  const other = await open(client, 'toolchainline', pinned);
  const pinnedDiags = await diagnosticsWhere(client, other.uri, other.from, has('toolchain-vulnerability'));
  assert.equal(pinnedDiags.find((d) => d.code === 'toolchain-vulnerability').range.start.line, GO_LINE + 2, 'on the toolchain line');
  assert.match(await hoverAt(client, other.uri, GO_LINE + 2, 12) ?? '', /^\*\*go1\.99\.1\*\*: the release the toolchain line names\./);
  assert.equal(await hoverAt(client, other.uri, GO_LINE, 4), undefined, 'the go line says nothing when a toolchain line carries the record');
});

test('the quick fix on a direct requirement: one "Upgrade to v1.4.0 (fixes 2 vulnerabilities)" for the vulnerability and the update, preferred; go get moves to that version', { skip: SKIP }, async () => {
  const { uri, from } = await open(client, 'fixdirect', APP);
  const diags = await diagnosticsWhere(client, uri, from, (ds) => ds.some((d) => d.code === 'vulnerability' && d.range.start.line === RANGES) && ds.some((d) => d.code === 'update-available' && d.range.start.line === RANGES));
  const onLine = diags.filter((d) => d.range.start.line === RANGES && (d.code === 'vulnerability' || d.code === 'update-available'));
  // Both orders: the client sends the diagnostics of the range as it holds them.
  for (const order of [onLine, [...onLine].reverse()]) {
    const upgrades = (await codeActions(client, uri, order)).filter((a) => a.command?.command === SERVER_COMMANDS.upgrade);
    assert.deepEqual(upgrades.map((a) => [a.title, a.isPreferred === true, a.diagnostics.length]), [['Upgrade to v1.4.0 (fixes 2 vulnerabilities)', true, 2]]);
  }
  const [fix] = (await codeActions(client, uri, onLine)).filter((a) => a.command?.command === SERVER_COMMANDS.upgrade);
  const promised = /^Upgrade to (v\S+) /.exec(fix.title)![1];
  const goMod = await runFix(client, uri, APP, fix);
  // In a block or on a line of its own: go get puts indirect requirements in a block of their own (Go 1.17+).
  assert.match(goMod, new RegExp(`^(require |\\t)example\\.com/retract/ranges ${promised.replace(/\./g, '\\.')}$`, 'm'), goMod);
});

test('the quick fix on an // indirect requirement: the vulnerability\'s version, apart from the update\'s; go get keeps it indirect', { skip: SKIP }, async () => {
  const { uri, from } = await open(client, 'fixindirect', APP);
  const diags = await diagnosticsWhere(client, uri, from, (ds) => ds.some((d) => d.code === 'vulnerability' && d.range.start.line === EXCLUDEME));
  const onLine = diags.filter((d) => d.range.start.line === EXCLUDEME);
  const upgrades = (await codeActions(client, uri, onLine)).filter((a) => a.command?.command === SERVER_COMMANDS.upgrade);
  const fix = upgrades.find((a) => a.title.includes('vulnerab'));
  assert.equal(fix?.title, 'Upgrade to v1.1.0 (fixes 1 vulnerability)');
  assert.equal(fix.isPreferred, true);
  // An update to v1.2.0, if reported for an indirect requirement, is a fix of its own and not the preferred one.
  for (const other of upgrades.filter((a) => a !== fix)) {
    assert.equal(other.title, 'Upgrade to v1.2.0');
    assert.notEqual(other.isPreferred, true);
  }
  const promised = /^Upgrade to (v\S+) /.exec(fix.title)![1];
  const goMod = await runFix(client, uri, APP, fix);
  assert.match(goMod, new RegExp(`^(require |\\t)example\\.com/excludeme ${promised.replace(/\./g, '\\.')} // indirect$`, 'm'), goMod);
});

test('the status counts the vulnerable requirements the editor shows, not the toolchain; turned off, they are not counted', { skip: SKIP }, async () => {
  const { uri, from } = await open(client, 'status', APP);
  const report = await client.waitFor((x) => x.method === STATUS && x.params.uri === uri && x.params.state === 'done' && x.params.vulnerable !== undefined
    && client.notifications.slice(from).some((n) => n.method === PUBLISH && n.params.uri === uri && has('vulnerability', 'toolchain-vulnerability')(n.params.diagnostics)), from, 20_000);
  assert.equal(report.params.vulnerable, 2);

  const c = await startClient({ GOPROXY: proxy.url, GOVULNDB: vulnDb.url }, { diagnostics: { vulnerability: 'off' } });
  try {
    const quiet = await open(c, 'statusoff', APP);
    await diagnosticsWhere(c, quiet.uri, quiet.from, has('toolchain-vulnerability'));
    const done = await c.waitFor((x) => x.method === STATUS && x.params.uri === quiet.uri && x.params.state === 'done', quiet.from, 20_000);
    assert.equal(done.params.vulnerable, 0);
  } finally {
    await c.dispose();
  }
});

test('a replaced requirement: a version replacement is checked in its place, with no upgrade of the requirement; a directory is not checked, and the hover says why', { skip: SKIP }, async () => {
  const text = lines(
    'module example.com/replaced',
    '',
    'go 1.21',
    '',
    'require (',
    '\texample.com/majors v1.0.0',
    '\texample.com/retract/ranges v1.0.0',
    ')',
    '',
    'replace example.com/majors => example.com/excludeme v1.0.0',
    '',
    'replace example.com/retract/ranges => ./local',
  );
  mkdirSync(path.join(dir, 'replaced', 'local'), { recursive: true });
  writeFileSync(path.join(dir, 'replaced', 'local', 'go.mod'), 'module example.com/retract/ranges\n');
  const { uri, from } = await open(client, 'replaced', text);
  const diags = await settled(client, uri, from);
  const vulns = diags.filter((d) => d.code === 'vulnerability');
  assert.equal(vulns.length, 1, 'the directory replacement is not checked');
  assert.equal(vulns[0].range.start.line, 5);
  assert.match(vulns[0].message, /example\.com\/majors v1\.0\.0 has 1 known vulnerability \(checked as its replacement example\.com\/excludeme v1\.0\.0\): GO-2099-0003\./);
  assert.equal(vulns[0].data.suggestedVersion, undefined, 'upgrading the requirement would not change what builds use');
  assert.ok(!(await codeActions(client, uri, vulns)).some((a) => /vulnerab/.test(a.title)));
  assert.match(await hoverAt(client, uri, 5, 5) ?? '', /checked as its replacement \*\*example\.com\/excludeme v1\.0\.0\*\*/);
  assert.match(await hoverAt(client, uri, 6, 5) ?? '', /Known vulnerabilities are not checked: it is replaced by the directory \.\/local, whose code no vulnerability database describes\./);
});

test('the configuration report names the database, what chose it, its data\'s age, and that it answers', { skip: SKIP }, async () => {
  const { uri } = await open(client, 'explain', APP);
  const { markdown } = await client.request('goModHygiene/explainConfiguration', { uri });
  assert.match(markdown, /^## Vulnerability database$/m);
  assert.ok(markdown.includes(`- URL: \`${vulnDb.url}\` (from GOVULNDB (the environment))`), markdown);
  assert.match(markdown, /^- Data last modified: `2024-02-12T10:00:00Z` \(\d+ days ago\)$/m);
  assert.match(markdown, /^- Last answered: /m);
  assert.match(markdown, /^- Reachable: yes$/m);
});

test('a database that does not answer: one finding that names it, the hover says so, the report says it is not reachable; the setting then names a database that answers', { skip: SKIP }, async () => {
  // A port nothing listens on: the server closed there.
  const gone = await startProxyServer({ root: dir });
  const deadUrl = gone.url;
  await gone.close();
  const c = await startClient({ GOPROXY: proxy.url, GOVULNDB: deadUrl });
  try {
    const { uri, from } = await open(c, 'dead', APP);
    const diags = await settled(c, uri, from);
    assert.ok(has('update-available')(diags), 'the rest is checked');
    const failed = diags.filter((d) => d.code === 'vulnerability-check-failed');
    assert.equal(failed.length, 1, 'one finding, whatever the number of requirements');
    assert.match(failed[0].message, /^Known vulnerabilities could not be checked: .*127\.0\.0\.1.*\. Everything else is checked as usual\.$/);
    assert.match(await hoverAt(c, uri, RANGES, 5) ?? '', /Known vulnerabilities could not be checked: /);
    const { markdown } = await c.request('goModHygiene/explainConfiguration', { uri });
    assert.match(markdown, /^- Reachable: no \(/m);
    assert.match(markdown, /^- The vulnerability database http:\/\/127\.0\.0\.1:\d+ does not answer/m);

    // goModHygiene.vulnerabilityDatabase wins over GOVULNDB.
    const at = c.notifications.length;
    c.settings = { ...c.settings, vulnerabilityDatabase: vulnDb.url };
    await c.notify('workspace/didChangeConfiguration', { settings: {} });
    await diagnosticsWhere(c, uri, at, (ds) => has('vulnerability')(ds) && !has('vulnerability-check-failed')(ds));
    const report = await c.request('goModHygiene/explainConfiguration', { uri });
    assert.ok(report.markdown.includes(`- URL: \`${vulnDb.url}\` (from goModHygiene.vulnerabilityDatabase)`), report.markdown);
  } finally {
    await c.dispose();
  }
});

test('the hint has its own switch', { skip: SKIP }, async () => {
  const c = await startClient({ GOPROXY: proxy.url, GOVULNDB: vulnDb.url }, { inlayHints: { vulnerabilities: false } });
  try {
    const { uri, from } = await open(c, 'nohint', APP);
    assert.ok(has('vulnerability')(await settled(c, uri, from)));
    const hints: any[] = await c.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } });
    assert.deepEqual(hints.filter((h) => h.position.line === RANGES).map((h) => h.label), ['→ v1.4.0 (minor)']);
  } finally {
    await c.dispose();
  }
});
