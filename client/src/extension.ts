// VS Code only: start the bundled language server for go.mod and go.work and
// offer the commands that manage it. All go.mod knowledge lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  // The same bundle as the `go-mod-hygiene` command line, started as `lsp --stdio`.
  const module = context.asAbsolutePath('dist/cli.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.stdio },
    debug: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'go.mod', scheme: 'file' },
      { language: 'go.mod', scheme: 'untitled' },
      { language: 'go.work', scheme: 'file' },
      { language: 'go.work', scheme: 'untitled' },
    ],
    outputChannel: output,
  };
  // The id "goModHygiene" makes the `goModHygiene.trace.server` setting apply.
  return new LanguageClient('goModHygiene', 'Go Module Hygiene', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Go Module Hygiene', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('goModHygiene.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('goModHygiene.restartServer', async () => {
      await client?.restart();
      output.appendLine('Language server restarted.');
    }),
  );
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Go Module Hygiene: the language server did not start. See the output for details.', 'Show Output')
      .then((choice) => choice && output.show(true));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
