// "Explain Go Module Configuration" over a real stdio connection, in a trusted
// workspace with the real Go 1.23: the report names the go command's version,
// leaves out what that go command does not know (GOAUTH came with Go 1.24),
// and keeps its table cells short.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findGo } from '../support/goOracle';
import { LspTestClient } from '../support/lspClient';

const GO = findGo();
let dir: string;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-explain-'));
  client = new LspTestClient({ GOPROXY: 'https://proxy.invalid|direct', GONOSUMDB: 'example.com/private', GOSUMDB: 'sum.golang.org' });
  client.settings = { debounceMs: 0, checkForUpdates: false, goBinary: GO };
  await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true } }, { trusted: true });
});
after(async () => {
  await client?.dispose();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

test('the report names the go command and its version, and leaves out GOAUTH, which Go 1.23 does not know', { skip: GO ? false : 'Go 1.23 is not installed' }, async () => {
  const file = path.join(dir, 'app', 'go.mod');
  mkdirSync(path.dirname(file), { recursive: true });
  const text = 'module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/private/lib v1.0.0\n\texample.com/public v1.0.0\n)\n';
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
  const { markdown } = await client.request('goModHygiene/explainConfiguration', { uri });
  const version = execFileSync(GO!, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  assert.match(version, /^go1\.23\./);
  assert.ok(markdown.includes(`Go command: \`${GO}\`, ${version}.`), markdown);
  assert.doesNotMatch(markdown, /GOAUTH/, '`go env` of Go 1.23 has no GOAUTH');
  assert.match(markdown, /^GONOSUMDB matches 1 requirement, whose checksums the go command does not check against `sum\.golang\.org`: `example\.com\/private\/lib`\.$/m);
  assert.match(markdown, /^\| 1 \| `https:\/\/proxy\.invalid` \| next on any error \(`\\\|`\) \| no \| \d+ ms \|$/m);
  assert.match(markdown, /^\| 2 \| direct \| — \| not probed \| — \|$/m);
});
