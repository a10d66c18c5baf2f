// The language server: one method per LSP request, collaborators injected, no
// knowledge of how messages travel. main.ts binds these methods to a connection.
// Requests never wait on the network: they answer from what is known, while
// module facts are gathered in the background and announced by refreshes.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  DocumentFormattingParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentSymbol,
  DocumentSymbolParams,
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
import { documentLink, documentSymbol, findingDiagnostic, hover, inlayHint, replaceAll, severitySetting } from './convert';
import { type AnalyzeInput, type FactsRecord, gatherFacts, knownFindings, lookupTargets } from './core/analyze';
import { keepOffPublicServices, noProxy } from './core/goenv/patterns';
import { argTokens } from './core/gomod/ast';
import { moduleAt } from './core/gomod/locate';
import { workspaceFor } from './core/rules/workRules';
import { forEachLimited } from './core/pool';
import { localPathLinks, outline } from './core/gomod/outline';
import { fileKindOf, formatFile, parseFile, type ParsedFile } from './core/gomod/parse';
import { updateKind } from './core/rules/factRules';
import type { Finding } from './core/rules/finding';
import type { Engines } from './engines';
import type { FactsStore } from './factsStore';
import { hoverMarkdown } from './hoverText';
import type { StatusReport } from './protocol';
import { DEFAULT_SETTINGS, factsProfile, sanitizeSettings, type Settings } from './settings';
import type { CancellationToken, CodeAction, CodeActionParams, CodeLens, CodeLensParams, CompletionList, CompletionParams, ExecuteCommandParams } from 'vscode-languageserver';
import { completions } from './completionProvider';
import { explainConfiguration } from './core/explain';
import type { EditorUi } from './fixes/editorUi';
import { FIX_KINDS } from './fixes/fixCommands';
import { FixProvider, type FixOutcome } from './fixes/fixProvider';

/** Coalesces a burst of file events (a checkout touching many go.sum files) into one check per document. */
const FILES_CHANGED_DELAY_MS = 100;

export interface Progress {
  report(message: string, percentage: number): void;
  done(): void;
}


export interface ServerDeps {
  getDocument(uri: string): TextDocument | undefined;
  allDocuments(): TextDocument[];
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  /** The client's `goModHygiene` and `go` settings for a resource. */
  getConfiguration(uri: string): Promise<[unknown, unknown]>;
  refreshInlayHints(): void;
  progress(title: string): Promise<Progress>;
  status(report: StatusReport): void;
  fileExists(fsPath: string): boolean;
  readFile(fsPath: string): string | undefined;
  log(message: string): void;
  engines: Engines;
  store: FactsStore;
  /** Messages, edits and progress for the fixes; without it they only answer requests. */
  editor?: EditorUi;
}

export const SERVER_NAME = 'go-mod-hygiene';

function kindOf(doc: TextDocument) {
  if (doc.languageId === 'go.work') return 'work' as const;
  if (doc.languageId === 'go.mod') return 'mod' as const;
  return fileKindOf(doc.uri);
}

function displayName(uri: string): string {
  return uri.startsWith('file:') ? path.basename(fileURLToPath(uri)) : uri.split('/').pop() || uri;
}

function dirOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : undefined;
}

export class GoModServer {
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();
  private readonly settings = new Map<string, Promise<Settings>>();
  private readonly known = new Map<string, Settings>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  private readonly times = new Map<string, string>();
  /** Untrusted workspaces (VS Code restricted mode) never run the go command. */
  private trusted = false;
  /** Code actions, code lenses and the commands that run the go command (fixes/). */
  private readonly fixes = new FixProvider({
    deps: () => this.deps,
    trusted: () => this.trusted,
    settingsFor: (uri) => this.settingsFor(uri),
    known: (uri) => this.known.get(uri) ?? DEFAULT_SETTINGS,
    parse: (doc) => this.parse(doc),
    refresh: () => this.refresh(),
  });

  constructor(private readonly deps: ServerDeps, private readonly version: string) {}

