// The extension manifest: languages shared with the official Go extension,
// grammars that exist, activation only where needed, and a lean package.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test('languages use the official Go extension ids, with grammars and configurations that exist', () => {
  const ids = pkg.contributes.languages.map((l: any) => l.id);
  assert.deepEqual(ids, ['go.mod', 'go.work', 'go.sum']);
  for (const l of pkg.contributes.languages) assert.ok(existsSync(path.join(REPO_ROOT, l.configuration)), l.configuration);
  for (const g of pkg.contributes.grammars) {
    assert.ok(ids.includes(g.language));
    const grammar = JSON.parse(readFileSync(path.join(REPO_ROOT, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
  }
});

test('the extension activates only for its languages and commands', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:go.mod', 'onLanguage:go.work', 'onLanguage:go.sum']);
  for (const c of pkg.contributes.commands) assert.match(c.command, /^goModHygiene\./);
});

test('settings live under goModHygiene, including the client trace setting', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of Object.keys(props)) assert.match(key, /^goModHygiene\./);
  assert.deepEqual(props['goModHygiene.trace.server'].enum, ['off', 'messages', 'verbose']);
  const dir = path.join(REPO_ROOT, 'client', 'src');
  const client = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  assert.match(client, /new LanguageClient\('goModHygiene'/, 'the client id must match the trace setting prefix');
});

test('the command line is a bin entry pointing at the bundle', () => {
  assert.equal(pkg.bin['go-mod-hygiene'], 'dist/cli.js');
  assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'run the build first');
  assert.match(readFileSync(path.join(REPO_ROOT, 'dist', 'cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('.vscodeignore denies everything and allows only what the extension runs', () => {
  const lines = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  assert.ok(lines.slice(1).every((l) => l.startsWith('!')));
  assert.ok(['!dist/extension.js', '!dist/cli.js', '!dist/undici.js'].every((l) => lines.includes(l)));
});
