// not-tidy in process, in a trusted workspace with the real go command: asked
// in the background when go.mod opens, kept across a refresh, and asked again
// when the settings change (they can change the go command's answer).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { FakeEditor } from '../support/fakeEditor';
import { findGo } from '../support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

let dir: string;
let proxy: ProxyServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-lsp-tidy-'));
  proxy = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root });
});
after(async () => {
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const lines = (...l: string[]) => l.join('\n') + '\n';

test('not-tidy: asked on open, kept across a refresh, asked again when the settings change', async () => {
  const go = findGo();
  assert.ok(go, 'the go command (Go 1.23+) is installed: .ci/run installs it');
  const folder = path.join(dir, 'm');
  mkdirSync(folder, { recursive: true });
  const text = lines('module example.com/m', '', 'go 1.22', '', 'require (', '\texample.com/majors v1.0.0', '\texample.com/retract/ranges v1.4.0', ')');
  writeFileSync(path.join(folder, 'go.mod'), text);
  writeFileSync(path.join(folder, 'main.go'), lines('package main', '', 'import _ "example.com/retract/ranges"', '', 'func main() {}'));
  const editor = new FakeEditor({ env: { GOPROXY: proxy.url }, rootPath: folder, trusted: true });
  editor.settings = { debounceMs: 0, goBinary: go };
  editor.initialize();
  const uri = pathToFileURL(path.join(folder, 'go.mod')).toString();
  try {
    editor.open(uri, text);
    const notTidy = (d: Diagnostic[]) => d.filter((x) => x.code === 'not-tidy');
    const first = notTidy(await editor.diagnosticsWhere(uri, (d) => notTidy(d).length > 0, 60_000));
    assert.deepEqual(first.map((d) => [d.range.start.line, (d.data as { module?: string }).module]), [[5, 'example.com/majors']]);
    await editor.server.executeCommand({ command: SERVER_COMMANDS.refresh });
    await editor.until('the check after the refresh', () => (editor.statuses.slice(-1)[0]?.state === 'done' && editor.published.length > 0 ? true : undefined));
    assert.equal(notTidy(editor.diagnostics.get(uri)!).length, 1, 'a refresh keeps the tidy answer');
    // Settings change: the answer is dropped and asked for again.
    const published = editor.published.length;
    editor.settings = { debounceMs: 0, goBinary: go, diagnostics: { 'not-tidy': 'error' } };
    editor.server.configurationChanged();
    const again = await editor.until('not-tidy again, as an error', () => editor.published.slice(published).find((p) => p.uri === uri && notTidy(p.diagnostics).some((d) => d.severity === 1)));
    assert.equal(notTidy(again.diagnostics).length, 1);
  } finally {
    editor.dispose();
  }
});
