// Proxy credentials never leave through any channel: every form of a
// password in GOPROXY is fed to the CLI (text, JSON, errors) and to the
// language server over a real stdio connection (log messages, the status
// notification, progress, diagnostics, hover, the configuration report, and
// the messages of a fix that runs the go command). The secret must appear
// nowhere, and the mask must appear where the proxy is described.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SERVER_COMMANDS } from '../../shared/protocol';
import { REPO_ROOT } from '../support/corpus';
import { credentialForms } from '../support/credentialForms';
import { findGo } from '../support/goOracle';
import { isolatedEnv } from '../support/isolatedEnv';
import { LspTestClient } from '../support/lspClient';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
// Nothing listens on the discard port: every request fails at once, on this machine.
const FORMS = credentialForms('127.0.0.1:9');
const GO_MOD = 'module example.com/secrets\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n';
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gmh-secrets-'));
});
after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

function moduleDir(name: string): string {
  const d = path.join(dir, name.replace(/\W+/g, '-'));
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'go.mod'), GO_MOD);
  writeFileSync(path.join(d, 'go.sum'), '');
  return d;
}

function cli(args: string[], env: Record<string, string>): Promise<string> {
  const home = mkdtempSync(path.join(dir, 'home-'));
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: isolatedEnv(home, env), encoding: 'utf8', timeout: 30_000 }, (_err, stdout, stderr) => resolve(stdout + stderr));
  });
}

for (const form of FORMS) {
  test(`CLI: a GOPROXY password never shows (${form.name})`, async () => {
    const d = moduleDir(`cli-${form.name}`);
    const out = (await cli(['check', d], { GOPROXY: form.value })) + (await cli(['check', '--json', d], { GOPROXY: form.value }));
    assert.ok(out.length > 0, 'check printed something');
    assert.ok(!out.includes(form.secret), out);
  });
}

for (const form of FORMS) {
  test(`language server: a GOPROXY password never shows on any channel (${form.name})`, async () => {
    const d = moduleDir(`lsp-${form.name}`);
    const uri = pathToFileURL(path.join(d, 'go.mod')).toString();
    const c = new LspTestClient({ GOPROXY: form.value });
    c.settings = { debounceMs: 0, goBinary: findGo() ?? '' };
    try {
      await c.initialize(pathToFileURL(d).toString(), { window: { workDoneProgress: true } }, { trusted: true });
      await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: GO_MOD } });
      await c.waitFor((n) => n.method === 'goModHygiene/status' && n.params.state !== 'checking', 0, 30_000);
      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
      const report = await c.request('goModHygiene/explainConfiguration', { uri });
      const tidy = await c.request('workspace/executeCommand', { command: SERVER_COMMANDS.tidy, arguments: [{ uri }] });
      const everything = JSON.stringify({ notifications: c.notifications, requests: c.serverRequests, hover, report, tidy });
      assert.ok(!everything.includes(form.secret), everything);
      assert.ok(report.markdown.includes('xxxxx'), `the report shows the proxy, masked: ${report.markdown}`);
      assert.ok(c.notifications.some((n) => n.method === 'window/logMessage'), 'the server logged');
    } finally {
      await c.dispose();
    }
  });
}
