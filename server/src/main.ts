// The only file that creates the LSP connection: it binds requests to
// GoModServer methods, one line each. The transport (--stdio, --node-ipc,
// --socket) comes from the command line, as vscode-languageserver reads it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engines } from './engines';
import { FactsStore } from './factsStore';
import { exposeGc, IdleCollector } from './idleCollector';
import { readTextFile } from './nodeHost';
import { EXPLAIN_REQUEST, STATUS_NOTIFICATION } from './protocol';
import { GoModServer } from './server';
import { connectionUi } from './fixes/editorUi';
import { FIX_COMMANDS } from './fixes/fixCommands';

declare const PACKAGE_VERSION: string;

/** Files that change what an open go.mod or go.work means, when they change outside the editor. */
const WATCHED_FILES = '**/{go.mod,go.sum,go.work}';

export const COMMANDS = { refresh: 'goModHygiene.refresh', ...FIX_COMMANDS } as const;

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const caps = { configuration: false, inlayHintRefresh: false, watchFiles: false };
  let root: string | undefined;
  const log = (m: string) => connection.console.log(m);
  // Published diagnostics end every analysis; two quiet seconds after the last
  // one, the garbage of the burst is collected and its memory given back.
  const idle = new IdleCollector(exposeGc(), 2000);
  const server = new GoModServer(
    {
      getDocument: (uri) => documents.get(uri),
      allDocuments: () => documents.all(),
      publishDiagnostics: (uri, diagnostics) => {
        idle.workDone();
        void connection.sendDiagnostics({ uri, diagnostics }).catch((e) => log(String(e)));
      },
      getConfiguration: async (uri) => (caps.configuration
        ? ((await connection.workspace.getConfiguration([{ scopeUri: uri, section: 'goModHygiene' }, { scopeUri: uri, section: 'go' }])) as [unknown, unknown])
        : [{}, {}]),
      refreshInlayHints: () => void (caps.inlayHintRefresh && connection.languages.inlayHint.refresh().catch((e) => log(String(e)))),
      progress: async (title) => {
        const p = await connection.window.createWorkDoneProgress();
        p.begin(title, 0, undefined, false);
        return { report: (message, percentage) => p.report(Math.round(percentage), message), done: () => p.done() };
      },
      status: (r) => void connection.sendNotification(STATUS_NOTIFICATION, r).catch((e) => log(String(e))),
      fileExists: (p) => existsSync(p),
      readFile: readTextFile,
      log,
      engines: new Engines(log, () => root ?? process.cwd()),
      store: new FactsStore(),
      editor: connectionUi(connection, log),
    },
    typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
  );

  connection.onInitialize((params) => {
    caps.configuration = params.capabilities.workspace?.configuration === true;
    caps.inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    caps.watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    root = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
    const result = server.initialize(params);
    return { ...result, capabilities: { ...result.capabilities, executeCommandProvider: { commands: Object.values(COMMANDS) } } };
  });
  connection.onInitialized(() => {
    if (caps.configuration) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((e) => log(String(e)));
    if (caps.watchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] }).catch((e) => log(String(e)));
  });
  connection.onDidChangeWatchedFiles(() => server.filesChanged());
  connection.onDidChangeConfiguration(() => server.configurationChanged());
  documents.onDidOpen((e) => server.documentChanged(e.document));
  documents.onDidChangeContent((e) => server.documentChanged(e.document));
  documents.onDidSave((e) => server.documentSaved(e.document.uri));
  documents.onDidClose((e) => server.documentClosed(e.document.uri));
  connection.onDocumentSymbol((p) => server.documentSymbols(p));
  connection.onDocumentLinks((p) => server.documentLinks(p));
  connection.onCompletion((p) => server.completion(p));
  connection.onRequest(EXPLAIN_REQUEST, (p: { uri?: string }) => server.explainConfiguration(p));
  connection.onDocumentFormatting((p) => server.format(p));
  connection.languages.inlayHint.on((p) => server.inlayHints(p));
  connection.onHover((p) => server.hover(p));
  connection.onCodeAction((p) => server.codeActions(p));
  connection.onCodeLens((p) => server.codeLenses(p));
  connection.onExecuteCommand((p, token) => (p.command === COMMANDS.refresh ? server.refresh() : server.executeCommand(p, token)));

  documents.listen(connection);
  connection.listen();
}
