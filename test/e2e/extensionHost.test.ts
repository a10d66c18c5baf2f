// The extension-host suites (test/vscode/suite, written for desktop VS Code and
// runTests.ts) in code-server's Node extension host: the workbench URL's
// payload names this repository as the extension under development (its
// dist/, from npm run build) and the suites' index.js as extensionTestsPath,
// the way desktop VS Code's --extensionDevelopmentPath/--extensionTestsPath do.
// Once in a trusted workspace, once in restricted mode, each with a fresh
// profile, the loopback test proxy and nothing that leaves the machine.
// index.js reports the mocha run as JSON (GMH_VSCODE_RESULTS). Needs
// test/e2e/installCodeServer.sh. Screenshots: test-results/e2e/extension-host/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';
import { testEnv, userSettings } from '../vscode/launchProfile';
import type { SuiteResults } from '../vscode/suite/results';
import { type Mode, MODES, suiteFiles } from '../vscode/suite/selection';
import { type CodeServer, codeServerEntry, startCodeServer } from './support/codeServer';
import { CHROMIUM, launchChromium } from './support/workbench';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'e2e', 'extension-host');
const INSTALL = 'run test/e2e/installCodeServer.sh to install code-server 4.100.3 and Debian\'s chromium';
const SUITE_SOURCES = path.join(REPO_ROOT, 'test', 'vscode', 'suite');
const SUITE_INDEX = path.join(__dirname, '..', 'vscode', 'suite', 'index');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'extension.js');

// Each suite waits at most 30 s per step; a whole run takes about 10 s.
const RESULTS_DEADLINE_MS = 180_000;
const TEST_TIMEOUT_MS = 300_000;

let tmp: string;
let proxy: ProxyServer | undefined;
let browser: Browser | undefined;
/** Every server started, stopped by after() too if a test timed out before stopping its own. */
const stops: (() => Promise<void>)[] = [];

function requirements(): string[] {
  const missing: string[] = [];
  if (!codeServerEntry()) missing.push('code-server 4.100.3 is not installed in .tools/code-server');
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} is missing`);
  if (!findGo()) missing.push('Go 1.23 (/usr/lib/go-1.23/bin/go) is missing: .ci/run installs it');
  if (!existsSync(EXTENSION_MAIN)) missing.push('dist/extension.js is missing: npm run build makes it');
  return missing;
}

/** The titles of the tests the mode's suites hold, read from their sources (test('title', ...)). */
function expectedTitles(mode: Mode): string[] {
  const title = /^\s*test\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/gm;
  return suiteFiles(SUITE_SOURCES, mode, '.ts').flatMap((f) =>
    [...readFileSync(path.join(SUITE_SOURCES, f), 'utf8').matchAll(title)].map((m) => m[2].replace(/\\(.)/g, '$1')));
}

/** The workbench URL that runs the suites instead of waiting for a user. */
function testUrl(server: CodeServer): string {
  const remote = `vscode-remote://${new URL(server.url).host}`;
  const payload = [['extensionDevelopmentPath', `${remote}${REPO_ROOT}`], ['extensionTestsPath', `${remote}${SUITE_INDEX}`]];
  return `${server.folderUrl}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Waits for index.js to write the results file. The extension host exits
 * right after writing it, so an exit without the file means the suites never
 * reported (a crash, or an index.js that did not load): no point in waiting on.
 */
async function waitForResults(file: string, server: CodeServer): Promise<SuiteResults> {
  const deadline = Date.now() + RESULTS_DEADLINE_MS;
  for (;;) {
    const exited = /Extension Host Process exited with code: (\d+)/.exec(server.output());
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SuiteResults;
    if (exited) throw new Error(`the extension host exited (code ${exited[1]}) without reporting results`);
    if (Date.now() > deadline) throw new Error(`the suites did not report within ${RESULTS_DEADLINE_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The last lines of the named log files under the profile's logs, to explain a failure. */
function logTails(dataDir: string, names: string[], lines = 40): string {
  const find = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? find(p) : names.includes(e.name) ? [p] : [];
  });
  let files: string[] = [];
  try {
    files = find(path.join(dataDir, 'user-data', 'logs'));
  } catch {
    // No logs yet: code-server did not get that far.
  }
  return files.map((f) => `--- ${path.basename(f)} (last lines) ---\n${readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')}`).join('\n');
}

