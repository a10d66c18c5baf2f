// The packaged extension (.vsix) in a real VS Code workbench: code-server
// 4.100.3 (VS Code 1.100) in Debian's Chromium, driven through the UI, against
// the loopback test proxy and the real go command. Nothing leaves the machine.
// Needs test/e2e/installCodeServer.sh; which .vsix is tested: support/vsix.ts.
// Screenshots of every scenario: test-results/e2e/<scenario>.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { type CodeServer, codeServerEntry, startCodeServer } from './support/codeServer';
import { readmeImages } from '../support/readmeImages';
import { goSandbox, type GoSandbox } from './support/goSandbox';
import { vsixEntrySizes, vsixUnderTest } from './support/vsix';
import { CHROMIUM, launchChromium, poll, splitHints, textOf, Workbench } from './support/workbench';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const INSTALL = 'run test/e2e/installCodeServer.sh to install code-server 4.100.3 and Debian\'s chromium';

const RETRACTED = 'example.com/retract/ranges';
const GO_MOD = [
  'module example.com/e2e',
  '',
  'go 1.21',
  '',
  'require (',
  `\t${RETRACTED} v1.2.0`,
  '\texample.com/majors v1.0.0',
  ')',
  '',
].join('\n');
/** The module's code uses both requirements, so go mod tidy keeps them: a module as users have one. */
const MAIN_GO = `package main\n\nimport (\n\t_ "example.com/majors"\n\t_ "${RETRACTED}"\n)\n\nfunc main() {}\n`;

/** One workbench on one folder, with its own profile, Go world and go.mod. */
interface Instance {
  folder: string;
  go: GoSandbox;
  server: CodeServer;
  wb: Workbench;
}

let tmp: string;
let proxy: ProxyServer | undefined;
let browser: Browser | undefined;
let vsix: string;
const servers: CodeServer[] = [];