  initialize(params: InitializeParams): InitializeResult {
    const opts = (params.initializationOptions ?? {}) as { trusted?: unknown };
    // Fail closed: only the boolean true trusts the workspace (a string "false"
    // or a missing option must never let a cloned repository's go binary run).
    this.trusted = opts.trusted === true;
    this.fixes.initialize(params.capabilities);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        inlayHintProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '.', '/'] },
        codeActionProvider: { codeActionKinds: Object.values(FIX_KINDS), resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME, version: this.version },
    };
  }

  // ---- documents and analysis ----

  private parse(doc: TextDocument): ParsedFile {
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.file;
    const file = parseFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    this.parsed.set(doc.uri, { version: doc.version, file });
    return file;
  }

  private settingsFor(uri: string): Promise<Settings> {
    let s = this.settings.get(uri);
    if (!s) {
      s = this.deps.getConfiguration(uri).then(
        ([ours, go]) => {
          const problems: string[] = [];
          const v = sanitizeSettings(ours, go, problems);
          for (const p of problems) this.deps.log(p);
          this.known.set(uri, v);
          return v;
        },
        () => DEFAULT_SETTINGS,
      );
      this.settings.set(uri, s);
    }
    return s;
  }

  private input(doc: TextDocument, p: ParsedFile): AnalyzeInput {
    const dir = dirOf(doc.uri);
    const goSum = dir && p.kind === 'mod' ? this.deps.readFile(path.join(dir, 'go.sum')) : undefined;
    // GOWORK (off, or a file) comes from the environment, with the user's overrides on top.
    const env = { ...process.env, ...(this.known.get(doc.uri) ?? DEFAULT_SETTINGS).env };
    const workspace = dir && p.kind === 'mod'
      ? workspaceFor(dir, env, (f) => this.deps.fileExists(f), (f) => this.deps.readFile(f), (t, f) => parseFile(t, { filename: path.basename(f), kind: 'work' }))
      : undefined;
    return { text: doc.getText(), filename: displayName(doc.uri), kind: p.kind, dir, goSum, checkGoSum: dir !== undefined && p.kind === 'mod', workspace };
  }

  private profile(settings: Settings): string {
    return factsProfile(settings, this.trusted);
  }

  private findings(doc: TextDocument, settings: Settings): Finding[] {
    const p = this.parse(doc);
    const profile = this.profile(settings);
    return knownFindings(p, this.input(doc, p), (f) => this.deps.fileExists(f), (k) => this.deps.store.get(profile, k)).findings;
  }

  private publish(doc: TextDocument, settings: Settings): Finding[] {
    const findings = this.findings(doc, settings);
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const sev = settings.diagnostics[f.code] ?? severitySetting(f);
      if (sev !== 'off') diagnostics.push(findingDiagnostic(doc, f, sev));
    }
    this.deps.publishDiagnostics(doc.uri, diagnostics);
    return findings;
  }

  /** Called when a document opens or changes: local findings now, facts after a pause in typing. */
  documentChanged(doc: TextDocument): void {
    const known = this.known.get(doc.uri);
    if (known) {
      this.publish(doc, known);
      this.schedule(doc.uri, known.debounceMs);
      return;
    }
    // First sight of this document: ask the client for its settings (a local
    // round trip) so the first diagnostics already have the right severities.
    this.settingsFor(doc.uri).then(
      (settings) => {
        const latest = this.deps.getDocument(doc.uri);
        if (latest) this.publish(latest, settings);
        this.schedule(doc.uri, settings.debounceMs);
      },
      (e: unknown) => this.deps.log(`settings for ${displayName(doc.uri)}: ${String(e)}`),
    );
  }

  documentSaved(uri: string): void {
    this.schedule(uri, 0);
  }

  /**
   * go.mod, go.sum or go.work files changed on disk (a fix's go.sum saved, a
   * branch switched, a go.work added): every open document may read them (its
   * go.sum, the go.work above it, local replacement targets), so check them all
   * again; facts are cached, so this costs no network.
   */
  filesChanged(): void {
    for (const doc of this.deps.allDocuments()) this.schedule(doc.uri, FILES_CHANGED_DELAY_MS);
  }

  documentClosed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.rechecks.get(uri));
    this.rechecks.delete(uri);
    this.timers.delete(uri);
    this.parsed.delete(uri);
    this.deps.publishDiagnostics(uri, []);
  }

  private schedule(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.analyze(uri).catch((e: unknown) => this.deps.log(`analysis of ${displayName(uri)} failed: ${e instanceof Error ? e.stack : String(e)}`));
    }, delayMs));
  }

  /** Gathers the facts the document lacks, then publishes again and asks for fresh inlay hints. */
  async analyze(uri: string): Promise<void> {
    let doc = this.deps.getDocument(uri);
    if (!doc) return;
    const settings = await this.settingsFor(uri);
    doc = this.deps.getDocument(uri);
    if (!doc) return;
    const findings = this.publish(doc, settings);
    const p = this.parse(doc);
    if (!settings.checkForUpdates || p.kind !== 'mod') return;
    const engine = await this.deps.engines.get(settings, this.trusted);
    if ('error' in engine) {
      this.deps.status({ uri, state: 'error', updates: 0, problems: 0, proxy: '', message: engine.error });
      this.deps.log(engine.error);
      return;
    }
    const profile = this.profile(settings);
    const maxAgeMs = settings.cacheMinutes * 60_000;
    const targets = lookupTargets(p).filter((t) => this.deps.store.needsGathering(profile, t.key, maxAgeMs));
    if (targets.length > 0) {
      this.deps.status({ uri, state: 'checking', updates: 0, problems: 0, proxy: engine.describeProxies });
      const progress = targets.length > 5 ? await this.deps.progress(`Checking ${targets.length} modules`) : undefined;
      let done = 0;
      // Lists older than the cache time are asked for again before facts are built on them.
      const deps = { repo: engine.client.revalidating(), exists: (f: string) => this.deps.fileExists(f), majors: settings.majorVersions };
      await forEachLimited(targets, settings.concurrency, (t) =>
        this.deps.store.ensure(profile, t.key, () => gatherFacts(deps, t.req.mod.path, t.req.mod.version, t.excluded), maxAgeMs)
          .then(() => undefined, (e: unknown) => this.deps.log(`checking ${t.req.mod.path}: ${String(e)}`))
          .finally(() => progress?.report(`${++done} of ${targets.length}`, (done * 100) / targets.length)));
      progress?.done();
    }
    const latest = this.deps.getDocument(uri);
    const final = latest ? this.publish(latest, settings) : findings;
    this.deps.status({
      uri,
      state: 'done',
      updates: final.filter((f) => f.code === 'update-available').length,
      problems: final.filter((f) => f.severity === 'error' || f.severity === 'warning').length,
      proxy: engine.describeProxies,
    });
    this.deps.refreshInlayHints();
    this.fixes.refreshCodeLenses();
    this.recheckLater(uri, this.deps.store.msUntilFirstStale(profile, lookupTargets(p).map((t) => t.key), maxAgeMs));
  }

  /** An open go.mod is checked again when its facts reach the cache time, so a long session sees new releases. */
  private recheckLater(uri: string, afterMs: number | undefined): void {
    clearTimeout(this.rechecks.get(uri));
    if (afterMs === undefined) return; // cache time 0 (every edit or save asks again), or nothing looked up
    const timer = setTimeout(() => {
      this.rechecks.delete(uri);
      if (this.deps.getDocument(uri)) this.schedule(uri, 0);
    }, afterMs);
    timer.unref?.();
    this.rechecks.set(uri, timer);
  }

  /** Settings changed: forget them (and the engines built from them), then check again. */
  configurationChanged(): void {
    this.settings.clear();
    this.known.clear();
    this.deps.engines.reset();
    for (const doc of this.deps.allDocuments()) this.schedule(doc.uri, 0);
  }

  /** The refresh command: forget every known fact and ask the proxies again. */
  async refresh(): Promise<void> {
    this.deps.store.clear();
    this.times.clear();
    this.versionLists.clear();
    this.deps.engines.reset(true);
    for (const doc of this.deps.allDocuments()) this.schedule(doc.uri, 0);
  }

  // ---- requests ----

  private record(p: ParsedFile, settings: Settings, modulePath: string): FactsRecord | undefined {
    const t = lookupTargets(p).find((x) => x.req.mod.path === modulePath);
    return t && this.deps.store.get(this.profile(settings), t.key);
  }

  inlayHints(params: InlayHintParams): InlayHint[] {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return [];
    const settings = this.known.get(doc.uri) ?? DEFAULT_SETTINGS;
    const p = this.parse(doc);
    const first = params.range.start.line;
    const last = params.range.end.line;
    const hints: InlayHint[] = [];
    for (const t of lookupTargets(p)) {
      const line = doc.positionAt(t.req.line.start.offset).line;
      if (line < first || line > last) continue;
      const r = this.deps.store.get(this.profile(settings), t.key);
      if (!r) continue;
      const at = t.req.line.end;
      const f = r.facts;
      const labels: string[] = [];
      const tips: string[] = [];
      if (settings.inlayHints.retracted && f.retracted) {
        labels.push('⚠ retracted');
        tips.push(`Retracted: ${f.retracted.join('; ')}`);
      }
      if (settings.inlayHints.deprecated && f.deprecated) {
        labels.push('⚠ deprecated');
        tips.push(`Deprecated: ${f.deprecated}`);
      }
      if (settings.inlayHints.updates && f.update && !r.versionMissing) {
        const kind = updateKind(t.req.mod.version, f.update.Version);
        labels.push(`→ ${f.update.Version} (${kind})`);
        tips.push(`${kind} update available: ${f.update.Version}`);
      }
      if (labels.length === 0 && settings.inlayHints.upToDate && !f.update && !f.failure) {
        labels.push('✓');
        tips.push('Up to date');
      }
      if (labels.length > 0) hints.push(inlayHint(doc, at, labels.join('  '), tips.join('\n')));
    }
    return hints;
  }

  hover(params: HoverParams): Hover | null {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return null;
    const p = this.parse(doc);
    const at = moduleAt(p, doc.offsetAt(params.position));
    if (!at || at.kind === 'retract' || (at.kind === 'replace-new' && !at.version)) return null;
    const settings = this.known.get(doc.uri) ?? DEFAULT_SETTINGS;
    const engine = this.deps.engines.peek(settings, this.trusted);
    const env = engine?.goEnv.values;
    // Without the Go settings yet, nobody knows whether the path is public: no link until they are known.
    const publicLink = env ? !keepOffPublicServices(env, at.path) : false;
    const version = at.version || p.directives.require.find((r) => r.mod.path === at.path)?.mod.version || '';
    const record = this.record(p, settings, at.path);
    this.fetchTimes(settings, at.path, [version, record?.facts.update?.Version, record?.facts.latest?.Version]);
    const markdown = hoverMarkdown(p, {
      path: at.path,
      version,
      record,
      times: new Map([...this.times].filter(([k]) => k.startsWith(at.path + '@')).map(([k, v]) => [k.slice(at.path.length + 1), v])),
      notProxied: env ? noProxy(env, at.path) : false,
      publicLink,
      note: settings.checkForUpdates ? undefined : 'Checking is turned off (goModHygiene.checkForUpdates).',
    });
    return hover(doc, markdown, at.token.start, at.token.end);
  }

  /** Publish times are fetched only for what someone hovers, in the background. */
  private fetchTimes(settings: Settings, modulePath: string, versions: (string | undefined)[]): void {
    const engine = this.deps.engines.peek(settings, this.trusted);
    if (!engine || !settings.checkForUpdates) return;
    for (const v of versions) {
      if (!v || this.times.has(`${modulePath}@${v}`)) continue;
      engine.client.info(modulePath, v).then(
        (r) => {
          if (r.kind === 'found' && r.value.Time) this.times.set(`${modulePath}@${v}`, r.value.Time);
        },
        (e: unknown) => this.deps.log(`publish time of ${modulePath}@${v}: ${String(e)}`),
      );
    }
  }

  /** Version lists of modules that are not requirements (typed in a new line), fetched on demand. */
  private readonly versionLists = new Map<string, string[]>();

  completion(params: CompletionParams): CompletionList | null {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return null;
    const p = this.parse(doc);
    const settings = this.known.get(doc.uri) ?? DEFAULT_SETTINGS;
    const record = (path: string) => this.record(p, settings, path) ?? this.deps.store.anyFor(this.profile(settings), path);
    return completions(doc, p, doc.offsetAt(params.position), {
      versions: (path) => record(path)?.tagged ?? this.versionLists.get(path),
      retractions: (path) => record(path)?.facts.retractions ?? [],
      latest: (path) => record(path)?.facts.latest?.Version,
      modulePaths: () => {
        const paths = new Set(this.versionLists.keys());
        for (const d of this.deps.allDocuments()) for (const r of this.parse(d).directives.require) paths.add(r.mod.path);
        return [...paths];
      },
      fetch: (path) => {
        const engine = this.deps.engines.peek(settings, this.trusted);
        if (!engine || !settings.checkForUpdates) return;
        engine.client.versions(path).then(
          (r) => {
            if (r.kind === 'found') this.versionLists.set(path, r.value.versions);
          },
          (e: unknown) => this.deps.log(`versions of ${path}: ${String(e)}`),
        );
      },
    });
  }

  /** The configuration report for the command "Explain Go Module Configuration". */
  async explainConfiguration(params: { uri?: string }): Promise<{ markdown: string }> {
    const uri = params.uri ?? this.deps.allDocuments()[0]?.uri;
    const settings = uri ? await this.settingsFor(uri) : DEFAULT_SETTINGS;
    const engine = await this.deps.engines.get(settings, this.trusted);
    if ('error' in engine) return { markdown: `# Go module configuration\n\nThe configuration cannot be used: ${engine.error}\n` };
    const doc = uri ? this.deps.getDocument(uri) : undefined;
    const p = doc ? this.parse(doc) : undefined;
    const findings = doc ? this.findings(doc, settings) : [];
    const markdown = await explainConfiguration({
      goEnv: engine.goEnv,
      requirements: p?.directives.require.map((r) => r.mod.path) ?? [],
      notFound: findings.filter((f) => f.code === 'module-not-found' && f.module).map((f) => f.module!),
      goBinary: engine.goBinary,
      trusted: this.trusted,
      offline: settings.offline,
      probe: (url) => engine.probe(url),
      exists: (f) => this.deps.fileExists(f),
    });
    return { markdown };
  }

  documentSymbols(params: DocumentSymbolParams): DocumentSymbol[] {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return [];
    return outline(this.parse(doc)).map((item) => documentSymbol(doc, item));
  }

  documentLinks(params: DocumentLinkParams): DocumentLink[] {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc || !doc.uri.startsWith('file:')) return [];
    const dir = path.dirname(fileURLToPath(doc.uri));
    const links: DocumentLink[] = [];
    for (const link of localPathLinks(this.parse(doc))) {
      // Go resolves replacement directories relative to the go.mod's directory.
      const target = path.join(path.resolve(dir, link.path.replace(/\\/g, path.sep)), 'go.mod');
      if (this.deps.fileExists(target)) links.push(documentLink(doc, link, pathToFileURL(target).toString()));
    }
    // Module paths link to pkg.go.dev, but only when they are known to be public:
    // following a link would send a private path to a public service.
    const env = this.deps.engines.peek(this.known.get(doc.uri) ?? DEFAULT_SETTINGS, this.trusted)?.goEnv.values;
    if (env) {
      for (const r of this.parse(doc).directives.require) {
        if (keepOffPublicServices(env, r.mod.path)) continue;
        const tok = argTokens(r.line)[0];
        if (!tok) continue;
        const target = `https://pkg.go.dev/${encodeURI(r.mod.path)}@${encodeURI(r.mod.version)}`;
        links.push({ ...documentLink(doc, { path: r.mod.path, start: tok.start, end: tok.end }, target), tooltip: `Open ${r.mod.path} on pkg.go.dev` });
      }
    }
    return links;
  }

  /** Formatting as `go mod edit -fmt` does it; a file the go command rejects is left alone. */
  format(params: DocumentFormattingParams): TextEdit[] | null {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return null;
    const result = formatFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    if (!result.ok) {
      this.deps.log(`Not formatting ${displayName(doc.uri)}: it has errors (${result.errors[0].message.split('\n')[0]}).`);
      return null;
    }
    return replaceAll(doc, result.value);
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.fixes.codeActions(params);
  }

  codeLenses(params: CodeLensParams): CodeLens[] {
    return this.fixes.codeLenses(params);
  }

  /** The fix commands (upgrade, upgrade all, tidy, GOPRIVATE); undefined for other commands. */
  executeCommand(params: ExecuteCommandParams, token?: CancellationToken): Promise<FixOutcome | undefined> {
    return this.fixes.executeCommand(params, token);
  }
}
