// `npm run icon`: renders images/icon.svg into images/icon.png, the 128x128
// icon of the marketplace page and the Extensions view, in Debian's Chromium
// (the browser the workbench tests use), with a transparent background
// outside the rounded tile. Edit the SVG, run this, look at the PNG. The
// PNGs in images/ were then made smaller (optional, Debian's packages): the
// icon losslessly by `optipng -o2 -strip all`, the README's screenshots by
// `pngquant --quality 80-95 --speed 1 --strip` (256 colours, which a screenshot
// of the editor does not miss), about half their size inside the .vsix.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../test/e2e/support/workbench';
import { REPO_ROOT } from '../test/support/corpus';

const SVG = path.join(REPO_ROOT, 'images', 'icon.svg');
const PNG = path.join(REPO_ROOT, 'images', 'icon.png');
/** The size the marketplace asks for (at least 128x128 pixels). */
const SIZE = 128;

async function main(): Promise<void> {
  const svg = readFileSync(SVG, 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(PNG, png);
  } finally {
    await browser.close();
  }
  console.log(`${path.relative(REPO_ROOT, PNG)}: ${SIZE}x${SIZE}, ${statSync(PNG).size} bytes`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
