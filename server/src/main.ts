// The only file that creates the LSP connection: it binds requests to
// GoModServer methods, one line each. The transport (--stdio, --node-ipc,
// --socket) comes from the command line, as vscode-languageserver reads it.
import { existsSync } from 'node:fs';
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GoModServer } from './server';

declare const PACKAGE_VERSION: string;

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const server = new GoModServer(
    {
      getDocument: (uri) => documents.get(uri),
      publishDiagnostics: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }).catch((e) => connection.console.error(String(e))),
      fileExists: (p) => existsSync(p),
      log: (m) => connection.console.log(m),
    },
    typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
  );

  connection.onInitialize(() => server.initialize());
  documents.onDidOpen((e) => server.documentChanged(e.document));
  documents.onDidChangeContent((e) => server.documentChanged(e.document));
  documents.onDidClose((e) => server.documentClosed(e.document.uri));
  connection.onDocumentSymbol((p) => server.documentSymbols(p));
  connection.onDocumentLinks((p) => server.documentLinks(p));
  connection.onDocumentFormatting((p) => server.format(p));

  documents.listen(connection);
  connection.listen();
}
