// The wire contract between this client and the language server: the custom
// messages it sends or answers, and the ids of the commands it executes
// (workspace/executeCommand). Kept free of `vscode` so it can be read anywhere.

/** Server commands. vscode-languageclient registers each id the server lists in
 * executeCommandProvider as a VS Code command, so the client's own commands
 * must never use these ids (registering an id twice throws "already exists"). */
export const SERVER_COMMANDS = {
  refresh: 'goModHygiene.refresh',
  upgradeAll: 'goModHygiene.upgradeAll',
} as const;

// The message names and shapes are shared with the server.
import { EXPLAIN_REQUEST } from '../../server/src/protocol';
export { STATUS_NOTIFICATION, type StatusReport } from '../../server/src/protocol';

/** Request `goModHygiene/explainConfiguration`: the Go configuration that applies to a go.mod. */
export const EXPLAIN_CONFIGURATION_REQUEST = EXPLAIN_REQUEST;

export interface ExplainConfigurationParams {
  uri: string;
}

export interface ExplainConfigurationResult {
  markdown: string;
}

/** Options the server reads in `initialize`: restricted mode never runs the go command. */
export interface InitializationOptions {
  trusted: boolean;
}
