// The language server: `initialize` (capabilities) and one method per LSP
// request or notification, each handed to the feature that answers it. The
// state lives in the session (session/), the answers in the features
// (features/); connection.ts binds these methods to a connection, and the
// in-process tests call them directly.
import { fileURLToPath } from 'node:url';
import type {
  CancellationToken,
  CodeAction,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionList,
  CompletionParams,
  DocumentFormattingParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentSymbol,
  DocumentSymbolParams,
  ExecuteCommandParams,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  InlayHint,
  InlayHintParams,
  TextEdit,
} from 'vscode-languageserver';
import { TextDocumentSyncKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, type CommandOutcome, type ExplainConfigurationParams, type ExplainConfigurationResult, SERVER_COMMANDS } from '../../../shared/protocol';
import { CompletionFeature } from './features/completion';
import { DiagnosticsFeature } from './features/diagnostics';
import { ExplainFeature } from './features/explain';
import { CodeActionsFeature } from './features/fixes/codeActions';
import { CodeLensesFeature } from './features/fixes/codeLenses';
import { FixCommands } from './features/fixes/commands';
import { FormattingFeature } from './features/formatting';
import { HoverFeature } from './features/hover';
import { InlayHintsFeature } from './features/inlayHints';
import { LinksFeature } from './features/links';
import { SymbolsFeature } from './features/symbols';
import { isGoSum } from './session/documents';
import { Session, type SessionParts } from './session/session';

export const SERVER_NAME = 'go-mod-hygiene';

/** Coalesces a burst of file events (a checkout touching many go.sum files) into one check per document. */
const FILES_CHANGED_DELAY_MS = 100;

/** How long shutdown waits for the contexts to close. */
const SHUTDOWN_MS = 1500;

export class GoModServer {
  readonly session: Session;
  private readonly diagnostics: DiagnosticsFeature;
  private readonly hints: InlayHintsFeature;
  private readonly hovers: HoverFeature;
  private readonly completions: CompletionFeature;
  private readonly symbols: SymbolsFeature;
  private readonly links: LinksFeature;
  private readonly formatting: FormattingFeature;
  private readonly explainer: ExplainFeature;
  private readonly actions: CodeActionsFeature;
  private readonly lenses: CodeLensesFeature;
  private readonly commands: FixCommands;

  constructor(parts: SessionParts, private readonly version: string) {
    const s = (this.session = new Session(parts));
    this.diagnostics = new DiagnosticsFeature(s);
    this.hints = new InlayHintsFeature(s);
    this.hovers = new HoverFeature(s);
    this.completions = new CompletionFeature(s);
    this.symbols = new SymbolsFeature(s);
    this.links = new LinksFeature(s);
    this.formatting = new FormattingFeature(s);
    this.explainer = new ExplainFeature(s, this.diagnostics);
    this.actions = new CodeActionsFeature(s);
    this.lenses = new CodeLensesFeature(s);
    this.commands = new FixCommands(s);
    this.diagnostics.onPublished((doc) => this.commands.pendingSums.checked(doc));
  }

  /** The shutdown request: the Go contexts close, landing their cache writes, before the answer (bounded: editors wait about 2 s). */
  async shutdown(): Promise<void> {
    await this.session.contexts.closeAll(SHUTDOWN_MS);
  }

  initialize(params: InitializeParams): InitializeResult {
    const opts = (params.initializationOptions ?? {}) as { trusted?: unknown; deferToGopls?: unknown };
    const gopls = opts.deferToGopls === true;
    // Fail closed: only the boolean true trusts the workspace (a string "false"
    // or a missing option must never let a cloned repository's go binary run).
    this.session.trusted = opts.trusted === true;
    this.session.capabilities = params.capabilities;
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    this.session.contexts.setFolders(folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: true,
        documentLinkProvider: gopls ? undefined : { resolveProvider: false },
        documentFormattingProvider: !gopls,
        inlayHintProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '.', '/'] },
        codeActionProvider: { codeActionKinds: Object.values(CODE_ACTION_KINDS), resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      },
      serverInfo: { name: SERVER_NAME, version: this.version },
    };
  }

  // ---- documents and files ----

  documentOpened(doc: TextDocument): void {
    if (isGoSum(doc)) return this.goSumChanged(doc.uri);
    this.diagnostics.documentChanged(doc);
    this.diagnostics.askTidy(doc.uri);
  }

  documentChanged(doc: TextDocument): void {
    if (isGoSum(doc)) return this.goSumChanged(doc.uri);
    this.diagnostics.documentChanged(doc);
  }

  documentSaved(uri: string): void {
    if (!this.session.documents.get(uri)) return;
    this.session.scheduler.schedule(uri, 0);
    this.diagnostics.askTidy(uri);
  }

  documentClosed(uri: string): void {
    if (isGoSum({ uri, languageId: '' })) return this.goSumChanged(uri);
    this.session.documentClosed(uri);
    this.diagnostics.closed(uri);
    this.commands.pendingSums.forget(uri);
  }

  /** An open go.sum changed (or opened, or closed): the go.mod beside it reads it, and is checked again at once. */
  private goSumChanged(goSumUri: string): void {
    const goMod = this.session.documents.get(goSumUri.replace(/go(\.work)?\.sum$/, (m) => (m === 'go.sum' ? 'go.mod' : 'go.work')));
    if (goMod) this.diagnostics.documentChanged(goMod);
  }

  /**
   * go.mod, go.sum or go.work files changed on disk (a fix's go.sum saved, a
   * branch switched, a go.work added): every open document may read them (its
   * go.sum, the go.work above it, local replacement targets), so check them all
   * again; facts are cached, so this costs no network.
   */
  filesChanged(): void {
    this.session.checkAll(FILES_CHANGED_DELAY_MS);
  }

  /** New settings can change the go command's answers too (GOFLAGS, the binary): tidy is asked again. */
  configurationChanged(): void {
    this.session.configurationChanged();
    for (const doc of this.session.documents.all()) this.diagnostics.askTidy(doc.uri);
  }

  // ---- requests ----

  inlayHints(params: InlayHintParams): InlayHint[] {
    return this.hints.inlayHints(params);
  }

  hover(params: HoverParams, token?: CancellationToken): Promise<Hover | null> {
    return this.hovers.hover(params, token);
  }

  completion(params: CompletionParams): CompletionList | null {
    return this.completions.completion(params);
  }

  documentSymbols(params: DocumentSymbolParams): DocumentSymbol[] {
    return this.symbols.documentSymbols(params);
  }

  documentLinks(params: DocumentLinkParams): DocumentLink[] {
    return this.links.documentLinks(params);
  }

  format(params: DocumentFormattingParams): TextEdit[] | null {
    return this.formatting.format(params);
  }

  explainConfiguration(params: ExplainConfigurationParams): Promise<ExplainConfigurationResult> {
    return this.explainer.explain(params);
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.actions.codeActions(params);
  }

  codeLenses(params: CodeLensParams): CodeLens[] {
    return this.lenses.codeLenses(params);
  }

  /** Refresh, and the fix commands; undefined for commands that are not ours. */
  async executeCommand(params: ExecuteCommandParams, token?: CancellationToken): Promise<CommandOutcome | undefined> {
    if (params.command === SERVER_COMMANDS.refresh) {
      this.session.refresh();
      return { ok: true };
    }
    return this.commands.executeCommand(params, token);
  }
}
