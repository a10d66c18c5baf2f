// The entry VS Code calls in the extension host (--extensionTestsPath): runs
// the *.vscodetest.js suites beside this file with mocha. Their names keep
// them away from test/run.mjs, which runs every *.test.js with node --test,
// where `vscode` cannot be loaded. Two launchers start it: runTests.ts in
// desktop VS Code, and test/e2e/extensionHost.test.ts in code-server's Node
// extension host (workbench URL payload extensionTestsPath).
//
// GMH_VSCODE_TRUST (set by both launchers) says which launch this is:
// "trusted" runs every suite but restricted.vscodetest.js, "restricted" runs
// only that one. Without it, the workspace's trust decides, for hosts started
// by hand. GMH_VSCODE_RESULTS names a file that receives the outcome as JSON
// (results.ts), also when the suites could not even start.
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { emptyResults, record, type SuiteResults, writeResults } from './results';
import { MODES, type Mode, suiteFiles } from './selection';

export async function run(): Promise<void> {
  const resultsFile = process.env.GMH_VSCODE_RESULTS;
  const results = emptyResults();
  try {
    await runSuites(results);
  } catch (e) {
    // A failure before or outside the tests (no suites, a suite that does not load) is reported too.
    if (results.failed === 0) {
      results.failed++;
      results.failures.push({ title: 'extension-host suites (index.js)', message: e instanceof Error ? e.message : String(e) });
    }
    throw e;
  } finally {
    if (resultsFile) writeResults(resultsFile, results);
  }
}

async function runSuites(results: SuiteResults): Promise<void> {
  const mode = process.env.GMH_VSCODE_TRUST ?? (vscode.workspace.isTrusted ? 'trusted' : 'restricted');
  if (!MODES.includes(mode as Mode)) throw new Error(`GMH_VSCODE_TRUST must be "trusted" or "restricted", not "${mode}"`);
  const files = suiteFiles(__dirname, mode as Mode, '.js');
  if (files.length === 0) throw new Error(`no suites for the ${mode} run in ${__dirname}`);

  // Waits happen inside the tests, each with its own deadline; mocha's limit only backs them up.
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 120_000 });
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(`go-mod-hygiene extension-host suites (${mode}): ${files.join(', ')}`);
  const failures = await new Promise<number>((resolve) => record(mocha.run(resolve), results));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed (${mode})`);
}
