// `npm run screenshots`: the README's pictures, taken from the demo (demo.ts)
// in Debian's Chromium: go.mod with its inlay hints, a hover, and the Problems
// panel. A fresh profile each time, so that the pictures do not depend on
// settings changed in earlier demo runs. Fails if the page asked anything of
// a host other than 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM, poll, splitHints, textOf, Workbench } from '../test/e2e/support/workbench';
import { REPO_ROOT } from '../test/support/corpus';
import { type Demo, DemoError, parseDemoArgs, startDemo } from './demo';

const OUT_DIR = path.join(REPO_ROOT, 'images');
const VIEWPORT = { width: 1280, height: 720 };
/** A README image larger than this is too heavy for what it shows. */
const MAX_BYTES = 300 * 1024;

const SCREENSHOT_SETTINGS: Record<string, unknown> = {
  'breadcrumbs.enabled': false,
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'editor.hover.delay': 100,
  'editor.hover.sticky': true,
  // The caret sits on "//" at line 1: no highlighted occurrences of it all over the file.
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
};

/** Hints that show the proxy has answered for these lines. */
const READY: Array<[string, string]> = [
  ['example.com/cache', '⚠ retracted'],
  ['example.com/greeting', '(minor)'],
  ['example.com/strutil', '(patch)'],
  ['example.com/oldlog', '⚠ deprecated'],
];

async function waitForFacts(wb: Workbench): Promise<void> {
  for (const [module, hint] of READY) {
    await wb.waitForLine(`${module} `, (t) => splitHints(t).hints.includes(hint), `the "${hint}" hint on ${module}`, 60_000);
  }
  // The status bar counts the published diagnostics: 3 errors once module-not-found has come too.
  await poll('3 errors in the status bar', async () => (/\d+/.exec(await textOf(wb.page.locator('#status\\.problems')))?.[0] === '3' ? true : undefined), 30_000);
}

/** Scrolls the editor so that the first line shown is `line` (1-based): Ctrl+Home, then Ctrl+Down (scroll one line) from there. */
async function scrollTo(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+1'); // focus the editor
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('Control+ArrowDown');
  await page.waitForTimeout(300);
}

/** Somewhere the pointer shows no hover: the empty editor area right of the lines, near the top. */
async function parkPointer(page: Page): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 60, 120);
}

/**
 * The packaged README carries these pictures inside it (images/packagedReadme.mjs),
 * so their bytes are the .vsix's: Debian's pngquant cuts them to 256 colours,
 * which a screenshot of an editor survives unseen. Without pngquant they stay full size.
 */
function shrink(file: string): void {
  const r = spawnSync('pngquant', ['--quality', '80-95', '--speed', '1', '--strip', '--force', '--output', file, '--', file], { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) console.log(`${path.basename(file)}: not reduced (${r.error ? 'pngquant is not installed: apt-get install pngquant' : r.stderr.trim() || `pngquant exit ${r.status}`})`);
}

async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  shrink(file);
  const size = statSync(file).size;
  console.log(`${path.relative(REPO_ROOT, file)}: ${Math.round(size / 1024)} KB${size > MAX_BYTES ? ` (over ${MAX_BYTES / 1024} KB: consider a smaller viewport)` : ''}`);
  return file;
}

/**
 * Debian's Chromium, as the workbench tests launch it, but leaving Ctrl+C to
 * us: Playwright's own handler would exit before code-server is stopped.
 */
