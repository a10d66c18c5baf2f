// The packaged extension (.vsix) in a real VS Code workbench: code-server
// 4.100.3 (VS Code 1.100) in Debian's Chromium, driven through the UI, against
// the loopback test proxy and the real go command. Nothing leaves the machine.
// Needs test/e2e/installCodeServer.sh; which .vsix is tested: support/vsix.ts.
// Screenshots of every scenario: test-results/e2e/<scenario>.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { type OsvJson, writeVulnDb } from '../support/vulnDb';
import { type CodeServer, codeServerEntry, startCodeServer } from './support/codeServer';
import { readmeImages } from '../support/readmeImages';
import { goSandbox, type GoSandbox } from './support/goSandbox';
import { vsixEntrySizes, vsixUnderTest } from './support/vsix';
import { CHROMIUM, fullyShown, launchChromium, poll, splitHints, textOf, textsOf, Workbench } from './support/workbench';

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

async function startInstance(name: string, userSettings: Record<string, unknown>, goMod = GO_MOD, env: Record<string, string> = {}): Promise<Instance> {
  const dir = path.join(tmp, name);
  const folder = path.join(dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'go.mod'), goMod);
  writeFileSync(path.join(folder, 'main.go'), MAIN_GO);
  const go = goSandbox(dir, findGo()!, proxy!.url);
  const server = await startCodeServer({
    folder, dataDir: path.join(dir, 'code-server'), vsix, env: { ...go.env, ...env },
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
    // One hint per fact, each its own chip after the editor's padding (no hand-made double spaces).
    assert.deepEqual(retracted, { text: `${RETRACTED} v1.2.0`, hints: '⚠ retracted  → v1.4.0 (minor)', chips: ['⚠ retracted', '→ v1.4.0 (minor)'] });
    assert.deepEqual(majors, { text: 'example.com/majors v1.0.0', hints: '→ v1.1.0 (minor)  ⇡ v3.0.0 (major: /v3)', chips: ['→ v1.1.0 (minor)', '⇡ v3.0.0 (major: /v3)'] });
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
    const hover = await wb.hoverWord(RETRACTED, RETRACTED, 'Retracted by its author');
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
    const all = (await textsOf(wb.page.locator('.markers-panel .monaco-list-row'))).join('\n');
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
    const rows = async () => (await textsOf(wb.page.locator('.markers-panel .monaco-list-row'))).join('\n');
    // v1.4.0 is not retracted, and its checksums are in the go.sum buffer: the problems settle without
    // either row. (The go.mod change and the go.sum buffer reach the server one after the other, so a
    // moment in between may still show the go.sum row; a false warning is one that stays.)
    let last = '';
    await poll('the problems of the upgraded go.mod, without a go.sum warning', async () => {
      last = await rows();
      return /retracted-version|There is no go\.sum file|no checksum for example\.com\/retract\/ranges v1\.4\.0/.test(last) ? undefined : true;
    }).catch((e: Error) => { throw new Error(`${e.message}; the Problems view: ${JSON.stringify(last)}`); });
    assert.equal(readIfExists(path.join(folder, 'go.sum')), '', 'go.sum on disk is not written before the save');
    await wb.page.keyboard.press('Control+s');
    await poll('go.mod saved with v1.4.0', async () => (readFileSync(file, 'utf8').includes(`${RETRACTED} v1.4.0`) ? true : undefined));
    assert.doesNotMatch(readFileSync(file, 'utf8'), /v1\.2\.0/);
    // The same edit filled go.sum, which no editor shows: saving go.mod saved it too.
    await poll('go.sum saved beside go.mod', async () => (readIfExists(path.join(folder, 'go.sum')).includes(`${RETRACTED} v1.4.0/go.mod h1:`) ? true : undefined)).catch((e: Error) => { throw new Error(`${e.message}; go.sum on disk: ${JSON.stringify(readIfExists(path.join(folder, 'go.sum')))}`); });
    // v1.4.0 is the latest and not retracted: its hint goes away.
    await wb.waitForLine(RETRACTED, (t) => !t.includes('⚠'), 'the retracted hint gone');
  });

  scenario('f-blocked-fix', current, async ({ wb, folder }) => {
    // A line the go command cannot load, and no way around it: an exact-version replace by a missing directory.
    const blocked = readFileSync(path.join(folder, 'go.mod'), 'utf8').replace(/\n\)\n/, '\n\texample.com/local v1.0.0\n)\n') +
      '\n// Not there: the go command cannot load example.com/local.\nreplace example.com/local v1.0.0 => ./missing\n';
    assert.equal(blocked.split('\n')[11], 'replace example.com/local v1.0.0 => ./missing');
    writeFileSync(path.join(folder, 'go.mod'), blocked);
    await wb.waitForLine('example.com/local', (t) => t.includes('./missing'), 'the editor reloads go.mod from disk');
    await wb.waitForLine('example.com/majors', (t) => splitHints(t).hints.includes('→ v1.1.0'), 'the update hint');
    await wb.clickModule('example.com/majors');
    await wb.chooseCodeAction('Upgrade to v1.1.0');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'failed because of another line' });
    await toast.waitFor({ timeout: 60_000 });
    assert.match(await textOf(toast), /line 12: example\.com\/local is replaced by \.\/missing, which does not exist/);
    await toast.locator('.monaco-button', { hasText: 'Set v1.1.0 (text only)' }).waitFor({ timeout: 10_000 });
    const goTo = toast.locator('.monaco-button', { hasText: 'Go to line 12' });
    await goTo.waitFor({ timeout: 10_000 });
    await fullyShown(toast);
    await wb.screenshot(SHOTS, 'f-blocked-fix-toast');
    await goTo.click();
    // The line is selected: the caret ends on line 12, with the line's characters selected.
    const position = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await poll('the caret on line 12', async () => (/Ln 12, Col \d+ \(\d+ selected\)/.test(await textOf(position)) ? true : undefined), 15_000);
    assert.match(readFileSync(path.join(folder, 'go.mod'), 'utf8'), /majors v1\.0\.0/, 'nothing was changed');
  });

  // Noise in the editor: hints are separate chips behind equal padding, module
  // paths carry no document link (whose solid underline covered squiggles), and
  // the hover links pkg.go.dev once. Self-contained: reads the majors line only.
  scenario('f-editor-noise', current, async ({ wb }) => {
    await wb.moveMouseAway();
    const line = await wb.waitForLine('example.com/majors', (t) => splitHints(t).chips.length === 2, 'the two hints of the majors line');
    assert.deepEqual(splitHints(line).chips, ['→ v1.1.0 (minor)', '⇡ v3.0.0 (major: /v3)']);
    assert.equal(await wb.page.locator('.part.editor .monaco-editor .detected-link').count(), 0, 'no document link drawn over a module path');
    // The gaps as drawn: from the last glyph before each hint to the hint's first visible glyph.
    const gaps = await wb.editorLine('example.com/majors').first().evaluate((lineEl) => {
      type Box = { left: number; right: number };
      const doc = (lineEl as unknown as { ownerDocument: { createTreeWalker(n: unknown, w: number): { nextNode(): unknown }; createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getBoundingClientRect(): Box } } }).ownerDocument;
      const walker = doc.createTreeWalker(lineEl, 4 /* NodeFilter.SHOW_TEXT */);
      const glyphs: { ch: string; box: Box }[] = [];
      for (let n = walker.nextNode() as { textContent: string } | null; n; n = walker.nextNode() as { textContent: string } | null) {
        for (let i = 0; i < n.textContent.length; i++) {
          const r = doc.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          glyphs.push({ ch: n.textContent[i], box: r.getBoundingClientRect() });
        }
      }
      const visible = glyphs.filter((g) => g.ch.trim() !== '');
      const out: number[] = [];
      for (const start of ['→', '⇡']) {
        const k = visible.findIndex((g) => g.ch === start);
        if (k > 0) out.push(Math.round(visible[k].box.left - visible[k - 1].box.right));
      }
      return { out };
    });
    assert.equal(gaps.out.length, 2, `two hints measured: ${JSON.stringify(gaps)}`);
    // Even gaps, before the first hint and between hints. (Glyph boxes include side bearings, so
    // their width is no measure of how wide a gap looks: the no-break space that widens it is
    // asserted on the hint labels in the extension-host suite.)
    assert.ok(gaps.out.every((g) => g > 0 && Math.abs(g - gaps.out[0]) <= 1), `even gaps: ${JSON.stringify(gaps.out)}`);
    const hover = await wb.hoverWord('example.com/majors', 'example.com/majors', 'Newest major version');
    const text = await textOf(hover);
    assert.equal(text.match(/pkg\.go\.dev/g)?.length, 1, `pkg.go.dev once in the hover: ${text}`);
    assert.doesNotMatch(text, /Follow link/, 'no link hover stacked on ours');
  });

  // The outline follows go.mod when it changes on disk, open or closed: it
  // showed an old require block while the editor showed the new one. On its
  // own go.mod in a sub-folder, so that the others' file is never touched.
  scenario('g-outline-after-disk-change', current, async ({ wb, folder }) => {
    const file = path.join(folder, 'outlined', 'go.mod');
    const goMod = (n: number) => `module example.com/outlined\n\ngo 1.21\n\nrequire (\n${Array.from({ length: n }, (_, k) => `\texample.com/m${k} v1.0.${n}\n`).join('')})\n`;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, goMod(11));
    await wb.moveMouseAway();
    // From the Explorer: the folder, then its go.mod (the row one level down).
    const openNested = async () => {
      const nested = wb.page.locator('.explorer-folders-view .monaco-list-row[aria-level="2"]', { hasText: 'go.mod' });
      if (!(await nested.isVisible())) await wb.page.getByRole('treeitem', { name: 'outlined', exact: true }).click({ timeout: 30_000 });
      await nested.click({ timeout: 30_000 });
    };
    await openNested();
    await wb.waitForLine('example.com/m10', (t) => t.includes('v1.0.11'), 'the outlined go.mod open');
    await wb.runCommand('Explorer: Focus on Outline View');
    const outline = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /^Outline/i }) }).locator('.pane-body');
    const outlineText = async () => (await textOf(outline)).replace(/\s+/g, ' ');
    await poll('the outline of 11 requirements', async () => ((await outlineText()).includes('11 entries') ? true : undefined));
    // Changed on disk while open (and not dirty): the editor reloads it, and so must the outline.
    writeFileSync(file, goMod(14));
    await wb.waitForLine('example.com/m13', (t) => t.includes('v1.0.14'), 'the editor reloaded from disk');
    await poll('the outline of 14 requirements', async () => ((await outlineText()).includes('14 entries') ? true : undefined), 15_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; outline: ${await outlineText()}`); });
    // Closed, changed on disk, opened again.
    await wb.page.keyboard.press('Control+w');
    writeFileSync(file, goMod(12));
    await new Promise((r) => setTimeout(r, 1500));
    await openNested();
    await wb.waitForLine('example.com/m11', (t) => t.includes('v1.0.12'), 'the outlined go.mod open again');
    await poll('the outline of 12 requirements', async () => ((await outlineText()).includes('12 entries') ? true : undefined), 15_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; outline: ${await outlineText()}`); });
    // Leave the workspace as found: closed (its problems go with it), then removed.
    await wb.screenshot(SHOTS, 'g-outline-after-disk-change-reopened');
    await wb.page.keyboard.press('Control+w');
    rmSync(path.dirname(file), { recursive: true, force: true });
    await wb.waitForLine('module example.com/e2e', () => true, 'the workspace go.mod in front again');
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

