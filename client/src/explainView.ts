// Shows the server's explanation of the Go configuration that applies to a
// go.mod: a read-only virtual markdown document (no "save changes?" prompt on
// close), rendered by the markdown preview in a tab of its own in the active
// editor group, as a report the user reads and keeps open, not a peek beside
// the file (a markdown preview is a webview editor, which opens pinned).
import * as path from 'node:path';
import * as vscode from 'vscode';

const SCHEME = 'go-mod-hygiene-explain';

export class ExplainView implements vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.contents.get(uri.toString()) ?? '',
    });
  }

  /** One view per source file, so explaining it again updates the open view. */
  async show(source: vscode.Uri, markdown: string): Promise<void> {
    const name = `${path.posix.basename(path.posix.dirname(source.path)) || 'workspace'} ${path.posix.basename(source.path)} configuration.md`;
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}`, query: source.toString() });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // The built-in markdown extension is disabled: show the text itself, in a tab that stays.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
