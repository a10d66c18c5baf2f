// The configuration report names the proxy chain, the private patterns and
// what they match, and explains the classic failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConfiguration, type ExplainInput } from '../../server/src/core/present/explain';
import { computeGoEnv } from '../../server/src/core/goenv/goEnv';

function input(env: Record<string, string>, extra: Partial<ExplainInput> = {}): ExplainInput {
  const goEnv = computeGoEnv({ env: { HOME: '/home/u', GOENV: 'off', ...env }, readFile: () => undefined, platform: 'linux', cwd: '/' });
  return {
    goEnv,
    requirements: ['github.com/acme/private', 'example.com/public'],
    notFound: [],
    trusted: true,
    offline: false,
    probe: async (url) => (url.hostname === 'down.example' ? { reachable: false, detail: 'ECONNREFUSED', ms: 3 } : { reachable: true, detail: 'answers', ms: 42 }),
    exists: () => true,
    ...extra,
  };
}

test('the proxy chain with reachability, and "," after a failing proxy explained', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://down.example,https://proxy.example|direct' }));
  assert.match(md, /\| 1 \| `https:\/\/down\.example` \| next only if not found \(`,`\) \| no: ECONNREFUSED \| 3 ms \|/);
  assert.match(md, /\| 2 \| `https:\/\/proxy\.example` \| next on any error \(`\|`\) \| yes: answers \| 42 ms \|/);
  assert.match(md, /\| 3 \| direct \|/);
  assert.match(md, /"," after it means the go command stops there/);
});

test('private patterns, what they match, and the classic private-module mistakes', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GOPRIVATE: 'github.com/acme' }));
  assert.match(md, /Requirements fetched directly \(GONOPROXY\): `github\.com\/acme\/private`\./);
  const leaky = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GONOSUMDB: 'github.com/acme' }, { notFound: ['github.com/acme/private'] }));
  assert.match(leaky, /GONOSUMDB is set but GONOPROXY\/GOPRIVATE is not/);
  assert.match(leaky, /github\.com\/acme\/private was not found by the proxies\. If it is private, add it to GOPRIVATE \(go env -w GOPRIVATE=github\.com\/acme\)/);
});

test('GOPROXY=off, -modfile, -mod=vendor, GOSUMDB=off and GOINSECURE are explained', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'off', GOFLAGS: '-mod=vendor -modfile=other.mod', GOSUMDB: 'off', GOINSECURE: 'example.com' }));
  for (const re of [/GOPROXY=off: the go command looks nothing up/, /-modfile=other\.mod: the go command reads and writes that file instead of go\.mod/, /-mod=vendor/, /GOSUMDB=off/, /GOINSECURE=example\.com/]) assert.match(md, re);
  const fine = await explainConfiguration(input({ GOPROXY: 'https://proxy.example' }));
  assert.match(fine, /## Problems found\n\nNone\./);
});

test('an unset value is named "not set", and GOSUMDB=off reads as a sentence', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GOFLAGS: '', GOINSECURE: '', GONOSUMDB: 'github.com/acme', GOSUMDB: 'off' }));
  assert.match(md, /- GOFLAGS = \*not set\* \(from /);
  assert.match(md, /- GOINSECURE = \*not set\*/);
  assert.doesNotMatch(md, /= ``/, 'no empty quotes');
  assert.match(md, /Requirements not checked against the checksum database \(GONOSUMDB\): `github\.com\/acme\/private`\./);
  assert.doesNotMatch(md, /checked against off/);
});
