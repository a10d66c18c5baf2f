// The .vsix: only the bundles (client, server and command line, undici),
// grammars, language configurations, README with the images it shows,
// licence and icon; no node_modules, sources, tests or source maps; under 2 MB.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { vsixEntrySizes } from '../e2e/support/vsix';
import { REPO_ROOT } from '../support/corpus';
import { packagedPath, readmeImages } from '../support/readmeImages';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const FLAGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

let dir: string;
let vsix: string;
/** Uncompressed size of each file of the package, by its path in the extension (without `extension/`). */
let entries: Record<string, number>;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-vsix-'));
  vsix = path.join(dir, 'x.vsix');
  execFileSync(process.execPath, [VSCE, 'package', ...FLAGS, '--out', vsix], { cwd: REPO_ROOT, stdio: 'pipe' });
  entries = Object.fromEntries(Object.entries(vsixEntrySizes(vsix))
    .filter(([name]) => name.startsWith('extension/')).map(([name, size]) => [name.slice('extension/'.length), size]));
});

after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

test('the package holds exactly the files the extension runs with', () => {
  const listed = execFileSync(process.execPath, [VSCE, 'ls', ...FLAGS.slice(0, 1)], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(listed, [
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/extension.js',
    'dist/undici.js',
    'images/icon.png',
    'images/screenshot-editor.png',
    'images/screenshot-hover.png',
    'images/screenshot-problems.png',
    'language-configuration.gosum.json',
    'language-configuration.json',
    'package.json',
    'syntaxes/go.mod.tmLanguage.json',
    'syntaxes/go.sum.tmLanguage.json',
    'syntaxes/go.work.tmLanguage.json',
  ]);
});

test('every image the README shows is inside the .vsix, where the extension page looks for it', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const images = readmeImages(readme);
  assert.ok(images.length > 0, 'the README shows pictures');
  // `npm run package` packages as this test does: the README as it is (relative links kept),
  // so a relative image resolves against the installed extension's folder.
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  for (const flag of FLAGS) assert.ok(manifest.scripts.package.split(' ').includes(flag), `the package script passes ${flag}`);
  const missing = images.map((src) => [src, packagedPath(src)] as const)
    .filter(([, p]) => p === undefined || !(entries[p] > 0)).map(([src]) => src);
  assert.deepEqual(missing, [], 'README images missing from the .vsix (or not relative: there is no public repository to point at)');
});

test('the icon is a 128x128 PNG inside the .vsix', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { icon: string };
  assert.ok(entries[manifest.icon] > 0, `${manifest.icon} is packaged`);
  const png = readFileSync(path.join(REPO_ROOT, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height (IHDR)');
});

test('the packaged .vsix is under 2 MB', () => {
  const size = readFileSync(vsix).length;
  assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
});
