// The language client: the bundled server (dist/cli.js `lsp --stdio`) for
// go.mod and go.work documents.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../shared/nodeFlags';
import type { InitializationOptions } from '../../shared/protocol';
import { deferToGopls, type GoplsDuplicates } from './goExtension';
import { hintSpacingMiddleware } from './hintSpacing';
import { restrictedSettingsMiddleware } from './restrictedSettings';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, duplicates: GoplsDuplicates): LanguageClient {
  // The same bundle as the `go-mod-hygiene` command line, started as `lsp --stdio`.
  const module = context.asAbsolutePath('dist/cli.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'go.mod', scheme: 'file' },
      { language: 'go.mod', scheme: 'untitled' },
      { language: 'go.work', scheme: 'file' },
      { language: 'go.work', scheme: 'untitled' },
      // Synced for its text only: the server reads an open go.sum (a fix's checksums, unsaved) and answers nothing for it.
      { language: 'go.sum', scheme: 'file' },
    ],
    outputChannel: output,
    // A function, so that every (re)start tells the server the current trust:
    // in restricted mode the server never runs the go command.
    // Likewise whether to leave links and formatting to gopls (goExtension.ts).
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, deferToGopls: deferToGopls() }),
    middleware: { ...restrictedSettingsMiddleware, ...duplicates.middleware, ...hintSpacingMiddleware },
  };
  // The id "goModHygiene" makes the `goModHygiene.trace.server` setting apply.
  return new LanguageClient('goModHygiene', 'Go Module Hygiene', serverOptions, clientOptions);
}
