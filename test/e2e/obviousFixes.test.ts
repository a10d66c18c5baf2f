// The fixes where one action is obvious, in a real VS Code workbench (the
// packaged extension in code-server, Debian's Chromium, the loopback test proxy,
// the real go command): "Download all missing checksums" fills the go.sum
// buffer and the Problems view clears before anything is saved; "Open ... on
// pkg.go.dev" opens the replacement's page (the browser resolves no public
// host, so nothing leaves the machine). Screenshots: test-results/e2e/obvious/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { type CodeServer, codeServerEntry, startCodeServer } from './support/codeServer';
import { goSandbox, type GoSandbox } from './support/goSandbox';
import { vsixUnderTest } from './support/vsix';
import { CHROMIUM, launchChromium, poll, textOf, textsOf, Workbench } from './support/workbench';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'e2e', 'obvious');
const MOVED = 'example.com/deprecated/moved';
// Sorted as go mod tidy sorts it, so that the only problems are those of go.sum and the deprecation.
const GO_MOD = ['module example.com/e2eobvious', '', 'go 1.21', '', 'require (', `\t${MOVED} v1.0.0`, '\texample.com/majors v1.0.0', ')', ''].join('\n');
const MAIN_GO = `package main\n\nimport (\n\t_ "example.com/majors"\n\t_ "${MOVED}"\n)\n\nfunc main() {}\n`;

let tmp: string;
let proxy: ProxyServer | undefined;
let browser: Browser | undefined;
let server: CodeServer | undefined;
let wb: Workbench;
let go: GoSandbox;
let folder: string;

before(async () => {
  const missing = [!codeServerEntry() && 'code-server 4.100.3', !existsSync(CHROMIUM) && CHROMIUM, !findGo() && 'Go 1.23'].filter(Boolean);
  if (missing.length > 0) throw new Error(`The workbench tests cannot run without ${missing.join(', ')}: run test/e2e/installCodeServer.sh.`);
  tmp = mkdtempSync(path.join(tmpdir(), 'gmh-e2e-obvious-'));
  const vsix = vsixUnderTest(tmp).file;
  proxy = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(tmp, 'proxy')).root });
  browser = await launchChromium(path.join(tmp, 'chromium'));
  folder = path.join(tmp, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'go.mod'), GO_MOD);
  writeFileSync(path.join(folder, 'go.sum'), '');
  writeFileSync(path.join(folder, 'main.go'), MAIN_GO);
  go = goSandbox(tmp, findGo()!, proxy.url);
  server = await startCodeServer({
    folder, dataDir: path.join(tmp, 'code-server'), vsix, env: go.env,
    userSettings: { 'goModHygiene.goBinary': go.goBinary, 'security.workspace.trust.enabled': false },
  });
  wb = await Workbench.open(browser, server.folderUrl);
  await wb.openFile('go.mod');
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  await proxy?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

async function problemRows(): Promise<string> {
  await wb.runCommand('Problems: Focus on Problems View');
  return (await textsOf(wb.page.locator('.markers-panel .monaco-list-row'))).join('\n');
}

function shot(name: string, body: () => Promise<void>): void {
  test(name, { timeout: 120_000 }, async () => {
    try {
      await body();
    } finally {
      await wb.screenshot(SHOTS, name).catch(() => undefined);
    }
  });
}

shot('download-checksums', async () => {
  await poll('both gosum-missing problems', async () => ((await problemRows()).match(/gosum-missing/g)?.length === 2 ? true : undefined));
  // The finding is on the version: the caret goes there.
  await wb.editorLine('example.com/majors').getByText('v1.0.0', { exact: true }).click();
  await wb.chooseCodeAction('Download all missing checksums: 2 modules (go mod download)');
  const rows = await poll('the problems once go.sum holds the checksums', async () => {
    const text = await problemRows();
    return /gosum-missing/.test(text) ? undefined : text;
  }, 60_000);
  assert.doesNotMatch(rows, /no checksum/);
  assert.ok(go.goRuns().some((r) => /^mod download -modfile=\S+ example\.com\/deprecated\/moved example\.com\/majors$/.test(r) && !r.includes(folder)),
    `go mod download on a temporary copy (go runs: ${go.goRuns().join(' | ')})`);
  assert.equal(readFileSync(path.join(folder, 'go.sum'), 'utf8'), '', 'go.sum on disk is not written before a save');
  assert.equal(readFileSync(path.join(folder, 'go.mod'), 'utf8'), GO_MOD, 'go.mod is not touched');
});

shot('open-replacement', async () => {
  await poll('the deprecated-module problem', async () => ((await problemRows()).includes('deprecated-module') ? true : undefined));
  await wb.editorLine(MOVED).getByText(MOVED, { exact: true }).click();
  // The page the browser is asked to load (it fails to resolve any public host, so the request goes nowhere).
  const opened: string[] = [];
  wb.page.context().on('request', (r) => opened.push(r.url()));
  await wb.chooseCodeAction(`Open ${MOVED}/v2 on pkg.go.dev`);
  // VS Code asks before it opens a site that is not a trusted domain; the page opens after "Open".
  const ask = wb.page.locator('.monaco-dialog-box', { hasText: 'pkg.go.dev' });
  const asked = await ask.waitFor({ timeout: 15_000 }).then(() => true, () => false);
  if (asked) {
    assert.match(await textOf(ask), /https:\/\/pkg\.go\.dev\/example\.com\/deprecated\/moved\/v2/);
    await wb.screenshot(SHOTS, 'open-replacement-asked');
    await ask.getByRole('button', { name: 'Open', exact: true }).click();
  }
  assert.ok(asked, 'VS Code asks before it opens pkg.go.dev, which is not a trusted domain');
  await poll('a browser page for the replacement', async () => (opened.includes(`https://pkg.go.dev/${MOVED}/v2`) ? true : undefined), 15_000)
    .catch((e: Error) => { throw new Error(`${e.message}; requests: ${JSON.stringify(opened.filter((u) => !u.startsWith('http://127.0.0.1')))}`); });
});
