// The official Go extension, seen from VS Code: is it there, does it run gopls,
// and what goModHygiene.goExtension says (the policy: goplsOverlap.ts). The
// server learns it at start (initialization options: no document links, no
// formatter), and is restarted when the answer changes. Our findings that
// gopls shows too are hidden here, in the client, for as long as it shows them.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { defersToGopls, type DiagnosticFacts, goExtensionMode, notShownByGopls } from './goplsOverlap';

export const GO_EXTENSION_ID = 'golang.go';

export function deferToGopls(): boolean {
  return defersToGopls({
    mode: goExtensionMode(vscode.workspace.getConfiguration('goModHygiene').get('goExtension')),
    installed: vscode.extensions.getExtension(GO_EXTENSION_ID) !== undefined,
    useLanguageServer: vscode.workspace.getConfiguration('go').get('useLanguageServer'),
  });
}

function facts(d: vscode.Diagnostic): DiagnosticFacts {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return { source: d.source, code: code === undefined ? undefined : String(code), line: d.range.start.line };
}

/**
 * Keeps, per document, everything the server published, and shows it less what
 * gopls shows too: again whenever gopls' diagnostics change, so that ours come
 * back when gopls' go away.
 */
export class GoplsDuplicates implements vscode.Disposable {
  /** Per document: what the server published, and which of those are shown (their indexes, as a key). */
  private readonly published = new Map<string, { uri: vscode.Uri; all: vscode.Diagnostic[]; shown: string }>();
  private readonly watch: vscode.Disposable;
  client: LanguageClient | undefined;

  constructor() {
    this.watch = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const p = this.published.get(uri.toString());
        if (!p) continue;
        const kept = this.kept(p.uri, p.all);
        // Setting our collection fires this event again: only a change in what we keep is set
        // (the same number can be a different set: gopls' syntax error in place of its tidy warning).
        if (kept.key !== p.shown) {
          p.shown = kept.key;
          this.client?.diagnostics?.set(p.uri, kept.diagnostics);
        }
      }
    });
  }

  private kept(uri: vscode.Uri, all: vscode.Diagnostic[]): { diagnostics: vscode.Diagnostic[]; key: string } {
    const keep = deferToGopls()
      ? notShownByGopls(all.map((d, i) => ({ ...facts(d), i })), vscode.languages.getDiagnostics(uri).map(facts)).map((d) => d.i)
      : all.map((_, i) => i);
    return { diagnostics: keep.map((i) => all[i]), key: keep.join(',') };
  }

  readonly middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => {
      const kept = this.kept(uri, diagnostics);
      this.published.set(uri.toString(), { uri, all: diagnostics, shown: kept.key });
      next(uri, kept.diagnostics);
    },
  };

  dispose(): void {
    this.watch.dispose();
    this.published.clear();
  }
}

export function restartWhenGoExtensionChanges(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  let deferring = deferToGopls();
  if (deferring) output.info('The Go extension runs gopls on go.mod too: document links and formatting are left to it, and findings it shows too are shown once (goModHygiene.goExtension).');
  const check = () => {
    const now = deferToGopls();
    if (now === deferring) return;
    deferring = now;
    output.info(now
      ? 'The Go extension (gopls) is now active: restarting the language server to leave document links and formatting to gopls.'
      : 'No longer deferring to the Go extension: restarting the language server with document links and formatting.');
    client.restart().catch((e: unknown) => output.error(`The language server did not restart: ${e instanceof Error ? e.message : String(e)}`));
  };
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('goModHygiene.goExtension') || e.affectsConfiguration('go.useLanguageServer')) check();
    }),
  );
}
