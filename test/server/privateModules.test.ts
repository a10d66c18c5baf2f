// Private modules over a real stdio connection: the language server resolves
// git.corp.example modules from bare git repositories served over smart HTTP
// (test/support/gitServer.ts) through the go command, and shows their hints,
// findings and hover like any other module's; in restricted mode it runs
// neither git nor go, and says so.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CorpSetup, startCorpSetup } from '../support/corpSetup';
import type { ForwardProxy } from '../support/forwardProxy';
import { CORP_HOST } from '../support/gitRepos';
import { corpGitEnv, type GitServer } from '../support/gitServer';
import { findGo } from '../support/goOracle';
import { LspTestClient } from '../support/lspClient';
import type { ProxyServer } from '../support/proxyServer';

const GO = findGo();
const SKIP = GO ? false : 'skipped: Go 1.23 is not installed';
const CAPABILITIES = { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } };
const h = CORP_HOST;
const GO_MOD = [
  'module example.com/app', '', 'go 1.21', '', 'require (',
  `\t${h}/team/multi v1.0.0`,
  `\t${h}/team/flaky.git v1.0.1`,
  `\t${h}/team/oldlog.git v1.0.0`,
  `\t${h}/team/scratch.git v0.0.0-20240601063000-0839327b1922`,
  '\texample.com/majors v1.0.0',
  ')', '',
].join('\n');

let dir: string;
let git: GitServer;
let fwd: ForwardProxy;
let proxy: ProxyServer;
let corp: CorpSetup | undefined;

before(async () => {
  if (!GO) return;
  corp = await startCorpSetup('gmh-private-lsp-');
  ({ dir, git, fwd, proxy } = corp);
});
after(async () => {
  await corp?.close();
});

async function openIn(trusted: boolean): Promise<{ client: LspTestClient; uri: string }> {
  const home = mkdtempSync(path.join(dir, 'home-'));
  const env = corpGitEnv(home, git, { metaViaProxy: fwd, goproxy: proxy.url });
  const client = new LspTestClient({ ...(env as Record<string, string>), PATH: `${path.dirname(GO!)}:${env.PATH}` });
  client.settings = { debounceMs: 0, goBinary: GO };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES, { trusted });
  const file = path.join(dir, trusted ? 'trusted' : 'restricted', 'go.mod');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, GO_MOD);
  const uri = pathToFileURL(file).toString();
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: GO_MOD } });
  await client.waitFor((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done', 0, 60_000);
  return { client, uri };
}

const hintsOf = (c: LspTestClient, uri: string) => c.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } }) as Promise<{ position: { line: number }; label: string | { value: string }[] }[]>;
const label = (x: { label: string | { value: string }[] }) => (typeof x.label === 'string' ? x.label : x.label.map((p) => p.value).join(''));
const hoverAt = (c: LspTestClient, uri: string, line: number) => c.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } }).then((x: any) => String(x?.contents?.value ?? ''));

test('private modules from git: inlay hints, findings and hover, as for a public module', { skip: SKIP }, async () => {
  const { client, uri } = await openIn(true);
  try {
    const hints = await hintsOf(client, uri);
    const on = (line: number) => hints.filter((x) => x.position.line === line).map(label).join(' ');
    assert.match(on(5), /v1\.2\.0/, `multi: ${on(5)}`);
    assert.match(on(5), /v2\.1\.0/, 'multi: its newer major version, /v2');
    assert.match(on(6), /retracted/);
    assert.match(on(7), /deprecated/);
    assert.match(on(9), /v1\.1\.0/, 'the public module is answered by the proxy as before');
    const diagnostics = [...client.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)!.params.diagnostics as { code: string }[];
    assert.ok(diagnostics.some((d) => d.code === 'retracted-version') && diagnostics.some((d) => d.code === 'deprecated-module'), JSON.stringify(diagnostics));
    const hover = await hoverAt(client, uri, 5);
    assert.match(hover, /Update: \*\*v1\.2\.0\*\*/);
    assert.match(hover, /resolved from version control by the go command/);
    assert.doesNotMatch(hover, /pkg\.go\.dev/, 'no link to a public service for a private module');
    // A repository without version tags: the hover says which tags the go command reads.
    assert.match(await hoverAt(client, uri, 8), /No tagged versions, only pseudo-versions: the go command reads only tags like `v1\.2\.3`/);
    // The configuration report: how each private requirement is reached, and that it worked.
    const report = await client.request('goModHygiene/explainConfiguration', { uri });
    assert.match(report.markdown, /^\| `git\.corp\.example\/team\/multi` \| git\.corp\.example \| the go-import meta tag at https:\/\/git\.corp\.example\/team\/multi\?go-get=1 \(or http:\/\/, GOINSECURE matches\) \| git \(GOVCS entry git\.corp\.example:git\) \| resolved \(latest `v1\.2\.0`\) \|$/m);
    assert.match(report.markdown, /^\| `git\.corp\.example\/team\/flaky\.git` \| git\.corp\.example \| the path names the repository \(git\.corp\.example\/team\/flaky\.git\), git \|/m);
    assert.deepEqual(proxy.requests.filter((q) => q.path.includes('corp')), []);
  } finally {
    await client.dispose();
  }
});

test('restricted mode runs neither git nor go: private modules are not checked, and the hover says why', { skip: SKIP }, async () => {
  const before = git.requests.length;
  const { client, uri } = await openIn(false);
  try {
    assert.match(await hoverAt(client, uri, 5), /not checked here: restricted mode \(an untrusted workspace\) runs neither git nor the go command/);
    assert.equal(git.requests.length, before, 'git was not asked');
    const hints = await hintsOf(client, uri);
    assert.ok(hints.some((x) => x.position.line === 9), 'the public module still has its hint');
  } finally {
    await client.dispose();
  }
});
