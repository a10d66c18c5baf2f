// Pure pieces of proxy access: path escaping, GOPROXY parsing, redaction, .netrc.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapePath, escapeVersion } from '../../server/src/core/module/escape';
import { parseNetrc } from '../../server/src/core/proxy/netrc';
import { parseProxyList, type ProxySpec } from '../../server/src/core/proxy/proxyList';
import { redactText, redactUrl } from '../../server/src/core/text/redact';

const show = (specs: ProxySpec[]) => specs.map((s) => (s.kind === 'url' ? `${s.redacted}${s.fallBackOnError ? '|' : ','}` : s.kind));

test('module paths and versions are case-encoded, never lower-cased', () => {
  assert.equal(escapePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  assert.equal(escapePath('github.com/Azure/azure-sdk-for-go'), 'github.com/!azure/azure-sdk-for-go');
  assert.equal(escapeVersion('v1.0.0-RC1'), 'v1.0.0-!r!c1');
  assert.equal(escapePath('example.com/!x'), undefined);
  assert.equal(escapePath('example.com/é'), undefined);
});

test('GOPROXY lists are read as the go command reads them', () => {
  const ok = (goproxy: string, gonoproxy = '') => {
    const r = parseProxyList(goproxy, gonoproxy);
    assert.ok(r.ok, `${goproxy}: ${!r.ok && r.error}`);
    return show(r.specs);
  };
  assert.deepEqual(ok('https://proxy.golang.org,direct'), ['https://proxy.golang.org/,', 'direct']);
  assert.deepEqual(ok('proxy.example.com|goproxy.io , direct'), ['https://proxy.example.com/|', 'https://goproxy.io/,', 'direct']);
  assert.deepEqual(ok('off,https://ignored.example'), ['off']);
  assert.deepEqual(ok('direct,https://ignored.example'), ['direct']);
  assert.deepEqual(ok('https://a.example', 'corp.example'), ['noproxy', 'https://a.example/,']);
  assert.deepEqual(ok('direct', 'corp.example'), ['direct'], 'no implicit noproxy when GOPROXY is just direct');
  assert.deepEqual(ok('file:///srv/proxy,off'), ['file:///srv/proxy,', 'off']);
  assert.deepEqual(ok('localhost:3000'), ['https://localhost:3000/,']);
  assert.deepEqual(parseProxyList(', ,', ''), { ok: false, error: 'GOPROXY list is not the empty string, but contains no entries' });
  assert.deepEqual(parseProxyList('proxy', ''), { ok: false, error: 'invalid proxy URL missing scheme: proxy' });
  assert.deepEqual(parseProxyList('ftp://x.example', ''), { ok: false, error: 'invalid proxy URL scheme (must be https, http, file): ftp://x.example/' });
  assert.equal(parseProxyList('file://host/dir', '').ok, false);
});

test('passwords never appear: URLs and free text are redacted', () => {
  const r = parseProxyList('https://user:s3cret@proxy.example/base', '');
  assert.ok(r.ok);
  assert.deepEqual(show(r.specs), ['https://user:xxxxx@proxy.example/base,']);
  assert.equal(redactUrl('http://u:p%40ss@h.example/x'), 'http://u:xxxxx@h.example/x');
  assert.equal(redactText('GET https://me:hunter2@corp.example/m/@v/list: 401'), 'GET https://me:xxxxx@corp.example/m/@v/list: 401');
  const bad = parseProxyList('ftp://u:topsecret@x.example', '');
  assert.ok(!bad.ok && !bad.error.includes('topsecret'));
});

test('.netrc entries as the go command reads them', () => {
  const entries = parseNetrc('machine a.example login alice password one\n\nmacdef init\nmachine ignored login x password y\n\nmachine b.example\n  login bob\n  password two\ndefault login d password d\nmachine after.example login c password c\n');
  assert.deepEqual(entries, [
    { machine: 'a.example', login: 'alice', password: 'one' },
    { machine: 'b.example', login: 'bob', password: 'two' },
  ]);
});
