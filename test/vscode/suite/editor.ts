// What the suites do in the editor, through the public vscode API only (files
// too go through vscode.workspace.fs), so that they run in any Node extension
// host: desktop VS Code, or a server-side one such as code-server's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until } from './wait';

export const EXTENSION_ID = 'go-mod-hygiene.go-mod-hygiene';
export const SOURCE = 'go-mod-hygiene';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without a workspace folder');
  return folder.uri;
}

/** The extension under development must be the one loaded: a stale install would test the wrong code. */
export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is --extensionDevelopmentPath the repository?)`);
  await ext.activate();
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** Writes <root>/<name>/go.mod with an empty go.sum beside it, and opens it in an editor. */
export async function openModule(name: string, goMod: string): Promise<vscode.TextDocument> {
  const dir = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.createDirectory(dir);
  const uri = vscode.Uri.joinPath(dir, 'go.mod');
  await writeText(uri, goMod);
  await writeText(vscode.Uri.joinPath(dir, 'go.sum'), '');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'go.mod', 'the extension contributes the go.mod language for files named go.mod');
  return doc;
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The document's diagnostics from this extension, once every code in `codes` is among them. */
export function diagnosticsWith(uri: vscode.Uri, codes: string[], extra: (ds: vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
  return until(
    `diagnostics with ${codes.join(', ')} on ${uri.path}`,
    () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE),
    (ds) => codes.every((c) => ds.some((d) => codeOf(d) === c)) && extra(ds),
  );
}

export function hintLabel(h: vscode.InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

export function hoversAt(uri: vscode.Uri, position: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
}

export function quickFixes(uri: vscode.Uri, range: vscode.Range): Thenable<(vscode.CodeAction | vscode.Command)[]> {
  return vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

export function titles(actions: (vscode.CodeAction | vscode.Command)[] | undefined): string[] {
  return (actions ?? []).map((a) => a.title);
}