function requirements(): string[] {
  const missing: string[] = [];
  if (!codeServerEntry()) missing.push('code-server 4.100.3 is not installed in .tools/code-server');
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} is missing`);
  if (!findGo()) missing.push('Go 1.23 (/usr/lib/go-1.23/bin/go) is missing: .ci/run installs it');
  return missing;
}

async function startInstance(name: string, userSettings: Record<string, unknown>): Promise<Instance> {
  const dir = path.join(tmp, name);
  const folder = path.join(dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'go.mod'), GO_MOD);
  writeFileSync(path.join(folder, 'main.go'), MAIN_GO);
  const go = goSandbox(dir, findGo()!, proxy!.url);
  const server = await startCodeServer({
    folder, dataDir: path.join(dir, 'code-server'), vsix, env: go.env,
    userSettings: { 'goModHygiene.goBinary': go.goBinary, ...userSettings },
  });
  servers.push(server);
  const wb = await Workbench.open(browser!, server.folderUrl);
  await wb.openFile('go.mod');
  return { folder, go, server, wb };
}

/** The extension's own log (its output channel), to explain a failure. */
function extensionLog(inst: Instance): string {
  const find = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? find(p) : e.name === 'Go Module Hygiene.log' ? [p] : [];
  });
  try {
    return find(path.join(path.dirname(inst.folder), 'code-server', 'user-data', 'logs')).map((f) => readFileSync(f, 'utf8')).join('\n');
  } catch {
    return '';
  }
}

/** A test that always leaves a screenshot, and on failure says what the extension logged. */
function scenario(name: string, inst: () => Instance, body: (inst: Instance) => Promise<void>): void {
  test(name, { timeout: 90_000 }, async () => {
    const i = inst();
    try {
      await body(i);
    } catch (e) {
      const log = extensionLog(i).split('\n').slice(-40).join('\n');
      if (e instanceof Error) e.message += `\n--- Go Module Hygiene output (last lines) ---\n${log}`;
      throw e;
    } finally {
      await i.wb.screenshot(SHOTS, name).catch(() => undefined);
    }
  });
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Opens the Problems view and waits for a finding with this code. */
async function problem(wb: Workbench, code: string) {
  await wb.runCommand('Problems: Focus on Problems View');
  const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: code }).first();
  await row.waitFor({ timeout: 30_000 });
  return row;
}

/** Waits for both requirements' inlay hints, which come once the proxy has answered. */
async function waitForHints(wb: Workbench) {
  const retracted = await wb.waitForLine(RETRACTED, (t) => splitHints(t).hints.includes('⚠ retracted'), 'the retracted hint');
  const majors = await wb.waitForLine('example.com/majors', (t) => splitHints(t).hints.includes('→'), 'the update hint');
  return { retracted: splitHints(retracted), majors: splitHints(majors) };
}

before(async () => {
  const missing = requirements();
  if (missing.length > 0) throw new Error(`The workbench tests cannot run: ${missing.join('; ')}. To fix: ${INSTALL}.`);
  tmp = mkdtempSync(path.join(tmpdir(), 'gmh-e2e-'));
  // Only this suite's own screenshots: extensionHost.test.ts keeps its own in a folder here.
  for (const f of existsSync(SHOTS) ? readdirSync(SHOTS) : []) if (f.endsWith('.png')) rmSync(path.join(SHOTS, f));
  vsix = vsixUnderTest(tmp).file;
  const tree = buildProxyTree([fixtureModulesDir], path.join(tmp, 'proxy'));
  proxy = await startProxyServer({ root: tree.root });
  browser = await launchChromium(path.join(tmp, 'chromium'));
});

after(async () => {
  await browser?.close().catch(() => undefined);
  for (const s of servers) await s.stop();
  await proxy?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

describe('trusted workspace', () => {
  let inst: Instance;
  // The workspace trust feature off: every folder is trusted, as most users run VS Code.
  before(async () => (inst = await startInstance('trusted', { 'security.workspace.trust.enabled': false })));
  const current = () => inst;

  scenario('a-inlay-hints', current, async ({ wb, folder }) => {
    const { retracted, majors } = await waitForHints(wb);
    assert.deepEqual(retracted, { text: `${RETRACTED} v1.2.0`, hints: '⚠ retracted  → v1.4.0 (minor)' });
    assert.deepEqual(majors, { text: 'example.com/majors v1.0.0', hints: '→ v1.1.0 (minor)  ⇡ v3.0.0 (major: /v3)' });
    assert.equal(readFileSync(path.join(folder, 'go.mod'), 'utf8'), GO_MOD, 'hints are not text in the file');
  });

  scenario('package-report', current, async (i) => {
    const activated = /Activated in (\d+) ms/.exec(extensionLog(i));
    assert.ok(activated, 'the extension logged its activation (language server running)');
    const report = {
      vsixBytes: statSync(vsix).size,
      bundles: Object.fromEntries(['extension.js', 'cli.js', 'undici.js'].map((f) => [f, vsixEntrySizes(vsix)[`extension/dist/${f}`]])),
      activationMs: Number(activated[1]),
      workbench: 'code-server 4.100.3 (VS Code 1.100)',
    };
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'package-report.json'), JSON.stringify(report, null, 2) + '\n');
    assert.ok(report.vsixBytes < 2 * 1024 * 1024, `the .vsix is under 2 MB (${report.vsixBytes} bytes)`);
    assert.ok(Object.values(report.bundles).every((n) => typeof n === 'number' && n > 0), 'every bundle is in the package');
  });

  scenario('b-hover', current, async ({ wb }) => {
    await waitForHints(wb);
    const hover = wb.page.locator('.monaco-hover:visible', { hasText: 'Retracted by its author' });
    // The editor shows a hover after the pointer rests on a word; a pointer that
    // arrives while the editor is still laying out can be missed, so rest again.
    await poll('the hover on the retracted requirement', async () => {
      await wb.moveMouseAway();
      await wb.editorLine(RETRACTED).getByText(RETRACTED, { exact: true }).hover();
      return (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => undefined));
    });
    // The hover fades in; the screenshot should show it as the user reads it.
    await poll('the hover fully shown', async () => ((await hover.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity)) === '1' ? true : undefined), 5_000).catch(() => undefined);
    const text = await textOf(hover);
    assert.match(text, new RegExp(`^${RETRACTED} v1\\.2\\.0`, 'm'), 'the module and version in use');
    assert.match(text, /^Update: v1\.4\.0/m);
    assert.match(text, /Retracted by its author: Data race in the connection pool\./);
  });

  scenario('c-problems', current, async ({ wb }) => {
    await wb.moveMouseAway();
    const row = await problem(wb, 'retracted-version');
    const text = await textOf(row);
    // Source and code, which VS Code shows as go-mod-hygiene(retracted-version).
    assert.deepEqual(text.split('\n').slice(1, 3), ['go-mod-hygiene', 'retracted-version']);
    assert.match(text, /Data race in the connection pool/);
    assert.match(text, /\[Ln 6, Col \d+\]/);
    const all = (await Promise.all((await wb.page.locator('.markers-panel .monaco-list-row').all()).map(textOf))).join('\n');
    // Updates are hints, which the Problems view leaves out: it stays about problems.
    assert.doesNotMatch(all, /update-available|major-available/);
  });

  scenario('d-quick-fix', current, async ({ wb, folder, go }) => {
    await waitForHints(wb);
    await wb.clickModule(RETRACTED);
    await wb.chooseCodeAction('Upgrade to v1.4.0');
    await wb.waitForLine(RETRACTED, (t) => t.includes(`${RETRACTED} v1.4.0`), 'the upgraded requirement in the editor', 60_000);
    // On a temporary copy of the buffer (-modfile), never on the go.mod the editor has open.
    assert.ok(go.goRuns().some((r) => /^get -modfile=\S+ example\.com\/retract\/ranges@v1\.4\.0$/.test(r) && !r.includes(folder)),
      `go get on a temporary copy (go runs: ${go.goRuns().join(' | ')})`);
    const file = path.join(folder, 'go.mod');
    assert.match(readFileSync(file, 'utf8'), /retract\/ranges v1\.2\.0/, 'the fix edits the editor, not the file behind it');
    // The same edit filled the go.sum buffer: its checksums count at once, before anything is saved.
    await wb.runCommand('Problems: Focus on Problems View');
    const rows = async () => (await Promise.all((await wb.page.locator('.markers-panel .monaco-list-row').all()).map(textOf))).join('\n');
    // v1.4.0 is not retracted: once that row is gone, the problems are those of the edited text.
    const after = await poll('the problems of the upgraded go.mod', async () => {
      const text = await rows();
      return text.includes('retracted-version') ? undefined : text;
    });
    assert.doesNotMatch(after, /There is no go\.sum file|no checksum for example\.com\/retract\/ranges v1\.4\.0/);
    assert.equal(readIfExists(path.join(folder, 'go.sum')), '', 'go.sum on disk is not written before the save');
    await wb.page.keyboard.press('Control+s');
    await poll('go.mod saved with v1.4.0', async () => (readFileSync(file, 'utf8').includes(`${RETRACTED} v1.4.0`) ? true : undefined));
    assert.doesNotMatch(readFileSync(file, 'utf8'), /v1\.2\.0/);
    // The same edit filled go.sum, which no editor shows: saving go.mod saved it too.
    await poll('go.sum saved beside go.mod', async () => (readIfExists(path.join(folder, 'go.sum')).includes(`${RETRACTED} v1.4.0/go.mod h1:`) ? true : undefined)).catch((e: Error) => { throw new Error(`${e.message}; go.sum on disk: ${JSON.stringify(readIfExists(path.join(folder, 'go.sum')))}`); });
    // v1.4.0 is the latest and not retracted: its hint goes away.
    await wb.waitForLine(RETRACTED, (t) => !t.includes('⚠'), 'the retracted hint gone');
  });
});

describe('restricted mode (untrusted workspace)', () => {
  let inst: Instance;
  // Trust on, the folder never trusted, and no prompt: the workbench opens it in restricted mode.
  before(async () => (inst = await startInstance('restricted', {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
  })));

  scenario('e-restricted-mode', () => inst, async ({ wb, folder, go }) => {
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    // The server runs and looks modules up (with the user's environment), so the hints still come,
    // and so does the finding that the go-running fix would be offered for.
    await waitForHints(wb);
    await problem(wb, 'retracted-version');
    await wb.clickModule(RETRACTED);
    await wb.page.keyboard.press('Control+Period');
    // No fix that needs the go command: VS Code says there is no code action at all.
    await wb.page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' }).waitFor({ timeout: 30_000 });
    assert.equal(await wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Upgrade to' }).count(), 0);
    // Nor the code lens that runs go get for the whole require block.
    assert.equal(await wb.page.locator('.codelens-decoration', { hasText: 'Upgrade all' }).count(), 0);
    assert.deepEqual(go.goRuns(), [], 'the go command never ran');
    assert.equal(existsSync(path.join(folder, 'go.sum')), false, 'no go.sum was written');
    assert.equal(readFileSync(path.join(folder, 'go.mod'), 'utf8'), GO_MOD);
  });
});

describe('the extension page', () => {
  let inst: Instance;
  before(async () => (inst = await startInstance('extension-page', {})));

  // The page the Extensions view opens: the packaged README with its pictures
  // (inside it as data: URIs, images/packagedReadme.mjs), under the icon.
  scenario('f-extension-page', () => inst, async ({ wb }) => {
    const wanted = readmeImages(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).length;
    assert.ok(wanted > 0, 'the README shows pictures');
    await wb.page.keyboard.press('Control+Shift+X');
    await wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Go Module Hygiene' }).first().click({ timeout: 30_000 });
    const header = wb.page.locator('.extension-editor .header');
    await header.getByText('Go Module Hygiene', { exact: true }).first().waitFor({ timeout: 30_000 });
    // The README is in a webview: frames inside frames. Wait for the one that shows the pictures, all loaded or failed.
    type Shown = { alt: string; width: number; complete: boolean };
    const shown = await poll('the README pictures on the extension page', async () => {
      for (const frame of wb.page.frames()) {
        const images = await frame.evaluate(() => {
          const doc = (globalThis as unknown as { document: { images: ArrayLike<{ alt: string; naturalWidth: number; complete: boolean }> } }).document;
          return Array.from(doc.images).map((i) => ({ alt: i.alt, width: i.naturalWidth, complete: i.complete }));
        }).catch(() => [] as Shown[]);
        if (images.length >= wanted && images.every((i) => i.complete)) return images;
      }
      return undefined;
    }, 60_000);
    assert.equal(shown.length, wanted, 'every picture of the README');
    assert.deepEqual(shown.filter((i) => i.width === 0).map((i) => i.alt), [], 'pictures that did not load (naturalWidth 0)');
    // The icon beside the name, from the same package.
    const icon = header.locator('img.icon').first();
    await poll('the icon loaded', async () => ((await icon.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) > 0 ? true : undefined));
    // The first picture in view, for the screenshot.
    await wb.page.mouse.move(700, 600);
    await wb.page.mouse.wheel(0, 250);
    await wb.page.waitForTimeout(500);
  });
});
