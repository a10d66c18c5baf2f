// Bundles the VS Code client, and the server + command line (one bundle, since
// the extension starts the server as `cli.js lsp --stdio`), with undici apart.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writePackagedReadme } from './images/packagedReadme.mjs';

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

// undici carries its HTTP parser (llhttp) twice, as WebAssembly with and
// without SIMD, each a 72 KiB base64 string: most of what the package weighs.
// It compiles the SIMD one when it can and falls back to the plain one
// (lib/dispatcher/client-h1.js, lazyllhttp), which runs everywhere. Only the
// plain one is shipped: a missing SIMD module takes undici's own fallback, and
// the parser's speed does not show on bodies of at most a few MiB.
const plainLlhttpOnly = {
  name: 'plain-llhttp-only',
  setup(b) {
    b.onResolve({ filter: /llhttp_simd-wasm\.js$/ }, () => ({ path: 'llhttp-simd-left-out', namespace: 'left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: "throw new Error('llhttp with SIMD is not shipped: undici uses llhttp without SIMD')", loader: 'js' }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [undiciApart] }),
  build({ ...common, entryPoints: [UNDICI_PARTS], outfile: 'dist/undici.js', plugins: [plainLlhttpOnly] }),
]);
// The README the .vsix carries, with its pictures inside (images/packagedReadme.mjs).
writePackagedReadme(path.resolve('.'));
