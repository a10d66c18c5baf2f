// A minimal LSP client for tests: spawns `dist/cli.js lsp --stdio` and speaks
// JSON-RPC to it, recording every notification the server sends.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../../shared/nodeFlags';
import { REPO_ROOT } from './corpus';
import { isolatedEnv } from './isolatedEnv';

export interface Notification {
  method: string;
  params: any;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  /** What the client answers for the goModHygiene and go sections. */
  settings: Record<string, unknown> = {};
  goSettings: Record<string, unknown> = {};
  /** What the client answers to workspace/applyEdit (the edit itself is in serverRequests); a function can act as the editor first. */
  applyEditResult: { applied: boolean; failureReason?: string } | ((params: any) => Promise<{ applied: boolean; failureReason?: string }>) = { applied: true };
  /** The action title chosen for window/showMessageRequest; null dismisses the message. */
  messageReply: string | null | ((params: { message: string; actions?: { title: string }[] }) => string | null) = null;
  private readonly proc: ChildProcess;
  stderr = '';

  readonly home: string;

  /**
   * The server runs with an isolated Go environment: module lookups are off
   * unless a test gives a loopback proxy, and nothing of the machine's own Go
   * configuration, cache or network settings leaks in.
   */
  constructor(env: Record<string, string> = {}) {
    this.home = mkdtempSync(path.join(tmpdir(), 'gmh-lsp-home-'));
    const isolated = isolatedEnv(this.home, env);
    this.proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(REPO_ROOT, 'dist', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: isolated });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
    });
    // Requests from the server (configuration, refreshes, progress) are recorded and answered.
    this.connection.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((i) => (i.section === 'goModHygiene' ? this.settings : i.section === 'go' ? this.goSettings : {}));
      }
      if (method === 'workspace/applyEdit') return typeof this.applyEditResult === 'function' ? this.applyEditResult(params) : this.applyEditResult;
      if (method === 'window/showDocument') return { success: true };
      if (method === 'window/showMessageRequest') {
        const p = params as { message: string; actions?: { title: string }[] };
        const title = typeof this.messageReply === 'function' ? this.messageReply(p) : this.messageReply;
        return title === null ? null : (p.actions?.find((a) => a.title === title) ?? null);
      }
      return null;
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null, capabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<any> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Polls until a notification matching `pred` arrives after index `from`, or fails at the deadline. */
  async waitFor(pred: (n: Notification) => boolean, from = 0, timeoutMs = 5000): Promise<Notification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.slice(from).find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching notification within ${timeoutMs} ms; got ${this.notifications.map((n) => n.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async diagnosticsFor(uri: string, from: number): Promise<any[]> {
    const n = await this.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, from);
    return n.params.diagnostics;
  }

  /** The server's resident memory, from /proc (Linux). */
  rssMb(): number | undefined {
    try {
      const status = require('node:fs').readFileSync(`/proc/${this.proc.pid}/status`, 'utf8') as string;
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      // already gone
    }
    this.connection.dispose();
    // The home holds the server's cache: wait for the process to be gone, so
    // that no write of its lands while the directory is being removed.
    const exited = this.proc.exitCode !== null || this.proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.proc.once('exit', () => resolve());
          setTimeout(resolve, 2000).unref();
        });
    this.proc.kill();
    await exited;
    rmSync(this.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}
