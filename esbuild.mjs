// Bundles the VS Code client, and the server + command line (one bundle, since
// the extension starts the server as `cli.js lsp --stdio`), with undici apart.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};

// undici is about half of the server bundle and is needed only once a Go
// context asks a proxy. In a bundle of its own (dist/undici.js, required by the
// HTTP transport when it is first loaded), node does not compile it before the
// language server can answer initialize.
const UNDICI_PARTS = path.resolve('server/src/core/proxy/undiciParts.ts');
const undiciApart = {
  name: 'undici-apart',
  setup(b) {
    b.onResolve({ filter: /\/undiciParts$/ }, (args) => (path.resolve(args.resolveDir, `${args.path}.ts`) === UNDICI_PARTS ? { path: './undici.js', external: true } : undefined));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [undiciApart] }),
  build({ ...common, entryPoints: [UNDICI_PARTS], outfile: 'dist/undici.js' }),
]);
