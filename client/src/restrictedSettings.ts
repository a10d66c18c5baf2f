// In restricted mode VS Code ignores the workspace values of the settings an
// extension declares in capabilities.untrustedWorkspaces.restrictedConfigurations.
// The official Go extension declares go.toolsEnvVars and go.alternateTools so,
// but only while it is installed: without it those settings are unknown and a
// workspace could still point the proxy lookups elsewhere. So the server is
// given only their user-level values until the workspace is trusted.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** The `go` settings the server reads (see server/src/settings.ts). */
const GO_SETTINGS = ['toolsEnvVars', 'alternateTools'] as const;

function userLevelOnly(value: unknown, scopeUri: string | undefined): unknown {
  const config = vscode.workspace.getConfiguration('go', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const out: Record<string, unknown> = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  for (const key of GO_SETTINGS) {
    const levels = config.inspect(key);
    out[key] = levels?.globalValue ?? levels?.defaultValue;
  }
  return out;
}

export const restrictedSettingsMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const result = await next(params, token);
      if (vscode.workspace.isTrusted || !Array.isArray(result)) return result;
      return result.map((value, i) => (params.items[i]?.section === 'go' ? userLevelOnly(value, params.items[i].scopeUri) : value));
    },
  },
};
