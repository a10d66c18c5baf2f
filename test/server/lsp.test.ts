// The language server over a real stdio LSP connection: diagnostics, outline,
// links and formatting, with the go command as the oracle where it has one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findGo, GoOracle } from '../support/goOracle';
import { LspTestClient } from '../support/lspClient';

let client: LspTestClient;
let dir: string;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-lsp-'));
  client = new LspTestClient();
});
after(async () => {
  await client.dispose();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

function uriOf(name: string): string {
  return pathToFileURL(path.join(dir, name)).toString();
}

async function open(name: string, text: string, languageId = 'go.mod'): Promise<{ uri: string; diagnostics: any[] }> {
  const uri = uriOf(name);
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: version++, text } });
  return { uri, diagnostics: await client.diagnosticsFor(uri, from) };
}

async function change(uri: string, text: string): Promise<any[]> {
  const from = client.notifications.length;
  await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
  return client.diagnosticsFor(uri, from);
}

test('initialize announces the server and its capabilities', async () => {
  const result = await client.initialize(pathToFileURL(dir).toString());
  assert.equal(result.serverInfo.name, 'go-mod-hygiene');
  assert.ok(result.capabilities.documentSymbolProvider);
  assert.ok(result.capabilities.documentFormattingProvider);
  assert.ok(result.capabilities.documentLinkProvider);
});

test('syntax diagnostics carry the go command message, source and code', async () => {
  const text = 'module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.x\n';
  const { uri, diagnostics: all } = await open('a/go.mod', text);
  const diagnostics = all.filter((x: any) => x.code === 'syntax');
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.equal(d.source, 'go-mod-hygiene');
  assert.equal(d.code, 'syntax');
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 4);
  const goBin = findGo();
  assert.ok(goBin, 'go is required as the oracle');
  const oracle = new GoOracle(goBin);
  try {
    const go = await oracle.edit('mod', '-json', text);
    assert.equal(go.ok, false);
    if (!go.ok) assert.equal(d.message, go.errors[0].message);
  } finally {
    oracle.dispose();
  }
  // Fixing the line clears the diagnostic.
  assert.deepEqual((await change(uri, text.replace('v1.x', 'v1.2.3'))).filter((x: any) => x.code === 'syntax'), []);
});

test('every broken line is reported and the rest of the file is still read', async () => {
  const text = [
    'module example.com/m',
    'require example.com/a v1.0.0 /* c */',
    'require (',
    '\texample.com/b v1.x',
    '\texample.com/c v1.0.0',
    ')',
    'require example.com/d "v1.0.0',
    'bogus directive',
    '',
  ].join('\n');
  const { uri, diagnostics } = await open('b/go.mod', text);
  const lines = diagnostics.filter((d: any) => d.code === 'syntax').map((d: any) => d.range.start.line).sort();
  assert.deepEqual(lines, [1, 3, 6, 7]);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  const block = symbols.find((s: any) => s.name === 'require' && s.children?.length);
  assert.deepEqual(block.children.map((c: any) => c.name), ['example.com/b', 'example.com/c']);
});

test('ranges use UTF-16 columns', async () => {
  // Each emoji is two UTF-16 code units but one rune for Go.
  const line = 'godebug 😀😀=1 extra';
  const { diagnostics } = await open('c/go.mod', `module example.com/m\n${line}\n`);
  assert.equal(diagnostics.length, 1);
  assert.deepEqual(diagnostics[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } });
  assert.equal([...line].length, 18, 'the test line must differ in runes and UTF-16 units');
});

test('garbage yields syntax diagnostics and the server keeps answering', async () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const garbage = Array.from({ length: 4000 }, () => String.fromCharCode(Math.floor(rand() * 0x3000))).join('');
  const { uri, diagnostics } = await open('d/go.mod', garbage);
  assert.ok(diagnostics.length > 0);
  assert.ok(diagnostics.every((d: any) => d.code === 'syntax'));
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
  assert.equal(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } }), null);
});

test('document symbols outline directives and requirements', async () => {
  const text = 'module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0 // indirect\n)\n\nreplace example.com/a => ../a\n\nretract [v1.0.0, v1.0.5] // oops\n';
  const { uri } = await open('e/go.mod', text);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s: any) => s.name), ['example.com/m', 'go 1.22', 'require', 'example.com/a => ../a', '[v1.0.0, v1.0.5]']);
  const req = symbols[2];
  assert.deepEqual(req.children.map((c: any) => [c.name, c.detail]), [['example.com/a', 'v1.0.0'], ['example.com/b', 'v1.1.0 // indirect']]);
  assert.deepEqual(req.range, { start: { line: 4, character: 0 }, end: { line: 7, character: 1 } });
  assert.deepEqual(req.children[0].selectionRange, { start: { line: 5, character: 1 }, end: { line: 5, character: 14 } });
});

test('document links point at the go.mod of local replacement and use directories', async () => {
  mkdirSync(path.join(dir, 'links', 'local'), { recursive: true });
  writeFileSync(path.join(dir, 'links', 'local', 'go.mod'), 'module example.com/local\n');
  const text = 'module example.com/m\n\nreplace example.com/local => ./local\nreplace example.com/gone => ./gone\nreplace example.com/x => example.com/y v1.0.0\n';
  const { uri } = await open('links/go.mod', text);
  const links = await client.request('textDocument/documentLink', { textDocument: { uri } });
  assert.equal(links.length, 1, 'only the existing local directory is linked');
  assert.equal(links[0].target, pathToFileURL(path.join(dir, 'links', 'local', 'go.mod')).toString());
  assert.deepEqual(links[0].range, { start: { line: 2, character: 29 }, end: { line: 2, character: 36 } });

  const work = await open('links/go.work', 'go 1.22\n\nuse (\n\t./local\n\t./missing\n)\n', 'go.work');
  assert.deepEqual(work.diagnostics.map((d: any) => [d.range.start.line, d.code]), [[4, 'use-target-missing']]);
  const workLinks = await client.request('textDocument/documentLink', { textDocument: { uri: work.uri } });
  assert.deepEqual(workLinks.map((l: any) => l.range.start.line), [3]);
});

test('formatting produces what go mod edit -fmt produces', async () => {
  const text = [
    '// top comment',
    'module   "example.com/m"   // trailing',
    'go 1.21',
    'require (',
    '    example.com/b v1.2',
    '',
    '    example.com/a   "v1.0.0"   // indirect',
    ')',
    'exclude (',
    '\texample.com/z v1.10.0',
    '\texample.com/z v1.9.0',
    ')',
    'require example.com/c v1.0.0',
    'retract (',
    '\tv1.0.0 // bad',
    '\t[v1.1.0, v1.2.0]',
    ')',
    '',
    '',
  ].join('\r\n');
  const { uri } = await open('f/go.mod', text);
  const edits = await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
  assert.equal(edits.length, 1);
  const goBin = findGo();
  assert.ok(goBin);
  const oracle = new GoOracle(goBin);
  try {
    const go = await oracle.edit('mod', '-print', text);
    assert.ok(go.ok);
    if (go.ok) assert.equal(edits[0].newText, go.stdout);
  } finally {
    oracle.dispose();
  }
});
