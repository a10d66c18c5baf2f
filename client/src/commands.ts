// The commands of the command palette. Those that act on modules ask the
// server: through workspace/executeCommand (SERVER_COMMANDS) or a custom
// request. Their ids differ from the server's on purpose: vscode-languageclient
// registers every server command id itself, and an id registered twice throws.
import * as vscode from 'vscode';
import { ErrorCodes, ExecuteCommandRequest, type LanguageClient, RequestType, ResponseError } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from './commandIds';
import type { ExplainView } from './explainView';
import type { ModuleStatusBar } from './statusBar';
import {
  EXPLAIN_CONFIGURATION_REQUEST,
  type ExplainConfigurationParams,
  type ExplainConfigurationResult,
  SERVER_COMMANDS,
} from '../../shared/protocol';

const ExplainConfiguration = new RequestType<ExplainConfigurationParams, ExplainConfigurationResult, void>(EXPLAIN_CONFIGURATION_REQUEST);
const PREFIX = 'Go Module Hygiene:';

interface CommandDeps {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  explainView: ExplainView;
  statusBar: ModuleStatusBar;
}

function activeDocument(languages: readonly string[]): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && languages.includes(doc.languageId) ? doc : undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs a request against the server, turning every failure into a message. */
async function ask<T>(deps: CommandDeps, what: string, request: () => Promise<T>): Promise<T | undefined> {
  if (!deps.client.isRunning()) {
    void vscode.window.showWarningMessage(`${PREFIX} the language server is not running. Run "Go Module Hygiene: Restart Language Server".`);
    return undefined;
  }
  try {
    return await request();
  } catch (e) {
    deps.output.error(`${what} failed: ${message(e)}`);
    void vscode.window.showErrorMessage(`${PREFIX} ${what} failed: ${message(e)}`, 'Show Output').then((c) => c && deps.output.show(true));
    return undefined;
  }
}

/** workspace/executeCommand, after checking that this server offers the command. */
/** Whether the server ran the command (a failure has been shown to the user). */
async function executeServerCommand(deps: CommandDeps, what: string, command: string, args: unknown[]): Promise<boolean> {
  const offered = deps.client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (deps.client.isRunning() && !offered.includes(command)) {
    void vscode.window.showInformationMessage(`${PREFIX} this version of the language server cannot ${what.toLowerCase()} yet.`);
    return false;
  }
  const asked = await ask(deps, what, async () => (await deps.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) ?? null);
  return asked !== undefined;
}

/** Progress in the status bar until every open go.mod and go.work is checked again; the item then says "checked" or the count. */
async function refreshModules(deps: CommandDeps): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `${PREFIX} checking modules` }, async () => {
    if (!deps.client.isRunning()) {
      await executeServerCommand(deps, 'Refresh', SERVER_COMMANDS.refresh, []);
      return;
    }
    const checked = deps.statusBar.refreshStarted();
    if (!(await executeServerCommand(deps, 'Refresh', SERVER_COMMANDS.refresh, []))) deps.statusBar.refreshEnded();
    await checked;
  });
}

/** What clicking the status bar item offers: the problems first, as VS Code's own problem counter does. */
async function showActions(): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(warning) Show Problems', description: 'the Problems view', command: 'workbench.actions.view.problems' },
    { label: '$(book) Explain Go Module Configuration', description: 'proxies, private modules, Go settings', command: CLIENT_COMMANDS.explainConfiguration },
    { label: '$(refresh) Refresh (Bypass Cache)', description: 'ask the module proxies again', command: CLIENT_COMMANDS.refreshModules },
    { label: '$(output) Show Output', description: 'the language server log', command: CLIENT_COMMANDS.showOutput },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'Go Module Hygiene', placeHolder: 'Show problems, explain the configuration or check again' });
  if (choice) await vscode.commands.executeCommand(choice.command);
}

async function upgradeAll(deps: CommandDeps): Promise<void> {
  const doc = activeDocument(['go.mod']);
  if (!doc) {
    void vscode.window.showInformationMessage(`${PREFIX} open a go.mod file to upgrade its requirements.`);
    return;
  }
  if (!vscode.workspace.isTrusted) {
    // Upgrading runs the go command, which restricted mode never does.
    const choice = await vscode.window.showWarningMessage(`${PREFIX} upgrading runs the go command, which needs a trusted workspace.`, 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  const uri = deps.client.code2ProtocolConverter.asUri(doc.uri);
  await executeServerCommand(deps, 'Upgrade all requirements', SERVER_COMMANDS.upgradeAll, [{ uri }]);
}

async function explainConfiguration(deps: CommandDeps): Promise<void> {
  const doc = activeDocument(['go.mod', 'go.work']);
  if (!doc) {
    void vscode.window.showInformationMessage(`${PREFIX} open a go.mod or go.work file to see the Go configuration that applies to it.`);
    return;
  }
  const uri = deps.client.code2ProtocolConverter.asUri(doc.uri);
  const result = await ask(deps, 'Explain configuration', () =>
    deps.client.sendRequest(ExplainConfiguration, { uri }).catch((e: unknown) => {
      if (e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound) return 'unsupported' as const;
      throw e;
    }));
  if (result === 'unsupported') {
    void vscode.window.showInformationMessage(`${PREFIX} this version of the language server cannot explain the Go configuration yet.`);
  } else if (result && typeof result.markdown === 'string') {
    await deps.explainView.show(doc.uri, result.markdown);
  }
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { client, output } = deps;
  return [
    vscode.commands.registerCommand(CLIENT_COMMANDS.refreshModules, () => refreshModules(deps)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.upgradeAllRequirements, () => upgradeAll(deps)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.explainConfiguration, () => explainConfiguration(deps)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showActions, () => showActions()),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      try {
        await client.restart();
        output.info('Language server restarted.');
      } catch (e) {
        output.error(`The language server did not restart: ${message(e)}`);
        void vscode.window.showErrorMessage(`${PREFIX} the language server did not restart. See the output for details.`);
      }
    }),
  ];
}
