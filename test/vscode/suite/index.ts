// The entry VS Code calls in the extension host (--extensionTestsPath): runs
// the *.vscodetest.js suites beside this file with mocha. Their names keep
// them away from test/run.mjs, which runs every *.test.js with node --test,
// where `vscode` cannot be loaded.
//
// GMH_VSCODE_TRUST (set by runTests.ts) says which launch this is: "trusted"
// runs every suite but restricted.vscodetest.js, "restricted" runs only that
// one. Without it, the workspace's trust decides, for hosts started by hand.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const RESTRICTED_SUITE = 'restricted.vscodetest.js';

export async function run(): Promise<void> {
  const mode = process.env.GMH_VSCODE_TRUST ?? (vscode.workspace.isTrusted ? 'trusted' : 'restricted');
  if (mode !== 'trusted' && mode !== 'restricted') throw new Error(`GMH_VSCODE_TRUST must be "trusted" or "restricted", not "${mode}"`);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.vscodetest.js') && (f === RESTRICTED_SUITE) === (mode === 'restricted'))
    .sort();
  if (files.length === 0) throw new Error(`no suites for the ${mode} run in ${__dirname}`);

  // Waits happen inside the tests, each with its own deadline; mocha's limit only backs them up.
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 120_000 });
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(`go-mod-hygiene extension-host suites (${mode}): ${files.join(', ')}`);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed (${mode})`);
}
