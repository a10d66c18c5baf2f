// Runs the extension-host suites (test/vscode/suite) in desktop VS Code from
// @vscode/test-electron, twice: in a trusted workspace, then in restricted mode.
// Each launch gets a fresh profile (user data and extensions directories), a
// fresh workspace folder, this repository as the only extension, and the
// environment of the LSP tests (support/isolatedEnv.ts) with the loopback test
// proxy as GOPROXY: the suites never reach a public host (launchProfile.ts).
// test/e2e/extensionHost.test.ts runs the same suites, with the same profile,
// in code-server's extension host, which needs no desktop VS Code.
//
//   node out/test/vscode/runTests.js     (after npm run build; needs a display, e.g. xvfb-run)
//
// GMH_VSCODE_EXECUTABLE: a VS Code binary to use instead of downloading one.
// GMH_VSCODE_VERSION: the version to download (default: stable).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/corpus';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { startProxyServer } from '../support/proxyServer';
import { testEnv, userSettings } from './launchProfile';
import { MODES, type Mode } from './suite/selection';
import { withoutWorkspaceTrustFlag } from './trustWrapper';

/** A failure that is one line of explanation, not a stack trace. */
class Explained extends Error {}

async function vscodeExecutable(): Promise<string> {
  const given = process.env.GMH_VSCODE_EXECUTABLE;
  if (given) return given;
  const version = process.env.GMH_VSCODE_VERSION || 'stable';
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: path.join(REPO_ROOT, '.vscode-test'), timeout: 30_000 });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Explained(`cannot download VS Code ${version} (${reason.split('\n')[0]}): the desktop extension-host tests need update.code.visualstudio.com, or GMH_VSCODE_EXECUTABLE set to an installed VS Code binary`);
  }
}

async function launch(executable: string, mode: Mode, work: string, proxyUrl: string): Promise<void> {
  const dir = path.join(work, mode);
  const workspace = path.join(dir, 'workspace');
  const userData = path.join(dir, 'user-data');
  for (const d of [workspace, path.join(userData, 'User'), path.join(dir, 'extensions'), path.join(dir, 'home')]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(userSettings(mode), null, 2));
  console.log(`\n=== VS Code extension-host suites: ${mode} workspace ===`);
  await runTests({
    // runTests always passes --disable-workspace-trust; for restricted mode a wrapper drops it.
    vscodeExecutablePath: mode === 'restricted' ? withoutWorkspaceTrustFlag(executable, dir) : executable,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(__dirname, 'suite', 'index'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${userData}`,
      `--extensions-dir=${path.join(dir, 'extensions')}`,
      // Not the login shell's environment (it would bring back the machine's Go settings).
      '--force-disable-user-env',
      '--disable-telemetry',
      '--disable-gpu',
    ],
    extensionTestsEnv: testEnv(path.join(dir, 'home'), proxyUrl, mode),
  });
}

async function main(): Promise<void> {
  const executable = await vscodeExecutable();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Explained('desktop VS Code needs a display: run under xvfb-run -a (Debian package xvfb)');
  }
  const work = mkdtempSync(path.join(tmpdir(), 'gmh-vscode-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(work, 'proxy'));
  const proxy = await startProxyServer({ root: tree.root });
  const failed: string[] = [];
  try {
    // Both launches run even when the first fails: each reports its own suites.
    for (const mode of MODES) {
      await launch(executable, mode, work, proxy.url).catch((e: unknown) => failed.push(`${mode}: ${e instanceof Error ? e.message : String(e)}`));
    }
  } finally {
    await proxy.close();
    rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  if (failed.length > 0) throw new Explained(`failed (the mocha report is above): ${failed.join('; ')}`);
}

main().then(
  () => console.log('VS Code extension-host suites passed'),
  (e: unknown) => {
    console.error(e instanceof Explained ? `test:vscode: ${e.message}` : e);
    process.exit(1);
  },
);
