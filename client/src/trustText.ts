// Why the extension does less in VS Code's restricted mode (untrusted
// workspaces). The manifest's capabilities.untrustedWorkspaces lists the same
// settings as restrictedConfigurations, so VS Code ignores their workspace values.
export const RESTRICTED_MODE_REASON =
  'Restricted mode: the go command is not run and workspace settings that change the network or the go binary are ignored.';
