// Drives the VS Code workbench in Debian's Chromium as a user does: clicks,
// keys and what is on screen. Every wait polls with a deadline.
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium (playwright's own browser download cannot work here). With
 * `home`, the browser keeps its files (crash reports, caches) there.
 */
export async function launchChromium(home?: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run test/e2e/installCodeServer.sh (it installs Debian's chromium)`);
  if (home) mkdirSync(home, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    env: home ? { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') } : undefined,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Only loopback is reachable: any host name the page might look up fails to resolve.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** Polls `probe` until it returns something other than undefined. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** What is on screen, as plain text, line breaks included: the editor renders spaces as no-break spaces. */
export async function textOf(l: Locator): Promise<string> {
  return (await l.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * The text of every element a locator matches, read in one step: lists such as
 * the Problems view re-render while they are read, and reading rows one by one
 * then waits on a row that is gone.
 */
export async function textsOf(l: Locator): Promise<string[]> {
  return (await l.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
}

/**
 * Waits until an element that fades in (a hover, a toast) is fully shown, so
 * that a screenshot shows it as the user reads it; after 5 s, takes it as it is.
 */
export async function fullyShown(l: Locator): Promise<void> {
  type Styled = { getComputedStyle(e: unknown): { opacity: string } };
  await poll('fully shown', async () => ((await l.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).opacity)) === '1' ? true : undefined), 5_000).catch(() => undefined);
}

/**
 * A rendered editor line split into the file's text and the inlay hints after
 * it: VS Code pads a hint with a hair space (U+200A), which no go.mod here holds.
 * `chips` are the hints one by one; `hints` joins them with two spaces.
 */
export function splitHints(line: string): { text: string; hints: string; chips: string[] } {
  const [text, ...rest] = line.split('\u200a');
  const chips = rest.map((c) => c.trim()).filter((c) => c !== '');
  return { text: text.trim(), hints: chips.join('  '), chips };
}

export class Workbench {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, folderUrl: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(folderUrl);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /** Opens a file of the workspace folder from the Explorer. */
  async openFile(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click({ timeout: 30_000 });
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
  }

  /** The rendered editor line that contains `text` (the file's text plus any inlay hints after it). */
  editorLine(text: string): Locator {
    return this.page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: text });
  }

  /** Waits for a rendered line that contains `text` and satisfies `accept`, and returns its text. */
  async waitForLine(text: string, accept: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string> {
    return poll(what, async () => {
      return (await textsOf(this.editorLine(text))).find(accept);
    }, timeoutMs);
  }

  /** Moves the mouse off the editor, so that no hover stays open. */
  async moveMouseAway(): Promise<void> {
    await this.page.mouse.move(1, 1);
  }

  /**
   * Rests the pointer on a word of the line that contains `lineText` until the
   * hover that says `hasText` shows, fully. A pointer that arrives while the
   * editor is still laying out can be missed, so it leaves and rests again.
   */
  async hoverWord(lineText: string, word: string, hasText: string): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:visible', { hasText });
    await poll(`the hover on ${word} that says "${hasText}"`, async () => {
      await this.moveMouseAway();
      await this.editorLine(lineText).getByText(word, { exact: true }).hover();
      return (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => undefined));
    });
    await fullyShown(hover);
    return hover;
  }

  /** Puts the caret on the module path in a require line, by clicking it. */
  async clickModule(modulePath: string): Promise<Locator> {
    const token = this.editorLine(modulePath).getByText(modulePath, { exact: true });
    await token.click();
    return token;
  }

  /**
   * Opens the code actions at the caret (Ctrl+.) and applies the one titled
   * `title` with the keyboard, as the menu is meant to be used: it opens in a
   * context view whose full-window pointer block takes Playwright's clicks.
   */
  async chooseCodeAction(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Period');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.filter({ hasText: title }).first().waitFor({ timeout: 30_000 });
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      if ((await rows.filter({ hasText: title }).first().getAttribute('class'))?.split(' ').includes('focused')) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the code action "${title}" could not be selected`);
  }

  /** Runs a command from the Command Palette (F1), by its title as shown there. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  async screenshot(dir: string, name: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`) });
  }
}
