// Beside gopls (the official Go extension), over a real stdio connection: the
// client says deferToGopls at initialize, and the server then offers no
// document links and no formatter, so that VS Code shows one link per module
// path and never asks which formatter to use. (Findings gopls shows too are
// hidden by the client, while gopls shows them: test/unit/goplsOverlap.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';

let dir: string;
const clients: LspTestClient[] = [];

before(() => (dir = mkdtempSync(path.join(tmpdir(), 'gmh-gopls-'))));
after(async () => {
  for (const c of clients) await c.dispose();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function start(initializationOptions: unknown): Promise<{ client: LspTestClient; capabilities: any }> {
  const client = new LspTestClient();
  clients.push(client);
  const result = await client.initialize(pathToFileURL(dir).toString(), {}, initializationOptions);
  return { client, capabilities: result.capabilities };
}

test('deferring to gopls: no document links, no formatter; everything else stays', async () => {
  const { capabilities } = await start({ trusted: true, deferToGopls: true });
  assert.equal(capabilities.documentLinkProvider, undefined);
  assert.ok(!capabilities.documentFormattingProvider, 'no formatter');
  for (const kept of ['hoverProvider', 'inlayHintProvider', 'codeActionProvider', 'codeLensProvider', 'completionProvider', 'documentSymbolProvider']) {
    assert.ok(capabilities[kept], `${kept} kept`);
  }
});

test('without the Go extension (or deferToGopls anything but true): links and formatting', async () => {
  for (const opts of [{ trusted: true }, { trusted: true, deferToGopls: 'true' }]) {
    const { capabilities } = await start(opts);
    assert.ok(capabilities.documentLinkProvider, JSON.stringify(opts));
    assert.equal(capabilities.documentFormattingProvider, true, JSON.stringify(opts));
  }
});
