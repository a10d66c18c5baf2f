// The .vsix the workbench tests install: the extension as users get it.
//
// - GMH_E2E_VSIX=path: that file (for example the release artifact).
// - Otherwise go-mod-hygiene.vsix from `npm run package`, when it is at least
//   as new as dist/ (so it holds the code the other suites just tested).
// - Otherwise the current dist/ packaged with vsce, exactly as `npm run package`
//   packages it, into a temporary file. The suite never runs `npm run package`
//   itself: that rewrites dist/, which the suites running alongside execute.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/corpus';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
// The flags of the package script in package.json.
const VSCE_FLAGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', 'dist/README.md'];
const BUNDLES = ['extension.js', 'cli.js', 'undici.js'].map((f) => path.join(REPO_ROOT, 'dist', f));

const mtime = (f: string) => statSync(f).mtimeMs;

export function vsixUnderTest(tmpDir: string): { file: string; origin: string } {
  const given = process.env.GMH_E2E_VSIX;
  if (given) {
    const file = path.resolve(given);
    if (!existsSync(file)) throw new Error(`GMH_E2E_VSIX=${given}: no such file`);
    return { file, origin: 'GMH_E2E_VSIX' };
  }
  const missing = BUNDLES.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` (or \`npm run package\`) first`);
  const packaged = path.join(REPO_ROOT, 'go-mod-hygiene.vsix');
  if (existsSync(packaged) && BUNDLES.every((f) => mtime(packaged) >= mtime(f))) return { file: packaged, origin: 'npm run package' };

  const file = path.join(tmpDir, 'go-mod-hygiene.vsix');
  const r = spawnSync(process.execPath, [VSCE, 'package', ...VSCE_FLAGS, '--out', file], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !existsSync(file)) throw new Error(`vsce package failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  return { file, origin: 'dist/ packaged by vsce' };
}

/** Uncompressed size of each file in a .vsix (a zip), from its central directory. */
export function vsixEntrySizes(file: string): Record<string, number> {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const sizes: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    sizes[name] = zip.readUInt32LE(at + 24);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return sizes;
}

/** The content of one file of a .vsix (stored or deflated), from its local header; undefined when absent. */
export function vsixEntry(file: string, name: string): Buffer | undefined {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const method = zip.readUInt16LE(at + 10);
      const compressed = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}
