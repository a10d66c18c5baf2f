// A hostile proxy (endless bodies, lists of hundreds of thousands of lines)
// never stalls the editor: hovers issued while such lookups run are answered
// while they run, and the lookups end with a finding rather than a crash.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../support/proxyServer';

const CAPABILITIES = { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } };
/** Far above an answer from memory, far below the seconds a list parsed in one go holds the event loop. */
const GENEROUS_MS = 750;

let dir: string;
let server: ProxyServer;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-hostile-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'));
  server = await startProxyServer({ root: tree.root });
  // Over the version cap, over the byte cap, and a body that never ends.
  server.setFault('/example.com/majors/@v/list', { hugeListLines: 380_000 });
  server.setFault('/example.com/deprecated/a/@v/list', { hugeListLines: 500_000 });
  server.setFault('/example.com/retract/ranges/', { endless: true });
  // Keeps the check running while the hovers are asked.
  server.setFault('/example.com/BurntSushi/', { hang: true });
  server.setFault('/example.com/!burnt!sushi/', { hang: true });
  client = new LspTestClient({ GOPROXY: server.url });
  client.settings = { debounceMs: 0 };
  await client.initialize(pathToFileURL(dir).toString(), CAPABILITIES);
});
after(async () => {
  await client?.dispose();
  await server?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

test('hovers are answered while endless bodies and huge lists are being read', async () => {
  const text = [
    'module example.com/hostile', '', 'go 1.22', '', 'require (',
    '\texample.com/majors v1.0.0',
    '\texample.com/deprecated/a v1.0.0',
    '\texample.com/retract/ranges v1.2.0',
    '\texample.com/BurntSushi/toml v0.3.1',
    ')', '',
  ].join('\n');
  const file = path.join(dir, 'go.mod');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const from = client.notifications.length;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
  const deadline = Date.now() + 10_000;
  while (!server.requests.some((r) => r.path === '/example.com/majors/@v/list') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));

  const done = () => client.notifications.slice(from).some((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done');
  let answeredWhileRunning = 0;
  const slowest: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = Date.now();
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5 + (i % 3), character: 4 } });
    slowest.push(Date.now() - t0);
    assert.ok(h === null || typeof h.contents?.value === 'string');
    if (!done()) answeredWhileRunning++;
    await new Promise((r) => setTimeout(r, 25));
  }
  console.log(`hover answers: ${slowest.join(", ")} ms`);
  assert.ok(Math.max(...slowest) < GENEROUS_MS, `hover answers took ${slowest.join(', ')} ms`);
  assert.ok(answeredWhileRunning >= 10, `${answeredWhileRunning} hovers answered while the lookups ran`);
  assert.doesNotMatch(client.stderr, /\n\s+at /, 'no stack trace');
});