describe('a fix that does more than its title (refactor preview)', () => {
  let inst: Instance;
  /** `go get example.com/majors@v1.1.0` on this file also drops the excluded requirement and moves the indirect one to a block of its own. */
  const SURPRISING = [
    'module example.com/e2e',
    '',
    'go 1.21',
    '',
    'require (',
    '\texample.com/majors v1.0.0',
    '\texample.com/excludeme v1.0.0',
    '\texample.com/pseudonewer v1.0.0 // indirect',
    `\t${RETRACTED} v1.2.0`,
    ')',
    '',
    'exclude example.com/excludeme v1.0.0',
    '',
  ].join('\n');
  before(async () => {
    inst = await startInstance('preview', { 'security.workspace.trust.enabled': false }, SURPRISING);
  });

  scenario('f-refactor-preview', () => inst, async ({ wb, folder }) => {
    await wb.waitForLine('example.com/majors', (t) => splitHints(t).hints.includes('→'), 'the update hint');
    await wb.clickModule('example.com/majors');
    await wb.chooseCodeAction('Upgrade to v1.1.0');
    // go get did more than the title says: VS Code shows its refactor preview before anything is applied.
    const pane = wb.page.locator('.bulk-edit-panel');
    await pane.locator('.monaco-tl-contents').first().waitFor({ timeout: 60_000 });
    const lineTexts = async (text: string) => textsOf(wb.editorLine(text));
    const required = async () => (await lineTexts('example.com/excludeme')).some((t) => !t.trim().startsWith('exclude'));
    // Nothing is applied while the preview is open.
    assert.ok(await required(), 'the excluded requirement is still in the editor');
    // Grouped by change, the preview shows the words each line of the edit carries.
    await wb.page.locator('.action-label[aria-label="Group Changes By Type"]').first().click();
    // The whole list in view, as a user would make it to read it.
    await wb.page.locator('.action-label[aria-label^="Maximize Panel Size"]').first().click();
    const rows = async () => (await textsOf(pane.locator('.monaco-tl-contents.category'))).join('\n');
    const categories = await poll('the changes grouped by what they are', async () => {
      const text = await rows();
      return /Remove requirement example\.com\/excludeme v1\.0\.0 \(an excluded version\)/.test(text) ? text : undefined;
    });
    assert.match(categories, /Upgrade example\.com\/majors v1\.0\.0 → v1\.1\.0/);
    assert.match(categories, /Move example\.com\/pseudonewer v1\.0\.0 \/\/ indirect to another require block/);
    assert.match(categories, /go\.sum: \d+ checksums? added/);
    await wb.screenshot(SHOTS, 'f-refactor-preview-open');

    // What needs confirmation starts unticked (the removal and the move); the user ticks what they accept.
    const unticked = pane.locator('input.edit-checkbox:not(:checked):not(:disabled)');
    assert.ok((await unticked.count()) > 0, 'the changes beyond the title wait for a tick');
    // Ticking a group ticks its rows too, so a row counted a moment ago may be ticked already: click, then count again.
    await poll('every change ticked', async () => {
      if ((await unticked.count()) === 0) return true;
      await unticked.first().click({ timeout: 2_000 }).catch(() => undefined);
      return undefined;
    });
    await wb.page.locator('.action-label[aria-label^="Restore Panel Size"]').first().click();
    await pane.locator('.buttons .monaco-button', { hasText: 'Apply' }).first().click();
    await wb.waitForLine('example.com/majors', (t) => t.includes('example.com/majors v1.1.0'), 'the upgraded requirement in the editor', 30_000);
    await poll('the excluded requirement gone, the indirect one in its own block', async () => (!(await required()) && (await lineTexts('require example.com/pseudonewer')).length > 0 ? true : undefined));
    // And then a summary of what was done.
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'removed 1 requirement on an excluded version' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await textOf(toast), /Upgraded 1, removed 1 requirement on an excluded version, moved 1 requirement to another require block \(go get example\.com\/majors@v1\.1\.0\)\./);
    await fullyShown(toast);
    assert.equal(readFileSync(path.join(folder, 'go.mod'), 'utf8'), SURPRISING, 'the editor buffer changed, not the file behind it');
  });
});

