// The status bar item for the active go.mod or go.work: the last
// `goModHygiene/status` the server sent for it, the proxy in use and the trust
// state. Clicking it checks again, bypassing the cache.
import * as vscode from 'vscode';
import { type LanguageClient, NotificationType, State } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from './commandIds';
import { STATUS_NOTIFICATION, type StatusReport } from '../../shared/protocol';
import { presentStatus } from './statusText';

const StatusNotification = new NotificationType<StatusReport>(STATUS_NOTIFICATION);
const LANGUAGES = new Set(['go.mod', 'go.work']);

export class ModuleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goModHygiene.status', vscode.StatusBarAlignment.Right, 100);
  /** Last report per document, keyed by the VS Code URI string. */
  private readonly last = new Map<string, StatusReport>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.item.name = 'Go Module Hygiene';
    this.item.command = CLIENT_COMMANDS.refreshModules;
    this.disposables.push(
      this.item,
      client.onNotification(StatusNotification, (report) => {
        this.last.set(client.protocol2CodeConverter.asUri(report.uri).toString(), report);
        this.render();
      }),
      // A stopped server reports nothing more: forget what it said (a check it
      // was running will never finish). On restart it checks the open files again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.clear();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.last.delete(doc.uri.toString())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
      // Settings can turn checks off, and then no report replaces the old one.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('goModHygiene') || e.affectsConfiguration('go')) this.clear();
      }),
    );
    this.render();
  }

  private clear(): void {
    this.last.clear();
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      this.item.hide();
      return;
    }
    const report = this.last.get(doc.uri.toString());
    const { text, tooltip } = presentStatus(report, vscode.workspace.isTrusted);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = report?.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
