// The check by hand of living beside the official Go extension (golang.go) and
// gopls, made repeatable: both packaged extensions in code-server on a copy of
// examples/demo, against the demo's module proxy on 127.0.0.1. It records what
// each one shows on go.mod (code lenses, Problems rows by source, the hover on a
// requirement, document links, the formatter) into
// test-results/go-extension/<mode>/report.json with screenshots, and fails if
// our extension shows something gopls already shows while
// goModHygiene.goExtension is "defer" (the default).
//
// Opt-in, and never installs anything: it needs a Go extension .vsix built from
// its public source and a gopls binary, and says "skipped" without them.
//   GMH_GO_VSIX=/path/go-x.y.z.vsix GMH_GOPLS=/path/gopls \
//     npm run build && node out/examples/goExtensionCheck.js [defer|ignore]
// (the README's "Beside the official Go extension" says how to build both).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { codeServerEntry, startCodeServer } from '../test/e2e/support/codeServer';
import { vsixUnderTest } from '../test/e2e/support/vsix';
import { launchChromium, poll, textOf, Workbench } from '../test/e2e/support/workbench';
import { REPO_ROOT } from '../test/support/corpus';
import { buildProxyTree } from '../test/support/moduleFixtures';
import { startProxyServer } from '../test/support/proxyServer';
import { demoGoEnv } from './demo';

const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');
const PROXY_FIXTURES = path.join(REPO_ROOT, 'examples', 'demo-proxy');
const GO = '/usr/local/go/bin/go';
/** A requirement of the demo that both servers know: the retracted one. */
const MODULE = 'example.com/cache';

interface Report {
  mode: string;
  codeLenses: string[];
  problems: { source: string; text: string }[];
  hover: string;
  linksOnModule: number;
  formatter: string;
}

function skip(why: string): never {
  console.log(`go extension check skipped: ${why}`);
  process.exit(0);
}

/** The Problems rows, each with its source (go-mod-hygiene, or gopls' own: "go mod tidy", "compiler", ...). */
async function problemRows(page: Page): Promise<Report['problems']> {
  await new Workbench(page).runCommand('Problems: Focus on Problems View');
  await page.waitForTimeout(1_000);
  const rows = await Promise.all((await page.locator('.markers-panel .monaco-list-row').all()).map(textOf));
  return rows.filter((r) => !/^go\.mod\b.*\d+$/.test(r.split('\n')[0])).map((text) => ({ source: text.split('\n')[1] ?? '', text: text.replace(/\n/g, ' | ') }));
}

async function hoverText(wb: Workbench): Promise<string> {
  const hover = wb.page.locator('.monaco-hover:visible');
  await poll(`the hover on ${MODULE}`, async () => {
    await wb.moveMouseAway();
    await wb.editorLine(`${MODULE} v`).getByText(MODULE, { exact: true }).hover();
    return hover.waitFor({ timeout: 5_000 }).then(() => true, () => undefined);
  });
  await wb.page.waitForTimeout(1_500); // a second provider's part comes later
  return textOf(hover);
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'defer';
  const goVsix = process.env.GMH_GO_VSIX;
  const gopls = process.env.GMH_GOPLS;
  if (!goVsix || !existsSync(goVsix)) skip('GMH_GO_VSIX names no Go extension .vsix');
  if (!gopls || !existsSync(gopls)) skip('GMH_GOPLS names no gopls binary');
  const entry = codeServerEntry();
  if (!entry) skip('code-server is not installed (test/e2e/installCodeServer.sh)');
  if (!existsSync(GO)) skip(`${GO} is missing`);

  const out = path.join(REPO_ROOT, 'test-results', 'go-extension', mode);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'gmh-goext-'));
  const tree = buildProxyTree([PROXY_FIXTURES], path.join(tmp, 'proxy'));
  const proxy = await startProxyServer({ root: tree.root });
  const workspace = path.join(tmp, 'demo');
  cpSync(DEMO_SOURCE, workspace, { recursive: true });
  const profile = path.join(tmp, 'code-server');
  // GOFLAGS=-mod=mod (the demo's) is refused in workspace mode, which gopls uses for the demo's go.work.
  const env = { ...demoGoEnv(proxy.url, GO, tmp), GOFLAGS: '-modcacherw', HOME: path.join(tmp, 'home'), XDG_CONFIG_HOME: path.join(tmp, 'config') };
  // gopls keeps telemetry counters unless told otherwise (nothing is uploaded).
  mkdirSync(path.join(tmp, 'config', 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(tmp, 'config', 'go', 'telemetry', 'mode'), 'off');
  // The Go extension first; startCodeServer installs ours.
  for (const d of ['user-data', 'extensions']) mkdirSync(path.join(profile, d), { recursive: true });
  writeFileSync(path.join(profile, 'config.yaml'), 'auth: none\n');
  const dirs = ['--config', path.join(profile, 'config.yaml'), '--user-data-dir', path.join(profile, 'user-data'), '--extensions-dir', path.join(profile, 'extensions')];
  execFileSync(process.execPath, [entry, ...dirs, '--install-extension', goVsix, '--force'], { env, stdio: 'pipe', timeout: 120_000 });
  const server = await startCodeServer({
    folder: workspace, dataDir: profile, vsix: vsixUnderTest(tmp).file, env,
    userSettings: {
      'goModHygiene.goBinary': GO,
      'goModHygiene.goExtension': mode,
      'go.alternateTools': { gopls },
      'go.toolsManagement.autoUpdate': false,
      'go.toolsManagement.checkForUpdates': 'off',
      'go.survey.prompt': false,
      'go.showWelcome': false,
      'go.useLanguageServer': true,
      'editor.inlayHints.enabled': 'on',
    },
  });
  const browser = await launchChromium(path.join(tmp, 'chromium'));
  try {
    const wb = await Workbench.open(browser, server.folderUrl);
    await wb.openFile('go.mod');
    const page = wb.page;
    // Both servers answer once they have looked the modules up; gopls loads the module graph first.
    await wb.waitForLine(MODULE, (t) => t.includes('retracted'), 'our retracted hint', 60_000);
    await page.waitForTimeout(15_000);
    await wb.screenshot(out, 'editor');
    const codeLenses = await Promise.all((await page.locator('.codelens-decoration').all()).map(textOf));
    const hover = await hoverText(wb);
    await wb.screenshot(out, 'hover');
    await wb.moveMouseAway();
    // A document link is a decoration on its range; both servers may add one on the module path.
    const linksOnModule = await wb.editorLine(`${MODULE} v`).locator('.detected-link, .detected-link-active').count();
    const problems = await problemRows(page);
    await wb.screenshot(out, 'problems');
    await page.keyboard.press('Control+1');
    await wb.runCommand('Format Document');
    await page.waitForTimeout(2_000);
    await wb.screenshot(out, 'format');
    const notice = page.locator('.notifications-toasts .notification-toast', { hasText: /formatter/i });
    const formatter = (await notice.count()) > 0 ? await textOf(notice.first()) : 'one formatter ran (no choice asked)';
    const report: Report = { mode, codeLenses, problems, hover, linksOnModule, formatter };
    writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
    console.log(`screenshots and report: ${path.relative(REPO_ROOT, out)}`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await proxy.close();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
