// The engine parts behind the fixes, without a server: line edits, removing
// a directive, GOPRIVATE patterns, GOFLAGS and arguments for a -modfile run,
// and the go command's failures explained by cause.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainGoError } from '../../server/src/core/gocmd/explainGoError';
import { fixGoFlags, goFixArgs } from '../../server/src/core/gocmd/goFix';
import { goPrivatePattern, goPrivatePatternFor, goPrivateWriteRefusal, isValidGoPrivatePattern, withGoPrivate } from '../../server/src/core/goenv/goPrivate';
import { parseFile } from '../../server/src/core/gomod/parse';
import { removeDirective } from '../../server/src/core/gomod/removeDirective';
import { applyEdits, lineEdits, matchLineEndings } from '../../server/src/core/gomod/textDiff';

const lines = (...l: string[]) => l.join('\n') + '\n';

test('line edits turn one text into the other and leave equal lines alone', () => {
  const cases: [string, string][] = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\nb\nc\n', 'x\na\nc\ny\n'],
    ['', 'a\n'],
    ['a\n', ''],
    ['a\nb', 'a\nb\n'],
    ['require (\n\ta v1\n\tb v1\n)\n', 'require (\n\ta v2\n\tb v1\n\tc v1\n)\n'],
  ];
  for (const [a, b] of cases) assert.equal(applyEdits(a, lineEdits(a, b)), b, JSON.stringify([a, b]));
  assert.deepEqual(lineEdits('a\nb\nc\n', 'a\nB\nc\n'), [{ start: 2, end: 4, text: 'B\n' }]);
  assert.equal(matchLineEndings('a\r\nb\r\n', 'a\nc\n'), 'a\r\nc\r\n');
  assert.equal(matchLineEndings('a\nb\n', 'a\nc\n'), 'a\nc\n');
});

test('removing a directive takes its comments; an emptied block goes whole', () => {
  const text = lines('module m', '', 'go 1.22', '', 'replace (', '\t// why', '\ta => b v1.0.0 // note', ')', '', 'exclude (', '\tx v1.0.0', '\ty v1.0.0', ')');
  const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const remove = (verb: 'replace' | 'exclude', needle: string) => {
    const r = removeDirective(text, p, verb, text.indexOf(needle));
    assert.ok(r, needle);
    return applyEdits(text, [r.edit]);
  };
  assert.equal(remove('replace', 'a =>'), lines('module m', '', 'go 1.22', '', 'exclude (', '\tx v1.0.0', '\ty v1.0.0', ')'));
  assert.equal(remove('exclude', 'y v1'), lines('module m', '', 'go 1.22', '', 'replace (', '\t// why', '\ta => b v1.0.0 // note', ')', '', 'exclude (', '\tx v1.0.0', ')'));
  assert.equal(removeDirective(text, p, 'replace', text.indexOf('go 1.22')), undefined);
});

test('GOPRIVATE patterns: host/owner on shared hosts, else the module path itself; nothing twice', () => {
  assert.equal(goPrivatePattern('github.com/acme/tool/v2'), 'github.com/acme');
  assert.equal(goPrivatePattern('gitlab.com/group/sub/x'), 'gitlab.com/group');
  assert.equal(goPrivatePattern('bitbucket.org/team/repo'), 'bitbucket.org/team');
  assert.equal(goPrivatePattern('corp.example.com/x/y'), 'corp.example.com/x/y', 'never the bare host: it would cover every module there');
  assert.equal(goPrivatePattern('corp.example.com/x/y/v3'), 'corp.example.com/x/y', 'every major version');
  assert.equal(withGoPrivate('', 'corp.example.com'), 'corp.example.com');
  assert.equal(withGoPrivate('a.com,b.com', 'corp.example.com'), 'a.com,b.com,corp.example.com');
  assert.equal(withGoPrivate('*.example.com', 'corp.example.com'), undefined, 'already covered by a glob');
  assert.equal(withGoPrivate('github.com/acme', 'github.com/acme'), undefined);
  assert.equal(isValidGoPrivatePattern('github.com/acme'), true);
  assert.equal(isValidGoPrivatePattern('-modfile=x'), false);
  assert.equal(isValidGoPrivatePattern('a.com,b.com'), false);
});

test('GOPRIVATE patterns never cover a requirement the proxy answered for, nor a bare public host', () => {
  // The demo: a typo of example.com/greeting, next to modules the proxy serves.
  assert.equal(goPrivatePatternFor('example.com/greting', ['example.com/greeting', 'example.com/cache']), 'example.com/greting');
  assert.equal(goPrivatePatternFor('github.com/acme/secret/v2', ['github.com/other/x']), 'github.com/acme');
  assert.equal(goPrivatePatternFor('github.com/acme/secret/v2', ['github.com/acme/public']), 'github.com/acme/secret', 'the owner has public modules: the repository only');
  assert.equal(goPrivatePatternFor('example.com/a', ['example.com/a/sub']), undefined, 'every pattern would cover the nested module the proxy serves');
  assert.equal(goPrivatePatternFor('github.com/acme', []), 'github.com/acme');
  assert.equal(goPrivatePatternFor('github.com', []), undefined);
  assert.equal(goPrivatePatternFor('golang.org', []), undefined);
  assert.equal(goPrivatePatternFor('example.com/greting', ['example.com/greting']), 'example.com/greting', 'the module itself does not count');
});

