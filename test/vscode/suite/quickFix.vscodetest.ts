// The quick fix for a retracted version, end to end: offered on the
// diagnostic, applied through the server's command (the go command runs on a
// copy of the buffer), landing in the editor as an unsaved edit, and on disk
// only once the user saves. Needs the go command, so a trusted workspace.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsWith, openModule, quickFixes, readText, titles } from './editor';
import { until } from './wait';

const GO_MOD = 'module example.com/quickfix\n\ngo 1.22\n\nrequire example.com/retract/ranges v1.2.0\n';
const UPGRADED = /^require example\.com\/retract\/ranges v1\.4\.0$/m;
const GO_SUM_LINE = /^example\.com\/retract\/ranges v1\.4\.0\/go\.mod h1:/m;

suite('quick fix: Upgrade to v1.4.0', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the fix runs the go command, which needs a trusted workspace');
    doc = await openModule('quickfix', GO_MOD);
    await activateExtension();
  });

  test('applies as an editor edit, and reaches the disk on save', async () => {
    const diags = await diagnosticsWith(doc.uri, ['retracted-version']);
    const retracted = diags.find((d) => codeOf(d) === 'retracted-version')!;
    const actions = await until('the Upgrade to v1.4.0 quick fix', () => quickFixes(doc.uri, retracted.range), (as) => titles(as).includes('Upgrade to v1.4.0'));
    const upgrade = actions.find((a): a is vscode.CodeAction => a.title === 'Upgrade to v1.4.0' && 'kind' in a);
    assert.ok(upgrade, `a code action, not a bare command: ${titles(actions).join(', ')}`);
    assert.equal(upgrade.isPreferred, true, 'the preferred fix for a retracted version');
    assert.ok(upgrade.command, 'the fix runs the server command (go get on a copy of the buffer)');

    await vscode.commands.executeCommand(upgrade.command.command, ...(upgrade.command.arguments ?? []));
    await until('the upgraded requirement in the editor', () => doc.getText(), (t) => UPGRADED.test(t));
    assert.equal(doc.isDirty, true, 'an unsaved edit in the editor');
    assert.equal(await readText(doc.uri), GO_MOD, 'the file on disk is not written behind the editor');

    // The same edit filled go.sum, unsaved too: nothing is written behind the editor.
    const sumUri = vscode.Uri.joinPath(doc.uri, '..', 'go.sum');
    const sumDoc = await vscode.workspace.openTextDocument(sumUri);
    assert.match(sumDoc.getText(), GO_SUM_LINE);
    assert.equal(await readText(sumUri), '', 'go.sum on disk is not written behind the editor either');

    // Saving go.mod saves the go.sum beside it, as the go command keeps both in step.
    assert.equal(await doc.save(), true);
    assert.match(await readText(doc.uri), UPGRADED);
    await until('go.sum saved with go.mod', () => readText(sumUri), (t) => GO_SUM_LINE.test(t));

    await until(
      'the retracted-version diagnostic to go away after the upgrade',
      () => vscode.languages.getDiagnostics(doc.uri),
      (ds) => !ds.some((d) => codeOf(d) === 'retracted-version'),
    );
  });
});
