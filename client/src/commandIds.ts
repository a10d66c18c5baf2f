// The ids of the commands this client contributes (package.json). Free of
// `vscode`, so that tests can compare them with the manifest.

/** The client's own commands (contributed in package.json); the server's are SERVER_COMMANDS. */
export const CLIENT_COMMANDS = {
  refreshModules: 'goModHygiene.refreshModules',
  upgradeAllRequirements: 'goModHygiene.upgradeAllRequirements',
  explainConfiguration: 'goModHygiene.explainConfiguration',
  showOutput: 'goModHygiene.showOutput',
  restartServer: 'goModHygiene.restartServer',
  showActions: 'goModHygiene.showActions',
} as const;
