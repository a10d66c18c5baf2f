// The state of one language-server session, one owner per kind: documents,
// settings, Go contexts, facts, tidy answers and scheduling. Features read
// and update it; they never hold state of their own that outlives a request,
// except caches of what only they use.
import type { ClientCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GoContext } from '../../core/analysis/goContext';
import { Documents, fsPathOf } from './documents';
import type { DocumentSource, EditorClient, FileSystem } from './editor';
import { FactsStore } from './facts';
import { type GoContextResult, GoContexts, type ProcessBase } from './goContexts';
import { Scheduler } from './scheduler';
import { factsProfile, type Settings, SettingsCache } from './settings';
import { TidyAnswers } from './tidyAnswers';

export interface SessionParts {
  client: EditorClient;
  documents: DocumentSource;
  files: FileSystem;
  /** The server process's environment and working directory (Go's settings start from them). */
  process: ProcessBase;
}

export class Session {
  /** Untrusted workspaces (VS Code restricted mode) never run the go command. */
  trusted = false;
  /** What the client said it can do, in initialize. */
  capabilities: ClientCapabilities = {};
  readonly client: EditorClient;
  readonly files: FileSystem;
  /** The environment GOWORK and the Go contexts start from. */
  readonly env: Record<string, string | undefined>;
  readonly documents: Documents;
  readonly settings: SettingsCache;
  readonly contexts: GoContexts;
  readonly facts = new FactsStore();
  readonly tidy = new TidyAnswers();
  readonly scheduler: Scheduler;

  constructor(parts: SessionParts) {
    this.client = parts.client;
    this.files = parts.files;
    this.env = parts.process.env;
    this.documents = new Documents(parts.documents);
    this.settings = new SettingsCache((uri) => parts.client.getConfiguration(uri), (m) => parts.client.log(m));
    this.contexts = new GoContexts(parts.process, (m) => parts.client.log(m), () => this.trusted);
    this.scheduler = new Scheduler((uri) => this.documents.get(uri) !== undefined, (m) => parts.client.log(m));
  }

  /** The profile the stored facts of a document's settings are kept under. */
  profile(settings: Settings): string {
    return factsProfile(settings, this.trusted);
  }

  /** The Go context of a document, started if need be. */
  context(uri: string, settings: Settings): Promise<GoContextResult> {
    return this.contexts.get(fsPathOf(uri), settings);
  }

  /** The Go context of a document if it is running; requests that must not wait use this. */
  runningContext(doc: TextDocument | string, settings: Settings): GoContext | undefined {
    const uri = typeof doc === 'string' ? doc : doc.uri;
    return this.contexts.peek(fsPathOf(uri), settings);
  }

  checkAll(delayMs: number): void {
    for (const doc of this.documents.all()) this.scheduler.schedule(doc.uri, delayMs);
  }

  /** Settings changed: forget them and the contexts built from them, then check again. */
  configurationChanged(): void {
    this.settings.reset();
    this.contexts.reset();
    this.tidy.reset();
    this.checkAll(0);
  }

  /**
   * Refresh: forget every known fact and ask the proxies again. Tidy answers
   * stay until the go command is asked again (the next open or save).
   */
  refresh(): void {
    this.facts.reset();
    this.contexts.reset(true);
    this.checkAll(0);
  }

  documentClosed(uri: string): void {
    this.scheduler.cancel(uri);
    this.documents.forget(uri);
    this.tidy.forget(uri);
  }
}
