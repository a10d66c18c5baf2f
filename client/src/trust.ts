// Workspace trust. While the workspace is untrusted (restricted mode) the
// server is started with `trusted: false` and never runs the go command; once
// the user grants trust, the server is restarted so that it may.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function restartWhenTrusted(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    output.info('The workspace is now trusted: restarting the language server so that it may run the go command.');
    client.restart().catch((e: unknown) => output.error(`The language server did not restart: ${e instanceof Error ? e.message : String(e)}`));
  });
}
