// What a launch of the extension-host suites runs with, shared by the two
// launchers (runTests.ts for desktop VS Code, test/e2e/extensionHost.test.ts
// for code-server): the user settings of a fresh profile, and an environment
// in which the suites never reach a public host.
import { isolatedEnv, machineVariablesRemoved } from '../support/isolatedEnv';
import type { Mode } from './suite/selection';

/** User settings for a test profile: nothing that phones home, no prompts, and trust as the mode wants it. */
export function userSettings(mode: Mode): Record<string, unknown> {
  return {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'git.enabled': false,
    'npm.fetchOnlinePackageInfo': false,
    'json.schemaDownload.enable': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'security.workspace.trust.enabled': mode === 'restricted',
    // Restricted mode without the modal that asks whether to trust the folder.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

/**
 * The environment VS Code and its extension host (and so the language server)
 * run in. Launchers add it on top of their own environment, so every variable
 * that could steer Go or the network is removed first (a value of undefined
 * removes it), then the isolated set is added, with the loopback test proxy
 * as GOPROXY.
 */
export function testEnv(home: string, proxyUrl: string, mode: Mode): Record<string, string | undefined> {
  // The launching VS Code's own variables must not reach the one under test either.
  const removed = machineVariablesRemoved(/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/);
  return { ...removed, ...isolatedEnv(home, { GOPROXY: proxyUrl }), GMH_VSCODE_TRUST: mode };
}