function launchBrowser(home: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new DemoError(`${CHROMIUM} is missing: test/e2e/installCodeServer.sh installs Debian's chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    handleSIGINT: false,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Only loopback is reachable: any host name the page might look up fails to resolve.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** The rows of the Problems panel, as text (for failure reports). */
async function problems(page: Page): Promise<string> {
  try {
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(1_000);
    return (await Promise.all((await page.locator('.markers-panel .monaco-list-row').all()).map(textOf))).join('\n');
  } catch (e) {
    return String(e);
  }
}

/** The extension's output channel, as the workbench logged it. */
function extensionLog(dataDir: string): string {
  const logs = path.join(dataDir, 'code-server', 'user-data', 'logs');
  const found = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('Go Module Hygiene.log')).sort();
  return found.length > 0 ? readFileSync(path.join(logs, found[found.length - 1]), 'utf8') : '(no log)';
}

/** Takes the three pictures, from a workbench that shows go.mod. */
async function takeScreenshots(page: Page): Promise<void> {
  const wb = new Workbench(page);
  await page.locator('.tabs-container .tab.active[data-resource-name="go.mod"]').waitFor({ timeout: 60_000 });
  await waitForFacts(wb);

  // 1. The require block with its hints; the sidebar closed for room.
  await page.keyboard.press('Control+B');
  await scrollTo(page, 5);
  // The vulnerable requirement is near the end of the require block: only now is its line drawn.
  await wb.waitForLine('example.com/xmlsig ', (t) => splitHints(t).hints.includes('⚠ 2 vulnerabilities'), 'the vulnerability hint on example.com/xmlsig', 30_000);
  await parkPointer(page);
  await page.waitForTimeout(500);
  await shoot(page, 'screenshot-editor');

  // 2. The hover of a retracted requirement: update, retraction reason, and the diagnostics on the version.
  // Hovered twice, the second time after the pointer has left: the picture shows a hover that has settled.
  const version = wb.editorLine('example.com/cache ').getByText('v1.0.1', { exact: true });
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Retracted by its author' });
  await version.hover();
  await hover.waitFor({ timeout: 30_000 });
  await parkPointer(page);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(1_000);
  await version.hover();
  await page.locator('.monaco-hover:visible', { hasText: 'published' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await shoot(page, 'screenshot-hover');

  // 3. The Problems panel: errors, warnings and information (hints stay out of it).
  await parkPointer(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'module-not-found' }).first().waitFor({ timeout: 30_000 });
  // No selected row (Escape), room for every row (drag the panel's top edge up), the focus back in the editor.
  await page.keyboard.press('Escape');
  const top = (await page.locator('.part.panel').first().boundingBox())?.y;
  if (top !== undefined) {
    await page.mouse.move(VIEWPORT.width / 2, top + 1);
    await page.mouse.down();
    await page.mouse.move(VIEWPORT.width / 2, 250, { steps: 5 });
    await page.mouse.up();
  }
  await scrollTo(page, 9);
  await parkPointer(page);
  await page.waitForTimeout(500);
  await shoot(page, 'screenshot-problems');
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2), 'usage: npm run screenshots -- [--vsix FILE]');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gmh-screenshots-'));
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  // code-server runs in its own process group: on Ctrl+C, end the run (closing the
  // browser makes every page step fail) so that the cleanup below stops it.
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    void browser?.close().catch(() => undefined);
  });
  try {
    demo = await startDemo({ port: 0, vsix: args.vsix, dataDir, userSettings: SCREENSHOT_SETTINGS, log: () => undefined });
    if (interrupted) throw new DemoError('interrupted');
    browser = await launchBrowser(path.join(dataDir, 'chromium'));
    if (interrupted) throw new DemoError('interrupted');
    const page = await browser.newPage({ viewport: VIEWPORT });
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (/^(http|ws)s?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') outside.push(r.url());
    });
    await page.goto(demo.url);
    try {
      await takeScreenshots(page);
    } catch (e) {
      if (interrupted) throw new DemoError('interrupted');
      const failure = path.join(tmpdir(), 'gmh-screenshots-failure.png');
      await page.screenshot({ path: failure }).catch(() => undefined);
      console.error(`what the page showed: ${failure}`);
      console.error(`--- Problems ---\n${await problems(page)}`);
      console.error(`--- Go Module Hygiene output (last lines) ---\n${extensionLog(dataDir).split('\n').slice(-30).join('\n')}`);
      throw e;
    }
    if (outside.length > 0) throw new DemoError(`the workbench contacted hosts other than 127.0.0.1:\n  ${[...new Set(outside)].join('\n  ')}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof DemoError ? `screenshots: ${e.message}` : e);
  process.exit(1);
});