describe('status bar and configuration report', () => {
  let inst: Instance;
  before(async () => (inst = await startInstance('status', { 'security.workspace.trust.enabled': false })));
  const current = () => inst;
  const item = (wb: Workbench) => wb.page.locator('.statusbar-item', { hasText: 'Go Module Hygiene:' }).first();
  const SEVERITIES = ['error', 'warning', 'info'] as const;

  /** What the Problems view lists of this extension's diagnostics: how many, and the icon of the worst. */
  async function problemsView(wb: Workbench): Promise<{ count: number; worst: string }> {
    const rows = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'go-mod-hygiene' });
    type Row = { querySelector(s: string): { className: string } | null };
    const icons = await rows.evaluateAll((els) => els.map((r) => (r as unknown as Row).querySelector('.marker-icon .codicon')?.className ?? ''));
    const worst = SEVERITIES.find((s) => icons.some((c) => c?.split(' ').includes(`codicon-${s}`))) ?? 'check';
    return { count: icons.length, worst };
  }

  /** The status bar item's count and icon, once they are those of the Problems view. */
  async function statusMatchesProblems(wb: Workbench, what: string, accept: (n: number) => boolean = () => true) {
    await wb.runCommand('Problems: Focus on Problems View');
    return poll(what, async () => {
      const view = await problemsView(wb);
      const text = await textOf(item(wb));
      const m = /^Go Module Hygiene: (?:(\d+) problems?|checked)/.exec(text.trim());
      const icon = (await item(wb).locator('.codicon').first().getAttribute('class')) ?? '';
      const count = m ? Number(m[1] ?? 0) : -1;
      return count === view.count && icon.split(' ').includes(`codicon-${view.worst}`) && accept(count) ? { count, text, icon, view } : undefined;
    });
  }

  scenario('f-status-bar-count', current, async ({ wb }) => {
    await waitForHints(wb);
    const before = await statusMatchesProblems(wb, 'the status bar count and icon of the Problems view', (n) => n > 0);
    assert.ok(before.count >= 1, `the retracted requirement is a problem (${before.text})`);
    // A quick fix removes a problem: the count follows the diagnostics at once, not at the next check.
    await wb.clickModule(RETRACTED);
    await wb.chooseCodeAction('Upgrade to v1.4.0');
    await wb.waitForLine(RETRACTED, (t) => t.includes(`${RETRACTED} v1.4.0`), 'the upgraded requirement', 60_000);
    // The retracted row goes; the tidy answer may come and go meanwhile, so the count is compared with the view, not with before.
    await poll('the retracted problem gone', async () => ((await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'retracted-version' }).count()) === 0 ? true : undefined));
    // Times out unless the status bar's count and icon become those of the Problems view again.
    await statusMatchesProblems(wb, `the count after the fix (it was ${before.text})`);
  });

  scenario('g-status-bar-click', current, async ({ wb }) => {
    await wb.runCommand('View: Hide Panel');
    await wb.page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
    await item(wb).click();
    const picks = wb.page.locator('.quick-input-widget .monaco-list-row');
    await picks.first().waitFor({ timeout: 10_000 });
    const labels = await textsOf(picks.locator('.label-name'));
    assert.deepEqual(labels.map((l) => l.trim()), ['Show Problems', 'Explain Go Module Configuration', 'Refresh (Bypass Cache)', 'Show Output']);
    await wb.screenshot(SHOTS, 'g-status-bar-menu');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  });

  scenario('h-configuration-report', current, async ({ wb, go }) => {
    await item(wb).click();
    const explain = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Explain Go Module Configuration' });
    await explain.waitFor({ timeout: 10_000 });
    await explain.click();
    // A tab of its own, in the group of the go.mod (not beside it), pinned (not an italic preview tab).
    const tab = wb.page.locator('.tabs-container .tab.active', { hasText: 'configuration.md' });
    await tab.waitFor({ timeout: 30_000 });
    assert.equal(await wb.page.locator('.editor-group-container').count(), 1, 'no second editor group');
    assert.equal(await tab.locator('.italic').count(), 0, 'not a preview tab');
    assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: 'go.mod' }).count() >= 1, true, 'the go.mod stays open');
    const report = await poll('the rendered report', async () => {
      for (const f of wb.page.frames()) {
        const text = await f.evaluate(() => (globalThis as unknown as { document: { body?: { innerText: string } } }).document.body?.innerText ?? '').catch(() => '');
        if (text.includes('Go module configuration') && text.includes('Problems found')) return text;
      }
      return undefined;
    });
    const version = execFileSync(findGo()!, ['env', 'GOVERSION'], { encoding: 'utf8', env: go.env }).trim();
    assert.match(version, /^go1\.23\./);
    assert.ok(report.includes(`, ${version}.`), `the go command's version: ${report.split('\n').slice(0, 4).join(' / ')}`);
    assert.match(report, /not set/);
    assert.doesNotMatch(report, /GOAUTH/, 'Go 1.23 has no GOAUTH');
  });

  scenario('i-refresh-progress', current, async ({ wb }) => {
    await wb.openFile('go.mod');
    // Slow answers, so that "checking…" stays long enough to be seen.
    proxy!.setLatency(1500);
    try {
      await wb.runCommand('Go Module Hygiene: Refresh (Bypass Cache)');
      await poll('"checking…" in the status bar', async () => ((await textOf(item(wb))).includes('checking…') ? true : undefined), 10_000);
      assert.ok(await item(wb).locator('.codicon-modifier-spin').count() > 0, 'a spinning icon');
      await wb.page.locator('.statusbar-item', { hasText: 'Go Module Hygiene: checking modules' }).first().waitFor({ timeout: 10_000 });
      await wb.screenshot(SHOTS, 'i-refresh-checking');
    } finally {
      proxy!.setLatency(0);
    }
    const done = await statusMatchesProblems(wb, 'the result after the refresh');
    assert.match(done.text.trim(), /^Go Module Hygiene: (checked|\d+ problems?)/);
    assert.equal(await wb.page.locator('.statusbar-item', { hasText: 'checking modules' }).count(), 0, 'the window progress has ended');
  });

  scenario('j-status-go-work', current, async ({ wb, folder }) => {
    // A go.work using this module and one more: the item counts the modules and sums their findings.
    mkdirSync(path.join(folder, 'lib'), { recursive: true });
    writeFileSync(path.join(folder, 'lib', 'go.mod'), `module example.com/lib\n\ngo 1.21\n\nrequire ${RETRACTED} v1.2.0\n`);
    writeFileSync(path.join(folder, 'go.work'), 'go 1.21\n\nuse (\n\t.\n\t./lib\n)\n');
    await wb.openFile('go.work');
    const text = await poll('the go.work status', async () => {
      const t = (await textOf(item(wb))).trim();
      return /^Go Module Hygiene: 2 modules · \d+ problems?/.test(t) ? t : undefined;
    });
    // ./lib requires the retracted version: a warning at least, so not the check mark.
    assert.equal(await item(wb).locator('.codicon-check').count(), 0, text);
    await item(wb).hover();
    const tooltip = wb.page.locator('.monaco-hover:visible', { hasText: 'This go.work uses 2 modules' });
    await tooltip.waitFor({ timeout: 10_000 });
    assert.match(await textOf(tooltip), /\.\/lib \(example\.com\/lib\): .*warning/);
  });
});

