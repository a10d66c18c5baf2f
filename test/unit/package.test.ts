// The .vsix: only the bundles (client, server and command line, undici),
// grammars, language configurations, README, licence and icon; no
// node_modules, sources, tests or source maps; under 2 MB.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const FLAGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

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
    'language-configuration.gosum.json',
    'language-configuration.json',
    'package.json',
    'syntaxes/go.mod.tmLanguage.json',
    'syntaxes/go.sum.tmLanguage.json',
    'syntaxes/go.work.tmLanguage.json',
  ]);
});

test('the packaged .vsix is under 2 MB', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-vsix-'));
  try {
    const out = path.join(dir, 'x.vsix');
    execFileSync(process.execPath, [VSCE, 'package', ...FLAGS, '--out', out], { cwd: REPO_ROOT, stdio: 'pipe' });
    const size = statSync(out).size;
    assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
});