function failureReport(r: SuiteResults): string {
  return `${r.failed} failed, ${r.passed} passed:\n${r.failures.map((f) => `  ✖ ${f.title}\n    ${f.message.replace(/\n/g, '\n    ')}`).join('\n')}`;
}

async function runSuites(mode: Mode): Promise<void> {
  const dir = path.join(tmp, mode);
  const workspace = path.join(dir, 'workspace');
  const home = path.join(dir, 'home');
  const dataDir = path.join(dir, 'code-server');
  const resultsFile = path.join(dir, 'results.json');
  for (const d of [workspace, home]) mkdirSync(d, { recursive: true });
  const server = await startCodeServer({
    folder: workspace,
    dataDir,
    env: {
      ...testEnv(home, proxy!.url, mode),
      // code-server passes its environment on to the extension host: this is how index.js learns where to write.
      GMH_VSCODE_RESULTS: resultsFile,
      // code-server has no --force-disable-user-env (runTests.ts passes it to desktop VS Code). Without
      // this, the server merges a login shell's environment (/etc/profile and the like, which may set Go
      // or proxy variables) over the one above; it skips that when it believes its own CLI started it.
      VSCODE_CLI: '1',
    },
    // The go command by its path: the extension host's PATH does not name it.
    userSettings: { ...userSettings(mode), 'goModHygiene.goBinary': findGo() },
  });
  // Stopped once: a second kill of the same process-group id could reach a group that reused it.
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= server.stop());
  stops.push(stop);
  const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(testUrl(server));
    const results = await waitForResults(resultsFile, server);
    await page.screenshot({ path: path.join(SHOTS, `${mode}.png`) }).catch(() => undefined);
    if (results.failed > 0) throw new Error(failureReport(results));
    const expected = expectedTitles(mode);
    assert.ok(expected.length > 0, `no test('...') found in the ${mode} suites of ${SUITE_SOURCES}`);
    assert.deepEqual([...results.tests].sort(), [...expected].sort(), `the tests that ran in the ${mode} launch`);
    assert.equal(results.passed, expected.length);
  } catch (e) {
    // A new error: node prints an AssertionError from the stack it captured, which an appended message misses.
    const logs = [logTails(dataDir, ['remoteexthost.log', 'Go Module Hygiene.log']), `--- code-server (last lines) ---\n${server.output().split('\n').slice(-20).join('\n')}`];
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${logs.join('\n')}`);
  } finally {
    if (!existsSync(path.join(SHOTS, `${mode}.png`))) await page.screenshot({ path: path.join(SHOTS, `${mode}.png`) }).catch(() => undefined);
    await context.close().catch(() => undefined);
    await stop();
  }
}

before(async () => {
  const missing = requirements();
  if (missing.length > 0) throw new Error(`The extension-host tests cannot run: ${missing.join('; ')}. To fix: ${INSTALL}.`);
  tmp = mkdtempSync(path.join(tmpdir(), 'gmh-exthost-'));
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const tree = buildProxyTree([fixtureModulesDir], path.join(tmp, 'proxy'));
  proxy = await startProxyServer({ root: tree.root });
  browser = await launchChromium(path.join(tmp, 'chromium'));
});

after(async () => {
  await browser?.close().catch(() => undefined);
  for (const stop of stops) await stop();
  await proxy?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

describe('extension-host suites in code-server', () => {
  for (const mode of MODES) {
    test(`${mode} workspace: test/vscode/suite (${mode === 'trusted' ? 'every suite but restricted' : 'restricted'})`, { timeout: TEST_TIMEOUT_MS }, () => runSuites(mode));
  }
});
