// Architecture rules, checked by `npm test` (test/unit/architecture.test.ts):
// no import cycles (among files, and among engine folders), an engine that
// knows nothing of the editor, and faces that never reach into each other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two files cannot be understood, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-without-editor',
      severity: 'error',
      comment: 'server/src/core is the engine: the CLI and the language server both run it, so it cannot depend on an editor.',
      from: { path: '^server/src/core/' },
      to: { path: '(^|/)node_modules/(@types/vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)/|^vscode$' },
    },
    {
      name: 'engine-without-faces',
      severity: 'error',
      comment: 'The engine is below every face: it imports none of them.',
      from: { path: '^server/src/core/' },
      to: { path: '^(server/src/(lsp|cli|node)/|client/)' },
    },
    {
      name: 'faces-apart',
      severity: 'error',
      comment: 'The language server, the command line and the VS Code client are faces of one engine: none reaches into another.',
      from: { path: '^(server/src/lsp|server/src/cli|client)/' },
      to: { path: '^(server/src/lsp|server/src/cli|client)/', pathNot: '^$1/' },
    },
    {
      name: 'client-only-through-the-contract',
      severity: 'error',
      comment: 'The VS Code client speaks to the server only through the wire contract in shared/.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '(^|/)(out|dist)/' },
    // Resolve packages the way Node and TypeScript do (package.json "exports"), so that rules see where an import lands.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'require', 'node', 'default'], mainFields: ['types', 'typings', 'main'] },
  },
};
