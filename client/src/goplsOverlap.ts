// Living beside the official Go extension (golang.go), whose gopls serves the
// same go.mod and go.work files. What gopls already gives, from the go command's
// own code (golang.org/x/mod/modfile), is left to it when deferring, so that
// nothing shows twice:
// - document links: gopls links each required module path to pkg.go.dev;
// - formatting: two formatters make VS Code stop and ask which is the default;
// - `syntax`: gopls reports the same parse errors (source "syntax");
// - `not-tidy`: gopls names each unused requirement (source "go mod tidy"),
//   with a quick fix, where ours says once that go mod tidy would change go.mod.
// Everything else (update, retraction, deprecation and replace findings, inlay
// hints, hovers, Upgrade all) gopls does not have, or has only on request.
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

/** The diagnostic codes gopls also reports, turned off while deferring unless the user set their severity. */
export const CODES_GOPLS_REPORTS = ['syntax', 'not-tidy'] as const;

export function goExtensionMode(value: unknown): GoExtensionMode {
  return value === 'ignore' ? 'ignore' : 'defer';
}

export function defersToGopls(s: GoExtensionState): boolean {
  return s.mode === 'defer' && s.installed && s.useLanguageServer !== false;
}

/**
 * The goModHygiene settings the server is given while deferring: the codes
 * gopls reports are off, unless goModHygiene.diagnostics names them (the
 * user's choice wins). Anything else is passed on untouched.
 */
export function withGoplsCodesOff(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return settings;
  const s = settings as Record<string, unknown>;
  const given = s.diagnostics && typeof s.diagnostics === 'object' && !Array.isArray(s.diagnostics) ? (s.diagnostics as Record<string, unknown>) : {};
  const off = Object.fromEntries(CODES_GOPLS_REPORTS.map((c) => [c, 'off']));
  return { ...s, diagnostics: { ...off, ...given } };
}
