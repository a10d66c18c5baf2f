// Restricted mode (an untrusted workspace): the extension still checks the
// go.mod against the proxy from the user's own configuration, but never runs
// the go command and ignores the workspace values of the settings that could
// redirect it (package.json: capabilities.untrustedWorkspaces). runTests.ts
// starts VS Code for this suite without --disable-workspace-trust; both it and
// test/e2e/extensionHost.test.ts (code-server) turn workspace trust on in the
// user settings of a fresh profile, where no folder is trusted yet.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsWith, hoversAt, hoverText, openModule, quickFixes, titles, workspaceRoot, writeText } from './editor';
import { until } from './wait';

const GO_MOD = [
  'module example.com/restricted',
  '',
  'go 1.22',
  '',
  'require example.com/retract/ranges v1.2.0',
  '',
  'exclude example.com/excludeme v1.0.0',
  '',
].join('\n');
const RETRACTED = 4;
const EXCLUDE = 6;

/**
 * Workspace settings: one a restricted workspace may not use (it would turn
 * every lookup off), and one it may (updates as errors), which shows that the
 * file itself was read.
 */
const WORKSPACE_SETTINGS = {
  'goModHygiene.env': { GOPROXY: 'off' },
  'goModHygiene.diagnostics': { 'update-available': 'error' },
};

suite('restricted mode (untrusted workspace)', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite needs restricted mode: VS Code must start without --disable-workspace-trust, with workspace trust enabled');
    const settings = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(settings, '..'));
    await writeText(settings, JSON.stringify(WORKSPACE_SETTINGS, null, 2));
    await until(
      'VS Code to read the workspace settings',
      () => vscode.workspace.getConfiguration('goModHygiene').get<Record<string, string>>('diagnostics'),
      (v) => v?.['update-available'] === 'error',
    );
    doc = await openModule('restricted', GO_MOD);
    await activateExtension();
  });

  test('the proxy is still asked, with the user configuration; the workspace GOPROXY is ignored', async () => {
    // With GOPROXY=off from the workspace there would be no retraction to report, only lookup-failed.
    const diags = await diagnosticsWith(doc.uri, ['retracted-version', 'update-available'], (ds) =>
      ds.some((d) => codeOf(d) === 'update-available' && d.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(diags.find((d) => codeOf(d) === 'retracted-version')?.range.start.line, RETRACTED);
    assert.ok(!diags.some((d) => codeOf(d) === 'lookup-failed'), diags.map((d) => d.message).join('\n'));
  });

  test('hover still tells the latest version and the retraction reason', async () => {
    const text = await until('a hover with the retraction', async () => hoverText(await hoversAt(doc.uri, new vscode.Position(RETRACTED, 10))), (t) => t.includes('Retracted'));
    assert.match(text, /Update: \*\*v1\.4\.0\*\*/);
    assert.match(text, /Data race in the connection pool\./);
  });

  test('fixes that need the go command are not offered; text-only fixes are', async () => {
    const diags = await diagnosticsWith(doc.uri, ['retracted-version', 'exclude-unused']);
    const retracted = diags.find((d) => codeOf(d) === 'retracted-version')!;
    const exclude = diags.find((d) => codeOf(d) === 'exclude-unused')!;
    assert.equal(exclude.range.start.line, EXCLUDE);
    const removal = await until('the Remove exclude quick fix', () => quickFixes(doc.uri, exclude.range), (as) => titles(as).includes('Remove exclude'));
    assert.ok(removal.length > 0);
    const upgrades = titles(await quickFixes(doc.uri, retracted.range)).filter((t) => t.startsWith('Upgrade'));
    assert.deepEqual(upgrades, [], 'no go get in restricted mode');
  });
});
