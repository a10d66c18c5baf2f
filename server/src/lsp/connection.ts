// The only file that creates the LSP connection: it binds requests and
// notifications to GoModServer methods, one line each, and passes every text
// the server sends through the redactor. The transport (--stdio, --node-ipc,
// --socket) comes from the command line, as vscode-languageserver reads it.
import { existsSync } from 'node:fs';
import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type Hover, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXPLAIN_CONFIGURATION_REQUEST, type ExplainConfigurationParams, STATUS_NOTIFICATION } from '../../../shared/protocol';
import { redactText } from '../core/text/redact';
import { readTextFile } from '../node/nodeHost';
import { connectionUi } from './connectionUi';
import type { IdleCollector } from './idleCollector';
import { GoModServer } from './server';

declare const PACKAGE_VERSION: string;

/** Files that change what an open go.mod or go.work means, when they change outside the editor. */
const WATCHED_FILES = '**/{go.mod,go.sum,go.work}';

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
  const caps = { configuration: false, inlayHintRefresh: false, codeLensRefresh: false, watchFiles: false };
  // Every text the server sends passes the redactor here, at the edge: log
  // lines, messages, progress, the status, diagnostics, hovers and reports can
  // all quote GOPROXY, a proxy's answer or the go command.
  const log = (m: string) => connection.console.log(redactText(m));
  // Published diagnostics end every analysis; two quiet seconds after the last
  // one, the garbage of the burst is collected and its memory given back. The
  // collector is made with the first diagnostics, not at start-up: reaching
  // V8's gc() takes node:v8 and a new V8 context, a few milliseconds the
  // server should not spend before it answers initialize.
  let idle: IdleCollector | undefined;
  const idleCollector = (): IdleCollector => {
    if (!idle) {
      const { exposeGc, IdleCollector } = require('./idleCollector') as typeof import('./idleCollector');
      idle = new IdleCollector(exposeGc(), 2000);
    }
    return idle;
  };
  const server = new GoModServer(
    {
      documents: { get: (uri) => documents.get(uri), all: () => documents.all() },
      files: { exists: (p) => existsSync(p), readFile: readTextFile },
      process: { env: process.env, cwd: process.cwd() },
      client: {
        publishDiagnostics: (uri, diagnostics) => {
          idleCollector().workDone();
          const redacted = diagnostics.map((d) => ({ ...d, message: typeof d.message === 'string' ? redactText(d.message) : { ...d.message, value: redactText(d.message.value) } }));
          void connection.sendDiagnostics({ uri, diagnostics: redacted }).catch((e) => log(String(e)));
        },
        getConfiguration: async (uri) => (caps.configuration
          ? ((await connection.workspace.getConfiguration([{ scopeUri: uri, section: 'goModHygiene' }, { scopeUri: uri, section: 'go' }])) as [unknown, unknown])
          : [{}, {}]),
        refreshInlayHints: () => void (caps.inlayHintRefresh && connection.languages.inlayHint.refresh().catch((e) => log(String(e)))),
        refreshCodeLenses: () => void (caps.codeLensRefresh && connection.sendRequest(CodeLensRefreshRequest.type).catch((e) => log(String(e)))),
        progress: async (title) => {
          const p = await connection.window.createWorkDoneProgress();
          p.begin(redactText(title), 0, undefined, false);
          return { report: (message, percentage) => p.report(Math.round(percentage), redactText(message)), done: () => p.done() };
        },
        status: (r) => void connection.sendNotification(STATUS_NOTIFICATION, { ...r, proxy: redactText(r.proxy), message: r.message === undefined ? undefined : redactText(r.message) }).catch((e) => log(String(e))),
        log,
        ui: connectionUi(connection, log),
      },
    },
    typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
  );

  connection.onInitialize((params) => {
    caps.configuration = params.capabilities.workspace?.configuration === true;
    caps.inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    caps.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    caps.watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return server.initialize(params);
  });
  connection.onInitialized(() => {
    if (caps.configuration) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch((e) => log(String(e)));
    if (caps.watchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] }).catch((e) => log(String(e)));
  });
  connection.onShutdown(() => server.shutdown());
  connection.onDidChangeWatchedFiles(() => server.filesChanged());
  connection.onDidChangeConfiguration(() => server.configurationChanged());
  documents.onDidOpen((e) => server.documentOpened(e.document));
  documents.onDidChangeContent((e) => server.documentChanged(e.document));
  documents.onDidSave((e) => server.documentSaved(e.document.uri));
  documents.onDidClose((e) => server.documentClosed(e.document.uri));
  connection.onDocumentSymbol((p) => server.documentSymbols(p));
  connection.onDocumentLinks((p) => server.documentLinks(p));
  connection.onCompletion((p) => server.completion(p));
  connection.onRequest(EXPLAIN_CONFIGURATION_REQUEST, async (p: ExplainConfigurationParams) => ({ markdown: redactText((await server.explainConfiguration(p)).markdown) }));
  connection.onDocumentFormatting((p) => server.format(p));
  connection.languages.inlayHint.on((p) => server.inlayHints(p));
  connection.onHover(async (p, token) => redactHover(await server.hover(p, token)));
  connection.onCodeAction((p) => server.codeActions(p));
  connection.onCodeLens((p) => server.codeLenses(p));
  connection.onExecuteCommand(async (p, token) => redactStrings(await server.executeCommand(p, token)));

  documents.listen(connection);
  connection.listen();
}