test('GOPRIVATE through go env -w: refused without a go env file, or when the environment or settings win', () => {
  const file = { GOENV: '/home/u/.config/go/env', GOPRIVATE: '' };
  assert.equal(goPrivateWriteRefusal(file, { GOPRIVATE: 'default' }, 'x.com/a'), undefined);
  assert.equal(goPrivateWriteRefusal(file, { GOPRIVATE: 'go env file' }, 'x.com/a'), undefined);
  assert.match(goPrivateWriteRefusal({ GOENV: '', GOPRIVATE: '' }, { GOPRIVATE: 'default' }, 'x.com/a') ?? '', /GOENV=off/);
  assert.match(goPrivateWriteRefusal({ ...file, GOPRIVATE: 'example.net/acme' }, { GOPRIVATE: 'environment' }, 'x.com/a') ?? '', /set in the environment \(example\.net\/acme\), which wins over go env -w/);
  assert.match(goPrivateWriteRefusal({ ...file, GOPRIVATE: 'y' }, { GOPRIVATE: 'override' }, 'x.com/a') ?? '', /goModHygiene\.env/);
});

test('GOFLAGS for a -modfile run: -mod and -modfile go, other flags stay, and it never becomes empty', () => {
  assert.deepEqual(fixGoFlags(''), { ok: true });
  assert.deepEqual(fixGoFlags('-mod=vendor'), { ok: true, value: '-modcacherw=false' });
  assert.deepEqual(fixGoFlags('-mod=mod -modfile=/x/go.mod -modcacherw "-ldflags=-s -w"'), { ok: true, value: "-modcacherw '-ldflags=-s -w'" });
  assert.equal(fixGoFlags('notaflag').ok, false);
  assert.deepEqual(goFixArgs({ kind: 'get', modules: [{ path: 'example.com/m', version: 'v1.2.3' }] }, '/t/go.mod'), { ok: true, args: ['get', '-modfile=/t/go.mod', 'example.com/m@v1.2.3'] });
  assert.equal(goFixArgs({ kind: 'get', modules: [{ path: '-x', version: 'v1.0.0' }] }, '/t/go.mod').ok, false, 'no flag passes as a module');
  assert.equal(goFixArgs({ kind: 'get', modules: [{ path: 'example.com/m', version: '-x' }] }, '/t/go.mod').ok, false);
});

test("go's failures are explained by cause", () => {
  const explain = (stderr: string, cause: 'exit' | 'timeout' = 'exit') => explainGoError({ command: 'go get m@v', cause, code: 1, stderr, timeoutMs: 120_000 });
  // stderr as Go 1.23 prints it.
  assert.match(explain('go: example.com/m@v1.9.9: reading http://127.0.0.1:1/example.com/m/@v/v1.9.9.info: 404 Not Found\n\tserver response: not found: example.com/m@v1.9.9: invalid version: unknown revision v1.9.9\n'), /example\.com\/m@v1\.9\.9 does not exist/);
  assert.match(explain('go: example.com/nonexist@latest: module example.com/nonexist: reading http://127.0.0.1:1/example.com/nonexist/@v/list: 404 Not Found\n\tserver response: not found: module example.com/nonexist: no matching versions\n'), /the module proxy does not know example\.com\/nonexist \(404\)\. If it is a private module, add it to GOPRIVATE/);
  assert.match(explain('go: example.com/a@v1.0.0: reading https://proxy.golang.org/example.com/a/@v/list: 410 Gone\n'), /GOPRIVATE/);
  assert.match(explain('verifying example.com/majors@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: h1:2jx=\n\tgo.sum:     h1:AAA=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\n'), /go clean -modcache.*GONOSUMDB/);
  assert.match(explain('go: ../t/go.mod requires go >= 1.99 (running go 1.23.5; GOTOOLCHAIN=local)\n'), /Go 1\.99 or newer is needed, this Go is 1\.23\.5.*Upgrade Go/);
  assert.match(explain('go: example.com/m@v1.1.0: Get "https://proxy.example/example.com/m/@v/v1.1.0.info": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused\n'), /could not reach the module proxy.*HTTP\(S\)_PROXY/);
  assert.match(explain('go: example.com/m@v1.1.0: module lookup disabled by GOPROXY=off\n'), /GOPROXY=off/);
  assert.match(explain('go: downloading example.com/m v1.0.0\n', 'timeout'), /did not finish within 120 s/);
  assert.match(explain('go: downloading example.com/m v1.0.0\ngo: something new\n'), /failed: the go command failed \(exit status 1\)\. \(go: something new\) Nothing was changed\.$/);
});
