// A fix that runs the go command changes go.mod and go.sum in one workspace
// edit (one undo step). go.sum is rarely looked at, so its half of the change
// would easily stay unsaved while go build reads the old go.sum from disk and
// stops with "missing go.sum entry". The go command keeps the two files in
// step, and so does this: saving a go.mod also saves the go.sum beside it when
// that go.sum has unsaved changes.
import * as vscode from 'vscode';

export function saveGoSumWithGoMod(output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidSaveTextDocument(async (saved) => {
    if (saved.uri.scheme !== 'file' || !saved.uri.path.endsWith('/go.mod')) return;
    const goSum = vscode.Uri.joinPath(saved.uri, '..', 'go.sum');
    // Not workspace.textDocuments: a go.sum that a workspace edit changed in
    // the background is not always listed there, while opening it returns the
    // editor's copy, unsaved changes included.
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(goSum);
    } catch {
      return; // no go.sum
    }
    if (!doc.isDirty) return;
    doc.save().then(
      (ok) => (ok ? output.info(`Saved ${goSum.fsPath} with its go.mod.`) : output.warn(`Could not save ${goSum.fsPath}.`)),
      (e: unknown) => output.warn(`Could not save ${goSum.fsPath}: ${String(e)}`),
    );
  });
}
