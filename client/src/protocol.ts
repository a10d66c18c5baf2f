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

/** Notification `goModHygiene/status`: the result of the last check of one go.mod. */
export const STATUS_NOTIFICATION = 'goModHygiene/status';

export interface StatusReport {
  uri: string;
  state: 'checking' | 'done' | 'error';
  updates: number;
  problems: number;
  /** The GOPROXY list in use, as the server describes it (credentials masked). */
  proxy: string;
  message?: string;
}

/** Request `goModHygiene/explainConfiguration`: the Go configuration that applies to a go.mod. */
export const EXPLAIN_CONFIGURATION_REQUEST = 'goModHygiene/explainConfiguration';

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
