// Editor features in a trusted workspace, as a user meets them: diagnostics,
// inlay hints and hover for a go.mod whose requirements the loopback test
// proxy (GOPROXY, set by the launchers: launchProfile.ts) knows. The same
// behaviours as test/server/features.test.ts, seen through VS Code instead of
// raw LSP.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsWith, hintLabel, hoversAt, hoverText, openModule } from './editor';
import { until } from './wait';

const GO_MOD = [
  'module example.com/features',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/majors v1.0.0',
  '\texample.com/retract/ranges v1.2.0',
  '\texample.com/deprecated/a v1.9.0',
  ')',
  '',
].join('\n');
const MAJORS = 5;
const RETRACTED = 6;
const DEPRECATED = 7;

suite('editor features (trusted workspace)', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'this suite needs a trusted workspace');
    doc = await openModule('features', GO_MOD);
    await activateExtension();
  });

  test('diagnostics: source go-mod-hygiene, the engine codes, updates as hints', async () => {
    const diags = await diagnosticsWith(doc.uri, ['retracted-version', 'deprecated-module', 'update-available']);
    const retracted = diags.filter((d) => codeOf(d) === 'retracted-version');
    assert.equal(retracted.length, 1);
    assert.equal(retracted[0].range.start.line, RETRACTED);
    assert.equal(retracted[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(retracted[0].message, /is retracted: upgrade to v1\.4\.0\. Its author's reason: Data race in the connection pool/);
    assert.equal(diags.find((d) => codeOf(d) === 'deprecated-module')?.range.start.line, DEPRECATED);
    assert.ok(diags.filter((d) => codeOf(d) === 'update-available').every((d) => d.severity === vscode.DiagnosticSeverity.Hint), 'updates are hints');
  });

  test('inlay hints: the update after each requirement, and the retraction', async () => {
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await until(
      'inlay hints for the majors and retracted lines',
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range),
      (hs) => [MAJORS, RETRACTED].every((l) => (hs ?? []).some((h) => h.position.line === l)),
    );
    // One hint per fact, each drawn with the editor's left padding and, in VS Code, one no-break
    // space (client/src/hintSpacing.ts): the padding alone reads as "v1.0.0→ v1.1.0".
    const onLine = (line: number) => hints.filter((h) => h.position.line === line).map(hintLabel);
    const spaced = (labels: string[]) => labels.map((l) => `\u00a0${l}`);
    assert.deepEqual(onLine(MAJORS), spaced(['→ v1.1.0 (minor)', '⇡ v3.0.0 (major: /v3)']));
    assert.deepEqual(onLine(RETRACTED), spaced(['⚠ retracted', '→ v1.4.0 (minor)']));
    assert.deepEqual(onLine(DEPRECATED), spaced(['⚠ deprecated']));
    assert.ok(hints.every((h) => h.paddingLeft === true), "and the editor's padding");
    assert.equal(hints.find((h) => h.position.line === MAJORS)?.position.character, doc.lineAt(MAJORS).text.length, 'at the end of the line');
  });

  test('hover: the version in use, the latest version and the retraction reason', async () => {
    const at = new vscode.Position(RETRACTED, 5);
    const text = await until('a hover with the retraction', async () => hoverText(await hoversAt(doc.uri, at)), (t) => t.includes('Retracted'));
    assert.match(text, /\*\*example\.com\/retract\/ranges\*\* v1\.2\.0/);
    assert.match(text, /Update: \*\*v1\.4\.0\*\*/);
    assert.match(text, /\*\*Retracted\*\* by its author: Data race in the connection pool\./);
  });
});
