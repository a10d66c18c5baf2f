// The wire contract between the language server and its clients: custom
// methods with their parameters and results, the server's command ids
// (workspace/executeCommand), code action kinds and the initialization
// options. The server and the VS Code client both import this file, so a name
// is written once; it imports nothing, so either side can read it.

/** Options the server reads in `initialize`. Only the boolean true trusts the workspace (restricted mode never runs the go command). */
export interface InitializationOptions {
  trusted: boolean;
  /**
   * gopls (the official Go extension) serves the same go.mod and go.work files:
   * leave document links and formatting to it, so that each module path has one
   * link and VS Code does not ask which formatter to use. Only the boolean true defers.
   */
  deferToGopls?: boolean;
}

/**
 * Notification `goModHygiene/status`: where the check of one go.mod or go.work
 * stands, sent after every publishDiagnostics for it, so the counts are always
 * those of the diagnostics the editor shows. `checking`: a check is pending or
 * under way; `done`: the last check finished; `error`: it could not run.
 */
export const STATUS_NOTIFICATION = 'goModHygiene/status';

export interface StatusReport {
  uri: string;
  state: 'checking' | 'done' | 'error';
  updates: number;
  /** Errors, warnings and infos among the published diagnostics: what the Problems view lists (it leaves hints out). */
  problems: number;
  /** The GOPROXY list in use, as the server describes it (credentials masked). */
  proxy: string;
  message?: string;
  /** The published diagnostics by severity, after the severity settings. */
  errors?: number;
  warnings?: number;
  infos?: number;
  /** Requirements with known vulnerabilities among the published diagnostics (absent from servers that predate the check). */
  vulnerable?: number;
  /** While checking: how many modules are being asked about (0 or absent: no network lookup, only the text). */
  lookups?: number;
  /** go.work only: the modules it uses, each with the findings of its go.mod. */
  modules?: WorkspaceModuleStatus[];
}

/** One `use` of a go.work, with the findings of that module's go.mod (open or on disk). */
export interface WorkspaceModuleStatus {
  /** The directory as the go.work writes it (./app). */
  dir: string;
  /** The module path its go.mod declares; absent when there is no go.mod there. */
  module?: string;
  errors: number;
  warnings: number;
  infos: number;
  updates: number;
  /** Requirements with known vulnerabilities in that go.mod. */
  vulnerable?: number;
}

/** Request `goModHygiene/explainConfiguration`: the Go configuration that applies to a go.mod. */
export const EXPLAIN_CONFIGURATION_REQUEST = 'goModHygiene/explainConfiguration';

export interface ExplainConfigurationParams {
  /** The go.mod (or go.work) to explain; the first open one when absent. */
  uri?: string;
}

export interface ExplainConfigurationResult {
  markdown: string;
}

/**
 * The server's commands. vscode-languageclient registers each id the server
 * lists in executeCommandProvider as a VS Code command, so the client's own
 * commands never use these ids (registering an id twice throws "already exists").
 */
export const SERVER_COMMANDS = {
  /** No arguments: forget every known fact and ask the proxies again. */
  refresh: 'goModHygiene.refresh',
  /** { uri, version, modules: [{ path, version }] }: go get path@version... */
  upgrade: 'goModHygiene.upgrade',
  /** { uri }: go get every direct requirement's minor/patch update. */
  upgradeAll: 'goModHygiene.upgradeAll',
  /** { uri }: go mod tidy. */
  tidy: 'goModHygiene.tidy',
  /** { uri, pattern }: go env -w GOPRIVATE=<existing>,<pattern>, after the user confirms. */
  addGoPrivate: 'goModHygiene.addGoPrivate',
  /** { uri, paths: [module path, ...] }: go mod download path..., for the checksums go.sum lacks. */
  downloadSums: 'goModHygiene.downloadSums',
  /**
   * { uri, modules: [{ path, version }] }: sent after a text-only version change
   * is applied; go.sum gets those versions' checksums once the go command can
   * load the module graph.
   */
  completeGoSum: 'goModHygiene.completeGoSum',
  /** { uri, path }: show the pkg.go.dev page of a public module or standard-library package (window/showDocument). */
  openModulePage: 'goModHygiene.openModulePage',
} as const;

export type ServerCommand = keyof typeof SERVER_COMMANDS;

/** The result of every server command. */
export interface CommandOutcome {
  ok: boolean;
  /** Whether the editor applied an edit. */
  applied?: boolean;
  message?: string;
}

/** Code action kinds the server offers. */
export const CODE_ACTION_KINDS = {
  quickFix: 'quickfix',
  upgradeAll: 'source.upgradeAll.goModHygiene',
  tidy: 'source.tidy.goModHygiene',
} as const;
