// VS Code only: start the bundled language server for go.mod and go.work and
// wire the editor around it (commands, status bar, workspace trust). All
// go.mod knowledge lives in the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { ExplainView } from './explainView';
import { saveGoSumWithGoMod } from './goSumCompanion';
import { GoplsDuplicates, restartWhenGoExtensionChanges } from './goExtension';
import { createLanguageClient } from './languageClient';
import { ModuleStatusBar } from './statusBar';
import { restartWhenTrusted } from './trust';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Go Module Hygiene', { log: true });
  context.subscriptions.push(output);
  const goplsDuplicates = new GoplsDuplicates();
  client = createLanguageClient(context, output, goplsDuplicates);
  goplsDuplicates.client = client;
  const explainView = new ExplainView();
  const statusBar = new ModuleStatusBar(client);
  context.subscriptions.push(
    explainView,
    statusBar,
    restartWhenTrusted(client, output),
    goplsDuplicates,
    restartWhenGoExtensionChanges(client, output),
    saveGoSumWithGoMod(output),
    ...registerCommands({ client, output, explainView, statusBar }),
  );
  // The command palette offers Show Output and Restart Language Server once the extension runs.
  void vscode.commands.executeCommand('setContext', 'goModHygiene.active', true);
  try {
    await client.start();
    output.info(`Activated in ${Date.now() - started} ms (language server running).`);
  } catch (e) {
    output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Go Module Hygiene: the language server did not start. See the output for details.', 'Show Output')
      .then((choice) => choice && output.show(true));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
