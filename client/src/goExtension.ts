// The official Go extension, seen from VS Code: is it there, does it run gopls,
// and what goModHygiene.goExtension says (the policy: goplsOverlap.ts). The
// server learns it at start (initialization options: no document links, no
// formatter) and from its settings (the codes gopls reports, off); when any of
// the three changes, the server is restarted with the new answer.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { defersToGopls, goExtensionMode, withGoplsCodesOff } from './goplsOverlap';

export const GO_EXTENSION_ID = 'golang.go';

export function deferToGopls(): boolean {
  return defersToGopls({
    mode: goExtensionMode(vscode.workspace.getConfiguration('goModHygiene').get('goExtension')),
    installed: vscode.extensions.getExtension(GO_EXTENSION_ID) !== undefined,
    useLanguageServer: vscode.workspace.getConfiguration('go').get('useLanguageServer'),
  });
}

/** Wraps the configuration middleware: the goModHygiene section, with the codes gopls reports off while deferring. */
export function goplsSettingsMiddleware(inner: Middleware): Middleware {
  return {
    ...inner,
    workspace: {
      ...inner.workspace,
      configuration: async (params, token, next) => {
        const result = inner.workspace?.configuration ? await inner.workspace.configuration(params, token, next) : await next(params, token);
        if (!Array.isArray(result) || !deferToGopls()) return result;
        return result.map((value, i) => (params.items[i]?.section === 'goModHygiene' ? withGoplsCodesOff(value) : value));
      },
    },
  };
}

export function restartWhenGoExtensionChanges(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  let deferring = deferToGopls();
  if (deferring) output.info('The Go extension runs gopls on go.mod too: document links, formatting and the syntax and not-tidy findings are left to it (goModHygiene.goExtension).');
  const check = () => {
    const now = deferToGopls();
    if (now === deferring) return;
    deferring = now;
    output.info(now
      ? 'The Go extension (gopls) is now active: restarting the language server to leave links, formatting and the syntax and not-tidy findings to gopls.'
      : 'No longer deferring to the Go extension: restarting the language server with every feature.');
    client.restart().catch((e: unknown) => output.error(`The language server did not restart: ${e instanceof Error ? e.message : String(e)}`));
  };
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('goModHygiene.goExtension') || e.affectsConfiguration('go.useLanguageServer')) check();
    }),
  );
}
