// The redactor against every form a GOPROXY or HTTP(S)_PROXY credential takes:
// the secret never survives, the host always does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainGoError } from '../../server/src/core/gocmd/explainGoError';
import { MASK, redactText, redactUrl } from '../../server/src/core/text/redact';
import { credentialForms } from '../support/credentialForms';

const HOST = 'proxy.corp.example';

for (const f of credentialForms(HOST)) {
  test(`redactText: ${f.name}`, () => {
    for (const text of [f.value, `GOPROXY=${JSON.stringify(f.value)}: invalid`, `reading ${f.value}/m/@v/list: 401 Unauthorized`, `(${f.value})`]) {
      const out = redactText(text);
      assert.ok(!out.includes(f.secret), `${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
      assert.ok(out.includes(MASK), out);
      assert.ok(out.includes(HOST), `the host stays readable: ${out}`);
    }
  });
}

test('redactUrl keeps the user name and masks the password, as the go command does', () => {
  assert.equal(redactUrl(new URL('https://alice:pw@proxy.example/x')), 'https://alice:xxxxx@proxy.example/x');
  assert.equal(redactUrl(new URL('https://tok@proxy.example/x')), 'https://xxxxx@proxy.example/x');
  assert.equal(redactUrl(new URL('https://proxy.example/x')), 'https://proxy.example/x');
});

test('text without credentials is left exactly as it is', () => {
  for (const text of [
    'go: example.com/m@v1.0.0: reading https://proxy.example/example.com/m/@v/v1.0.0.info: 404 Not Found',
    'git@github.com:org/repo.git',
    'Deprecated: write to maintainers@example.com',
    'https://proxy.example/m/@v/list',
    'file:///home/me/go/pkg/mod/cache/download/example.com/m/@latest',
  ]) assert.equal(redactText(text), text);
});
test('go command errors are masked before they are shortened', () => {
  // The URL sits where the 400-character cut falls: shortening first would keep the password and drop the "@".
  const url = 'https://alice:Lengthy9Secret@proxy.corp.example/example.com/m/@v/list';
  const stderr = `go: example.com/m@v1.0.0: ${'x'.repeat(340)} reading ${url}: 403 Forbidden\n`;
  const message = explainGoError({ command: 'go get example.com/m@v1.0.0', cause: 'exit', code: 1, stderr });
  assert.ok(!message.includes('Lengthy9'), message);
  assert.ok(explainGoError({ command: 'go mod tidy', cause: 'exit', code: 1, stderr: `go: reading ${url}: 403\n` }).includes('alice:xxxxx@proxy.corp.example'));
});
