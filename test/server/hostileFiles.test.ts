// The language server on files that are not files, or far too large: it keeps
// answering, with a reason, and never blocks on the file system.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';

let dir: string;
let client: LspTestClient;
let version = 1;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-hostile-lsp-'));
  client = new LspTestClient({ GOPROXY: 'off' });
  await client.initialize(pathToFileURL(dir).toString(), {}, { trusted: false });
});
after(async () => {
  await client.dispose();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function open(name: string, text: string, besides: (d: string) => void = () => {}): Promise<{ uri: string; diagnostics: any[] }> {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'go.mod'), text.length < 100_000 ? text : 'module m\n');
  besides(d);
  const uri = pathToFileURL(path.join(d, 'go.mod')).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: version++, text } });
  return { uri, diagnostics: await client.diagnosticsFor(uri, from) };
}

const hover = (uri: string) => client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });

test('a go.sum that is a FIFO does not block the server (untrusted, as in restricted mode)', async () => {
  const { uri, diagnostics } = await open('fifo', 'module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', (d) => execFileSync('mkfifo', [path.join(d, 'go.sum')]));
  assert.ok(diagnostics.some((x) => x.code === 'gosum-missing'), 'a go.sum that cannot be read counts as none');
  await hover(uri);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length > 0, 'the server still answers requests');
});

test('a go.sum that is a directory counts as none, without an error', async () => {
  const { diagnostics } = await open('sumdir', 'module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', (d) => mkdirSync(path.join(d, 'go.sum')));
  assert.ok(diagnostics.some((x) => x.code === 'gosum-missing'));
});

test('a 10 MB line gets one file-too-large diagnostic; hover, formatting and outline stay empty', async () => {
  const { uri, diagnostics } = await open('huge', 'module m\n' + 'x'.repeat(10_000_000) + '\n');
  assert.deepEqual(diagnostics.map((x) => x.code), ['file-too-large']);
  assert.equal(await hover(uri), null);
  assert.equal(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } }), null, 'never formats what it did not read');
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
});
