// The .vsix: only the bundles (client, server and command line, undici),
// grammars, language configurations, the README with the pictures it shows
// inside it (dist/README.md: images/packagedReadme.mjs), licence and icon; no
// node_modules, sources, tests or source maps; under 2 MB.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { vsixEntry, vsixEntrySizes } from '../e2e/support/vsix';
import { REPO_ROOT } from '../support/corpus';
import { packagedPath, readmeImages } from '../support/readmeImages';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const FLAGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', 'dist/README.md'];

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
  const listed = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies', '--readme-path', 'dist/README.md'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(listed, [
    'LICENSE',
    'dist/README.md',
    'dist/cli.js',
    'dist/extension.js',
    'dist/undici.js',
    'images/icon.png',
    'language-configuration.gosum.json',
    'language-configuration.json',
    'package.json',
    'syntaxes/go.mod.tmLanguage.json',
    'syntaxes/go.sum.tmLanguage.json',
    'syntaxes/go.work.tmLanguage.json',
  ]);
});

test('every picture the README shows is inside the packaged README, as the extension page can load it', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const images = readmeImages(readme);
  assert.ok(images.length > 0, 'the README shows pictures');
  // `npm run package` packages as this test does.
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.ok(manifest.scripts.package.includes(FLAGS.join(' ')), 'the package script passes the same flags');
  // The extension page's webview loads images from https: and data: only, and
  // resolves no relative path: with no public repository, each one is a data: URI.
  const packaged = vsixEntry(vsix, 'extension/readme.md')?.toString('utf8');
  assert.ok(packaged, `the README is packaged (${Object.keys(entries).join(', ')})`);
  const shown = readmeImages(packaged);
  assert.equal(shown.length, images.length, 'as many pictures as the README shows');
  assert.deepEqual(shown.filter((src) => !src.startsWith('data:image/')).map((src) => src.slice(0, 80)), [], 'pictures not inside the packaged README');
  images.forEach((src, i) => {
    const file = packagedPath(src);
    assert.ok(file, `${src} is a picture of this repository (there is no public repository to point at)`);
    assert.equal(shown[i].slice(shown[i].indexOf(',') + 1), readFileSync(path.join(REPO_ROOT, file)).toString('base64'), `${src}, byte for byte`);
  });
  // The text around them is the README's.
  assert.equal(packaged.replace(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g, 'X'), readme.replace(/(!\[[^\]]*\]\()[^)\s]+/g, '$1X'));
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
