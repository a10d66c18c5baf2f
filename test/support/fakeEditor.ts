// A fake editor connection for in-process language-server tests: open
// documents, published diagnostics, status reports, messages and applied
// edits are plain values; settings are whatever the test sets. The server is
// the real GoModServer, with the real file system, the real go command where a
// test trusts the workspace, and the loopback test proxy: only the transport
// (JSON-RPC over stdio) is left out, which test/server/ covers.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClientCapabilities, Diagnostic, InitializeResult, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GoModServer } from '../../server/src/lsp/server';
import { readTextFile } from '../../server/src/node/nodeHost';
import type { StatusReport } from '../../shared/protocol';
import { isolatedEnv } from './isolatedEnv';

export interface FakeEditorOptions {
  /** Go variables for the server's process environment (isolatedEnv's defaults otherwise: GOPROXY=off). */
  env?: Record<string, string>;
  trusted?: boolean;
  rootPath?: string;
  workspaceFolders?: string[];
  capabilities?: ClientCapabilities;
}

export class FakeEditor {
  readonly home = mkdtempSync(path.join(tmpdir(), 'gmh-fake-editor-'));
  readonly docs = new Map<string, TextDocument>();
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  readonly statuses: StatusReport[] = [];
  readonly logs: string[] = [];
  readonly messages: { kind: string; message: string }[] = [];
  readonly edits: WorkspaceEdit[] = [];
  inlayHintRefreshes = 0;
  /** The goModHygiene settings, the same for every resource. */
  settings: Record<string, unknown> = { debounceMs: 0 };
  goSettings: Record<string, unknown> = {};
  readonly server: GoModServer;
  initializeResult!: InitializeResult;

  constructor(private readonly opts: FakeEditorOptions = {}) {
    this.server = new GoModServer({
      documents: { get: (uri) => this.docs.get(uri), all: () => [...this.docs.values()] },
      files: { exists: (p) => existsSync(p), readFile: readTextFile },
      process: { env: isolatedEnv(this.home, opts.env), cwd: this.home },
      client: {
        publishDiagnostics: (uri, diagnostics) => {
          this.diagnostics.set(uri, diagnostics);
          this.published.push({ uri, diagnostics });
        },
        getConfiguration: async () => [this.settings, this.goSettings],
        refreshInlayHints: () => void this.inlayHintRefreshes++,
        refreshCodeLenses: () => undefined,
        progress: async () => ({ report: () => undefined, done: () => undefined }),
        status: (r) => void this.statuses.push(r),
        log: (m) => void this.logs.push(m),
        ui: {
          applyEdit: async (_label, edit) => {
            this.edits.push(edit);
            return { applied: true };
          },
          showMessage: (kind, message) => void this.messages.push({ kind, message }),
          showMessageRequest: async (kind, message) => {
            this.messages.push({ kind, message });
            return undefined;
          },
          progress: async () => ({ report: () => undefined, done: () => undefined, onCancel: () => undefined }),
        },
      },
    }, 'test');
  }

  initialize(): InitializeResult {
    const folders = this.opts.workspaceFolders ?? (this.opts.rootPath ? [this.opts.rootPath] : []);
    this.initializeResult = this.server.initialize({
      processId: process.pid,
      rootUri: null,
      capabilities: this.opts.capabilities ?? {},
      workspaceFolders: folders.map((f) => ({ uri: `file://${f}`, name: path.basename(f) })),
      initializationOptions: { trusted: this.opts.trusted === true },
    });
    return this.initializeResult;
  }

  open(uri: string, text: string, languageId = 'go.mod'): TextDocument {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    this.server.documentOpened(doc);
    return doc;
  }

  change(uri: string, text: string): TextDocument {
    const old = this.docs.get(uri)!;
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    this.server.documentChanged(doc);
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.server.documentClosed(uri);
  }

  /** Polls (every 5 ms, up to the deadline) until `pred` holds for the diagnostics of `uri`. */
  async diagnosticsWhere(uri: string, pred: (d: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = this.diagnostics.get(uri);
      if (d && pred(d)) return d;
      if (Date.now() > deadline) throw new Error(`diagnostics of ${uri} never matched; last: ${JSON.stringify(d?.map((x) => x.code))}; log: ${this.logs.slice(-5).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Polls until `pred` returns a value. */
  async until<T>(what: string, pred: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = pred();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
    this.server.session.scheduler.reset();
    this.server.session.contexts.reset();
    removeSoon(this.home);
  }
}

/**
 * Removes a test's home directory. A cache write that was in flight when the
 * test ended can create a file while the directory is being removed
 * (ENOTEMPTY); the removal is then tried again once those writes have landed.
 */
function removeSoon(dir: string): void {
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  try {
    remove();
  } catch {
    setTimeout(() => {
      try {
        remove();
      } catch {
        // Left in the temporary directory; nothing a test asserts depends on it.
      }
    }, 500);
  }
}
