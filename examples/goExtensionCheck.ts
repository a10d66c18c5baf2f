// The check by hand of living beside the official Go extension (golang.go) and
// gopls, made repeatable: both packaged extensions in code-server, against a
// module proxy on 127.0.0.1. Two workspaces: `module`, a module gopls can load
// (two used requirements, one unused, go.sum complete), and `demo`, a copy of
// examples/demo, whose broken go.work and go.mod gopls cannot load. It records
// what each extension shows on go.mod (code lenses, Problems rows by source,
// the hover on a requirement, document links, the formatter, a syntax error
// typed at the end) into test-results/go-extension/<workspace>-<mode>/ with
// screenshots, and fails if something is shown twice while
// goModHygiene.goExtension is "defer" (the default).
//
// Opt-in, and never installs anything: it needs a Go extension .vsix built from
// its public source and a gopls binary, and says "skipped" without them.
//   GMH_GO_VSIX=/path/go-x.y.z.vsix GMH_GOPLS=/path/gopls \
//     npm run build && node out/examples/goExtensionCheck.js [module|demo] [defer|ignore]
// (the README's "Beside the official Go extension" says how to build both).
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { codeServerEntry, startCodeServer } from '../test/e2e/support/codeServer';
import { vsixUnderTest } from '../test/e2e/support/vsix';
import { launchChromium, poll, textOf, Workbench } from '../test/e2e/support/workbench';
import { REPO_ROOT } from '../test/support/corpus';
import { buildProxyTree, fixtureModulesDir } from '../test/support/moduleFixtures';
import { startProxyServer } from '../test/support/proxyServer';
import { demoGoEnv } from './demo';

const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');
const GO = '/usr/local/go/bin/go';
const run = promisify(execFile);

/** A requirement both servers know, hovered: the retracted one. */
interface Workspace {
  proxyFixtures: string;
  module: string;
  /** Fills the (empty) workspace folder; the proxy runs meanwhile. */
  make(folder: string, env: NodeJS.ProcessEnv): Promise<void>;
}

const WORKSPACES: Record<string, Workspace> = {
  module: {
    proxyFixtures: fixtureModulesDir,
    module: 'example.com/retract/ranges',
    async make(folder, env) {
      writeFileSync(path.join(folder, 'go.mod'), 'module example.com/check\n\ngo 1.21\n\nrequire (\n\texample.com/retract/ranges v1.2.0\n\texample.com/majors v1.0.0\n\texample.com/excludeme v1.0.0\n)\n');
      writeFileSync(path.join(folder, 'main.go'), 'package main\n\nimport (\n\t_ "example.com/majors"\n\t_ "example.com/retract/ranges"\n)\n\nfunc main() {}\n');
      // go.sum, so that gopls loads the module (and finds example.com/excludeme unused).
      await run(GO, ['mod', 'download', 'example.com/retract/ranges', 'example.com/majors', 'example.com/excludeme'], { cwd: folder, env });
    },
  },
  demo: {
    proxyFixtures: path.join(REPO_ROOT, 'examples', 'demo-proxy'),
    module: 'example.com/cache',
    async make(folder) {
      cpSync(DEMO_SOURCE, folder, { recursive: true });
    },
  },
};
let MODULE = '';

interface Report {
  mode: string;
  codeLenses: string[];
  problems: { source: string; text: string }[];
  hover: string;
  linksOnModule: number;
  formatter: string;
  syntax: { source: string; text: string }[];
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
  const which = process.argv[2] ?? 'module';
  const mode = process.argv[3] ?? 'defer';
  const ws = WORKSPACES[which];
  if (!ws || !['defer', 'ignore', 'baseline'].includes(mode)) throw new Error('usage: goExtensionCheck.js [module|demo] [defer|ignore]');
  MODULE = ws.module;
  const goVsix = process.env.GMH_GO_VSIX;
  const gopls = process.env.GMH_GOPLS;
  if (!goVsix || !existsSync(goVsix)) skip('GMH_GO_VSIX names no Go extension .vsix');
  if (!gopls || !existsSync(gopls)) skip('GMH_GOPLS names no gopls binary');
  const entry = codeServerEntry();
  if (!entry) skip('code-server is not installed (test/e2e/installCodeServer.sh)');
  if (!existsSync(GO)) skip(`${GO} is missing`);

  const out = path.join(REPO_ROOT, 'test-results', 'go-extension', `${which}-${mode}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'gmh-goext-'));
  const tree = buildProxyTree([ws.proxyFixtures], path.join(tmp, 'proxy'));
  const proxy = await startProxyServer({ root: tree.root });
  const workspace = path.join(tmp, 'demo');
  mkdirSync(workspace, { recursive: true });
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
  await ws.make(workspace, env);
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
    await wb.waitForLine(`${MODULE} v`, (t) => t.includes('retracted'), 'our retracted hint', 60_000);
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
    // With two formatters VS Code stops with a dialog ("Configure Default Formatter").
    const dialog = page.locator('.monaco-dialog-box', { hasText: /formatter/i });
    const formatter = (await dialog.count()) > 0 ? (await textOf(dialog.first())).replace(/\n+/g, ' ') : 'one formatter ran (no choice asked)';
    if ((await dialog.count()) > 0) await page.keyboard.press('Escape');
    // A line the go command rejects, typed at the end of the buffer: who reports it?
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nbogus directive\n');
    await page.waitForTimeout(5_000);
    const syntax = (await problemRows(page)).filter((r) => /bogus|unknown directive/.test(r.text));
    await wb.screenshot(out, 'syntax');
    const report: Report = { mode, codeLenses, problems, hover, linksOnModule, formatter, syntax };
    writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
    console.log(`screenshots and report: ${path.relative(REPO_ROOT, out)}`);
    if (mode === 'defer') {
      const twice = [
        formatter.startsWith('one') ? '' : `VS Code asked which formatter to use: ${formatter}`,
        /on pkg\.go\.dev \(ctrl \+ click\)/.test(hover) && /Follow link/.test(hover) ? 'two links on the module path' : '',
        syntax.length > 1 ? `the syntax error twice: ${syntax.map((r) => r.source).join(', ')}` : '',
        problems.some((r) => /not-tidy/.test(r.text)) && problems.some((r) => r.source === 'go mod tidy') ? 'our not-tidy finding beside gopls\' tidy diagnostics' : '',
      ].filter(Boolean);
      if (twice.length > 0) throw new Error(`shown twice while deferring to gopls: ${twice.join('; ')}`);
      console.log('defer: nothing shown twice (links and formatting left to gopls; syntax and tidy findings shown once)');
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    // The logs of both extensions and the extension host, beside the screenshots.
    const logs = path.join(profile, 'user-data', 'logs');
    for (const f of existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }) : []) {
      if (/(Go Module Hygiene|gopls|Go|remoteexthost)\.log$/.test(f)) cpSync(path.join(logs, f), path.join(out, 'logs', path.basename(f)));
    }
    await proxy.close();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
