// The only file that creates the LSP connection: it binds requests to
// GoModServer methods, one line each. The transport (--stdio, --node-ipc,
// --socket) comes from the command line, as vscode-languageserver reads it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type Hover, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engines } from './engines';
import { FactsStore } from './factsStore';
import { exposeGc, IdleCollector } from './idleCollector';
import { readTextFile } from './nodeHost';
import { EXPLAIN_REQUEST, STATUS_NOTIFICATION } from './protocol';
import { redactText } from './core/proxy/redact';
import { GoModServer } from './server';
import { connectionUi } from './fixes/editorUi';
import { FIX_COMMANDS } from './fixes/fixCommands';

declare const PACKAGE_VERSION: string;

/** Files that change what an open go.mod or go.work means, when they change outside the editor. */
const WATCHED_FILES = '**/{go.mod,go.sum,go.work}';

export const COMMANDS = { refresh: 'goModHygiene.refresh', ...FIX_COMMANDS } as const;

/** A command's outcome ({ ok, message } and the like) with every string in it redacted. */
function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactStrings) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)])) as T;
  return value;
}

function redactHover(h: Hover | null): Hover | null {
  if (!h) return h;
  const c = h.contents;
  if (typeof c === 'object' && 'kind' in c) return { ...h, contents: { ...c, value: redactText(c.value) } };
  return { ...h, contents: typeof c === 'string' ? redactText(c) : c };
}

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const caps = { configuration: false, inlayHintRefresh: false, watchFiles: false };
  let root: string | undefined;
  // Every text the server sends passes the redactor here, at the edge: log
  // lines, messages, progress, the status, diagnostics, hovers and reports can
  // all quote GOPROXY, a proxy's answer or the go command.
  const log = (m: string) => connection.console.log(redactText(m));
  // Published diagnostics end every analysis; two quiet seconds after the last
  // one, the garbage of the burst is collected and its memory given back.
  const idle = new IdleCollector(exposeGc(), 2000);
  const server = new GoModServer(
    {
      getDocument: (uri) => documents.get(uri),
      allDocuments: () => documents.all(),
      publishDiagnostics: (uri, diagnostics) => {
        idle.workDone();
        const redacted = diagnostics.map((d) => ({ ...d, message: typeof d.message === 'string' ? redactText(d.message) : { ...d.message, value: redactText(d.message.value) } }));
        void connection.sendDiagnostics({ uri, diagnostics: redacted }).catch((e) => log(String(e)));
      },
      getConfiguration: async (uri) => (caps.configuration
        ? ((await connection.workspace.getConfiguration([{ scopeUri: uri, section: 'goModHygiene' }, { scopeUri: uri, section: 'go' }])) as [unknown, unknown])
        : [{}, {}]),
      refreshInlayHints: () => void (caps.inlayHintRefresh && connection.languages.inlayHint.refresh().catch((e) => log(String(e)))),
      progress: async (title) => {
        const p = await connection.window.createWorkDoneProgress();
        p.begin(redactText(title), 0, undefined, false);
        return { report: (message, percentage) => p.report(Math.round(percentage), redactText(message)), done: () => p.done() };
      },
      status: (r) => void connection.sendNotification(STATUS_NOTIFICATION, { ...r, proxy: redactText(r.proxy), message: r.message === undefined ? undefined : redactText(r.message) }).catch((e) => log(String(e))),
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
  connection.onRequest(EXPLAIN_REQUEST, async (p: { uri?: string }) => ({ markdown: redactText((await server.explainConfiguration(p)).markdown) }));
  connection.onDocumentFormatting((p) => server.format(p));
  connection.languages.inlayHint.on((p) => server.inlayHints(p));
  connection.onHover((p) => redactHover(server.hover(p)));
  connection.onCodeAction((p) => server.codeActions(p));
  connection.onCodeLens((p) => server.codeLenses(p));
  connection.onExecuteCommand(async (p, token) => redactStrings(await (p.command === COMMANDS.refresh ? server.refresh() : server.executeCommand(p, token))));

  documents.listen(connection);
  connection.listen();
}
