// Living beside the official Go extension (golang.go), whose gopls serves the
// same go.mod and go.work files. Checked by hand with gopls v0.23.0 (README,
// "Beside the official Go extension"; examples/goExtensionCheck.ts). When
// deferring:
// - document links and formatting are left to gopls, which always gives them
//   for a file it can parse: one link per module path, and no "Configure
//   Default Formatter" dialog, which two formatters bring up;
// - a finding gopls reports too is hidden while gopls shows it, and only then:
//   a `syntax` error on a line where gopls shows one (source "syntax"), and
//   `not-tidy` when gopls names unused requirements (source "go mod tidy").
//   gopls reports nothing on go.mod when it cannot load the workspace (a
//   go.work it cannot parse, say), so ours are never dropped in advance.
// Pure: no vscode import, so the unit tests check the policy itself.

/** The value of goModHygiene.goExtension. */
export type GoExtensionMode = 'defer' | 'ignore';

export interface GoExtensionState {
  mode: GoExtensionMode;
  /** vscode.extensions.getExtension('golang.go') found it (installed and enabled). */
  installed: boolean;
  /** go.useLanguageServer: the Go extension runs gopls unless it is false. */
  useLanguageServer: unknown;
}

export function goExtensionMode(value: unknown): GoExtensionMode {
  return value === 'ignore' ? 'ignore' : 'defer';
}

export function defersToGopls(s: GoExtensionState): boolean {
  return s.mode === 'defer' && s.installed && s.useLanguageServer !== false;
}

/** What the policy needs of a diagnostic: who reported it, its code, its first line. */
export interface DiagnosticFacts {
  source?: string;
  code?: string;
  line: number;
}

export const OUR_SOURCE = 'go-mod-hygiene';

/** Our codes that gopls reports too, by gopls' source name, and whether it must be on the same line. */
const GOPLS_REPORTS: Record<string, { source: string; sameLine: boolean }> = {
  syntax: { source: 'syntax', sameLine: true },
  'not-tidy': { source: 'go mod tidy', sameLine: false },
};

/** Our diagnostics of a document less those gopls shows too (`shown`: every diagnostic VS Code has for it). */
export function notShownByGopls<T extends DiagnosticFacts>(ours: readonly T[], shown: readonly DiagnosticFacts[]): T[] {
  const gopls = shown.filter((d) => d.source !== OUR_SOURCE);
  return ours.filter((d) => {
    const same = d.code === undefined ? undefined : GOPLS_REPORTS[d.code];
    return !same || !gopls.some((g) => g.source === same.source && (!same.sameLine || g.line === d.line));
  });
}
