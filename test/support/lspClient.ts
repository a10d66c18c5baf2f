// A minimal LSP client for tests: spawns `dist/cli.js lsp --stdio` and speaks
// JSON-RPC to it, recording every notification the server sends.
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { REPO_ROOT } from './corpus';

export interface Notification {
  method: string;
  params: any;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly notifications: Notification[] = [];
  private readonly proc: ChildProcess;
  stderr = '';

  constructor() {
    this.proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null): Promise<any> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {} });
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

  async dispose(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.proc.kill();
  }
}