describe('known vulnerabilities', () => {
  let inst: Instance;
  let vulnDb: ProxyServer | undefined;
  // Two entries on example.com/majors v1.0.0, both fixed in v1.1.0, in a
  // database in the v1 layout served over loopback HTTP and named by GOVULNDB.
  const entry = (id: string, aliases: string[], summary: string, events: { introduced?: string; fixed?: string }[]): OsvJson => ({
    id, modified: '2024-03-01T00:00:00Z', aliases, summary, details: `Details of ${id}.`,
    affected: [{ package: { name: 'example.com/majors', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events }], ecosystem_specific: { imports: [{ path: 'example.com/majors' }] } }],
  });
  before(async () => {
    const db = writeVulnDb(path.join(tmp, 'vulndb'), [
      entry('GO-2099-0101', ['CVE-2099-0101', 'GHSA-2099-0101-abcd'], 'Unbounded allocation in the parser of example.com/majors', [{ introduced: '0' }, { fixed: '1.1.0' }]),
      entry('GO-2099-0102', [], 'Path traversal when a name contains ..', [{ introduced: '1.0.0' }, { fixed: '1.1.0' }]),
    ]);
    vulnDb = await startProxyServer({ root: db.root });
    inst = await startInstance('vulns', { 'security.workspace.trust.enabled': false }, GO_MOD, { GOVULNDB: vulnDb.url });
  });
  after(async () => vulnDb?.close());

  scenario('k-vulnerabilities', () => inst, async ({ wb, go }) => {
    const line = await wb.waitForLine('example.com/majors', (t) => splitHints(t).chips.includes('⚠ 2 vulnerabilities'), 'the vulnerability hint');
    // The vulnerability before the update: it is the reason to move. VS Code cuts a line's hints after
    // 43 characters (editor.inlayHints.maximumLength), so the last one shows only its start.
    const chips = splitHints(line).chips;
    assert.deepEqual(chips.slice(0, 2), ['⚠ 2 vulnerabilities', '→ v1.1.0 (minor)']);
    assert.match(chips[2] ?? '', /^⇡ v3\./);
    const hover = await wb.hoverWord('example.com/majors', 'example.com/majors', 'known vulnerabilities');
    const text = await textOf(hover);
    assert.match(text, /2 known vulnerabilities/);
    assert.match(text, /GO-2099-0101 \(CVE-2099-0101, GHSA-2099-0101-abcd\): Unbounded allocation in the parser of example\.com\/majors\. Fixed in v1\.1\.0\. Package: example\.com\/majors\./);
    assert.match(text, /GO-2099-0102: Path traversal when a name contains \.\. Fixed in v1\.1\.0\./);
    assert.match(text, /Upgrade to v1\.1\.0 to fix them all\. Whether your code reaches the vulnerable symbols is what govulncheck tells/);
    // Each id links to its page in the database in use.
    const links = await hover.locator('a', { hasText: /^GO-2099-010[12]$/ }).evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('data-href') ?? (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href')));
    assert.equal(links.length, 2, 'both ids are links');
    await wb.screenshot(SHOTS, 'k-vulnerabilities-hover');
    // The warning is in the Problems view, on the requirement.
    const row = await problem(wb, 'vulnerability');
    assert.match(await textOf(row), /example\.com\/majors v1\.0\.0 has 2 known vulnerabilities: GO-2099-0101 and GO-2099-0102\. Upgrade to v1\.1\.0, which fixes them all\./);
    // One step to the fix, through the go command on a temporary copy.
    await wb.clickModule('example.com/majors');
    await wb.chooseCodeAction('Upgrade to v1.1.0 (fixes 2 vulnerabilities)');
    await wb.waitForLine('example.com/majors', (t) => t.includes('example.com/majors v1.1.0') && !splitHints(t).chips.some((c) => c.includes('vulnerabilit')), 'the upgraded requirement, without the vulnerability hint', 60_000);
    assert.ok(go.goRuns().some((r) => /^get -modfile=\S+ example\.com\/majors@v1\.1\.0$/.test(r)), `go get on a temporary copy (go runs: ${go.goRuns().join(' | ')})`);
    // Checked again with the facts of v1.1.0 (still a major behind): the warning and the status bar's count are gone too.
    await wb.waitForLine('example.com/majors', (t) => splitHints(t).chips.includes('⇡ v3.0.0 (major: /v3)'), 'the major hint of v1.1.0', 30_000);
    const status = wb.page.locator('.statusbar-item', { hasText: 'Go Module Hygiene:' }).first();
    let last = '';
    await poll('no vulnerability left in the Problems view and the status bar', async () => {
      last = `${(await textsOf(wb.page.locator('.markers-panel .monaco-list-row'))).join('\n')}\n${await textOf(status)}`;
      return /^vulnerability$|vulnerable/m.test(last) ? undefined : true;
    }).catch((e: Error) => { throw new Error(`${e.message}; shown: ${JSON.stringify(last)}`); });
  });
});

