// The status bar item for the active go.mod or go.work: the last
// `goModHygiene/status` the server sent for it (the server sends one after
// every diagnostics publish, so the count is the Problems view's), the proxy in
// use and the trust state. Clicking it offers the problems, the configuration
// report and a refresh; refreshing shows progress until every open file is checked.
import * as vscode from 'vscode';
import { type LanguageClient, NotificationType, State } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from './commandIds';
import { STATUS_NOTIFICATION, type StatusReport } from '../../shared/protocol';
import { presentStatus } from './statusText';

const StatusNotification = new NotificationType<StatusReport>(STATUS_NOTIFICATION);
const LANGUAGES = new Set(['go.mod', 'go.work']);
/** A refresh that hears nothing back stops waiting after this (a proxy that hangs has its own deadlines). */
const REFRESH_WAIT_MS = 120_000;

export class ModuleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goModHygiene.status', vscode.StatusBarAlignment.Right, 100);
  /** Last report per document, keyed by the VS Code URI string. */
  private readonly last = new Map<string, StatusReport>();
  /** Documents a refresh is waiting for: they show "checking…" until their check ends. */
  private readonly refreshing = new Set<string>();
  /** Documents whose check has ended at least once: before that, "checking" is not yet a result. */
  private readonly checkedOnce = new Set<string>();
  private readonly checked = new vscode.EventEmitter<void>();
  private endRefresh: (() => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.item.name = 'Go Module Hygiene';
    this.item.command = CLIENT_COMMANDS.showActions;
    this.disposables.push(
      this.item,
      this.checked,
      client.onNotification(StatusNotification, (report) => {
        const uri = client.protocol2CodeConverter.asUri(report.uri).toString();
        this.last.set(uri, report);
        if (report.state !== 'checking') this.checkedOnce.add(uri);
        if (report.state !== 'checking' && this.refreshing.delete(uri)) this.checked.fire();
        this.render();
      }),
      // A stopped server reports nothing more: forget what it said (a check it
      // was running will never finish). On restart it checks the open files again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.clear();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.last.delete(doc.uri.toString());
        this.checkedOnce.delete(doc.uri.toString());
        if (this.refreshing.delete(doc.uri.toString())) this.checked.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
      // Settings can turn checks off, and then no report replaces the old one.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('goModHygiene') || e.affectsConfiguration('go')) this.clear();
      }),
    );
    this.render();
  }

  /**
   * A refresh was asked for: every open go.mod and go.work shows "checking…"
   * at once, and the promise settles when each has reported the end of its check.
   */
  refreshStarted(): Promise<void> {
    this.endRefresh?.();
    // The documents the language client syncs (languageClient.ts): a go.mod in a diff view is never checked.
    for (const doc of vscode.workspace.textDocuments) {
      if (LANGUAGES.has(doc.languageId) && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled')) this.refreshing.add(doc.uri.toString());
    }
    this.render();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        listener.dispose();
        this.endRefresh = undefined;
        this.refreshing.clear();
        this.render();
        resolve();
      };
      const timer = setTimeout(finish, REFRESH_WAIT_MS);
      const listener = this.checked.event(() => this.refreshing.size === 0 && finish());
      this.endRefresh = finish;
      if (this.refreshing.size === 0) finish();
    });
  }

  /** The refresh did not reach the server: stop waiting for it. */
  refreshEnded(): void {
    this.endRefresh?.();
  }

  private clear(): void {
    this.last.clear();
    this.checkedOnce.clear();
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      this.item.hide();
      return;
    }
    const key = doc.uri.toString();
    const report = this.last.get(key);
    // Until its check ends, a refreshed or newly opened document says "checking…", whatever it reported before;
    // later, the pause after an edit shows the counts of the new text, without a spinner at every keystroke.
    const spinning = this.refreshing.has(key) || (report?.state === 'checking' && !this.checkedOnce.has(key));
    const shown: StatusReport | undefined = spinning
      ? { ...(report ?? { uri: key, updates: 0, problems: 0, proxy: '' }), state: 'checking', lookups: undefined }
      : report;
    const { text, tooltip, failed } = presentStatus(shown, vscode.workspace.isTrusted);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