describe('fixes that ask before they act', () => {
  let inst: Instance;
  // main.go imports majors and retract/ranges, not excludeme: go mod tidy would remove it.
  const UNUSED = [
    'module example.com/e2e', '', 'go 1.21', '', 'require (',
    `\t${RETRACTED} v1.2.0`,
    '\texample.com/majors v1.0.0',
    '\texample.com/excludeme v1.0.0',
    ')', '',
  ].join('\n');
  before(async () => (inst = await startInstance('ask', { 'security.workspace.trust.enabled': false }, UNUSED)));

  /** The toast that asks, once it shows this text. */
  const question = (wb: Workbench, text: string) => wb.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  scenario('l-tidy-asks', () => inst, async ({ wb, folder }) => {
    await waitForHints(wb);
    await wb.clickModule('example.com/excludeme');
    await wb.chooseCodeAction('Run go mod tidy');
    const toast = question(wb, 'go mod tidy would remove');
    await toast.waitFor({ timeout: 60_000 });
    assert.match(await textOf(toast), /go mod tidy would remove 1 requirement: example\.com\/excludeme v1\.0\.0\. Apply\?/);
    await fullyShown(toast);
    await wb.screenshot(SHOTS, 'l-tidy-asks-toast');
    // Nothing happens before the answer.
    assert.ok((await textsOf(wb.editorLine('example.com/excludeme'))).length > 0, 'the requirement is still there while the question is open');
    await toast.locator('.monaco-button', { hasText: 'Apply' }).click();
    await poll('the unused requirement gone from the editor', async () => ((await textsOf(wb.editorLine('example.com/excludeme'))).length === 0 ? true : undefined), 30_000);
    assert.match(readFileSync(path.join(folder, 'go.mod'), 'utf8'), /excludeme/, 'the buffer changed, not the file');
  });

  scenario('l-upgrade-all-lists', () => inst, async ({ wb }) => {
    await waitForHints(wb);
    await wb.runCommand('Go Module Hygiene: Upgrade All Direct Requirements (Minor/Patch)');
    const toast = question(wb, 'direct requirements?');
    await toast.waitFor({ timeout: 30_000 });
    const text = await textOf(toast);
    // The list, grouped, before anything runs.
    assert.match(text, /Upgrade 2 direct requirements\? Minor \(2\): /);
    assert.match(text, new RegExp(`${RETRACTED.replace(/\//g, '\\/')} v1\\.2\\.0 → v1\\.4\\.0`));
    assert.match(text, /example\.com\/majors v1\.0\.0 → v1\.1\.0/);
    await fullyShown(toast);
    await wb.screenshot(SHOTS, 'l-upgrade-all-toast');
    assert.ok((await textsOf(wb.editorLine('example.com/majors'))).some((t) => t.includes('v1.0.0')), 'nothing is upgraded before the answer');
    await toast.locator('.monaco-button', { hasText: 'Upgrade' }).click();
    await wb.waitForLine('example.com/majors', (t) => t.includes('example.com/majors v1.1.0'), 'majors upgraded', 60_000);
    await wb.waitForLine(RETRACTED, (t) => t.includes(`${RETRACTED} v1.4.0`), 'retract/ranges upgraded', 60_000);
    // And a summary of what was done.
    const summary = question(wb, 'Upgraded 2');
    await summary.waitFor({ timeout: 30_000 });
    assert.match(await textOf(summary), /^Upgraded 2.*\(Upgrade all\)\.$/);
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
