// GOPRIVATE-style patterns: path.Match ported byte for byte, and
// MatchPrefixPatterns with the tables of Go's own tests. The oracle test
// (test/oracle/goenv.test.ts) compares many more cases with Go itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insecure, isPrivate, matchPrefixPatterns, noProxy, noSumDb } from '../../server/src/core/goenv/patterns';
import { decodeRune, pathMatch } from '../../server/src/core/goenv/pathMatch';

// src/path/match_test.go (Go 1.23): [pattern, name, matched, bad pattern].
const matchTests: [string, string, boolean, boolean][] = [
  ['abc', 'abc', true, false],
  ['*', 'abc', true, false],
  ['*c', 'abc', true, false],
  ['a*', 'a', true, false],
  ['a*', 'abc', true, false],
  ['a*', 'ab/c', false, false],
  ['a*/b', 'abc/b', true, false],
  ['a*/b', 'a/c/b', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false, false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false, false],
  ['ab[c]', 'abc', true, false],
  ['ab[b-d]', 'abc', true, false],
  ['ab[e-g]', 'abc', false, false],
  ['ab[^c]', 'abc', false, false],
  ['ab[^b-d]', 'abc', false, false],
  ['ab[^e-g]', 'abc', true, false],
  ['a\\*b', 'a*b', true, false],
  ['a\\*b', 'ab', false, false],
  ['a?b', 'a☺b', true, false],
  ['a[^a]b', 'a☺b', true, false],
  ['a???b', 'a☺b', false, false],
  ['a[^a][^a][^a]b', 'a☺b', false, false],
  ['[a-ζ]*', 'α', true, false],
  ['*[a-ζ]', 'A', false, false],
  ['a?b', 'a/b', false, false],
  ['a*b', 'a/b', false, false],
  ['[\\]a]', ']', true, false],
  ['[\\-]', '-', true, false],
  ['[x\\-]', 'x', true, false],
  ['[x\\-]', '-', true, false],
  ['[x\\-]', 'z', false, false],
  ['[\\-x]', 'x', true, false],
  ['[\\-x]', '-', true, false],
  ['[\\-x]', 'a', false, false],
  ['[]a]', ']', false, true],
  ['[-]', '-', false, true],
  ['[x-]', 'x', false, true],
  ['[x-]', '-', false, true],
  ['[x-]', 'z', false, true],
  ['[-x]', 'x', false, true],
  ['[-x]', '-', false, true],
  ['[-x]', 'a', false, true],
  ['\\', 'a', false, true],
  ['[a-b-c]', 'a', false, true],
  ['[', 'a', false, true],
  ['[^', 'a', false, true],
  ['[^bc', 'a', false, true],
  ['a[', 'a', false, true],
  ['a[', 'ab', false, true],
  ['a[', 'x', false, true],
  ['a/b[', 'x', false, true],
  ['*x', 'xxx', true, false],
];

test('path.Match agrees with Go’s own table', () => {
  for (const [pattern, name, matched, bad] of matchTests) {
    assert.deepEqual(pathMatch(pattern, name), { matched, bad }, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

test('path.Match edge cases: stars, classes, escapes, runes', () => {
  const cases: [string, string, boolean, boolean][] = [
    ['', '', true, false],
    ['', 'a', false, false],
    ['*', '', true, false],
    ['**', 'abc', true, false],
    ['a**c', 'abbc', true, false],
    ['*/*', 'a/b', true, false],
    ['*', 'a/b', false, false],
    ['?', '', false, false],
    ['?', 'é', true, false],
    ['??', 'é', false, false],
    ['[é]', 'é', true, false],
    ['[^é]', 'é', false, false],
    ['[à-ï]', 'é', true, false],
    ['[😀]', '😀', true, false],
    ['?', '😀', true, false],
    ['[^/]', '/', false, false],
    ['[/]', '/', true, false],
    ['\\a', 'a', true, false],
    ['\\[', '[', true, false],
    ['[\\\\]', '\\', true, false],
    ['a*b', 'a[b', true, false],
    ['ab[', 'ac', false, true], // the rest of the pattern is still checked after a mismatch
    ['x*[', 'y', false, true],
    ['*[', 'abc', false, true],
    ['[a-]', 'a', false, true],
    ['[]', 'a', false, true],
    ['[^]', 'a', false, true],
    ['[z-a]', 'm', false, false], // an empty range is legal and matches nothing
    ['[^z-a]', 'm', true, false],
    ['a*', 'a\u0000', true, false],
  ];
  for (const [pattern, name, matched, bad] of cases) {
    assert.deepEqual(pathMatch(pattern, name), { matched, bad }, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

test('decodeRune follows utf8.DecodeRune', () => {
  assert.deepEqual(decodeRune(new Uint8Array([])), [0xfffd, 0]);
  assert.deepEqual(decodeRune(new Uint8Array([0x41])), [0x41, 1]);
  assert.deepEqual(decodeRune(new Uint8Array([0xc3, 0xa9])), [0xe9, 2]);
  assert.deepEqual(decodeRune(new Uint8Array([0xa9])), [0xfffd, 1], 'a lone continuation byte');
  assert.deepEqual(decodeRune(new Uint8Array([0xc0, 0x80])), [0xfffd, 1], 'overlong');
  assert.deepEqual(decodeRune(new Uint8Array([0xed, 0xa0, 0x80])), [0xfffd, 1], 'a surrogate');
  assert.deepEqual(decodeRune(new Uint8Array([0xf0, 0x9f, 0x98, 0x80])), [0x1f600, 4]);
  assert.deepEqual(decodeRune(new Uint8Array([0xf0, 0x9f, 0x98])), [0xfffd, 1], 'truncated');
});

// golang.org/x/mod/module/module_test.go TestMatchPrefixPatterns. Go 1.23 vendors
// x/mod v0.19.0, which ignores a trailing slash on a glob, so "rsc.io/" matches.
const prefixTests: [string, string, boolean][] = [
  ['*/quote', 'rsc.io/quote', true],
  ['*/quo', 'rsc.io/quote', false],
  ['*/quo??', 'rsc.io/quote', true],
  ['*/quo*', 'rsc.io/quote', true],
  ['*quo*', 'rsc.io/quote', false],
  ['rsc.io', 'rsc.io/quote', true],
  ['*.io', 'rsc.io/quote', true],
  ['rsc.io/', 'rsc.io/quote', true],
  ['rsc', 'rsc.io/quote', false],
  ['rsc*', 'rsc.io/quote', true],

  ['rsc.io', 'rsc.io/quote/v3', true],
  ['*/quote', 'rsc.io/quote/v3', true],
  ['*/quote/*', 'rsc.io/quote/v3', true],
  ['*/v3', 'rsc.io/quote/v3', false],
  ['*/*/v3', 'rsc.io/quote/v3', true],
  ['*/*/*', 'rsc.io/quote/v3', true],
  ['*/*/*', 'rsc.io/quote', false],

  ['*/*/*,,', 'rsc.io/quote', false],
  ['*/*/*,,*/quote', 'rsc.io/quote', true],
  [',,*/quote', 'rsc.io/quote', true],
];

test('MatchPrefixPatterns agrees with x/mod’s table', () => {
  for (const [globs, target, want] of prefixTests) {
    assert.equal(matchPrefixPatterns(globs, target), want, `MatchPrefixPatterns(${JSON.stringify(globs)}, ${JSON.stringify(target)})`);
  }
});

test('MatchPrefixPatterns edge cases', () => {
  const cases: [string, string, boolean][] = [
    ['', 'example.com/a', false],
    [',', 'example.com/a', false],
    ['/', 'example.com/a', false],
    ['example.com', 'example.com', true],
    ['example.com', 'example.com.evil.org/a', false],
    ['example.com/a', 'example.com', false],
    ['example.com/a', 'example.com/ab', false],
    ['example.com/a', 'example.com/a/b/c', true],
    ['example.com//', 'example.com/a', false],
    [' example.com', 'example.com/a', false], // spaces are not trimmed
    ['example.com ,other.org', 'other.org/x', true],
    ['*.corp.example.com', 'git.corp.example.com/team/repo', true],
    ['*.corp.example.com', 'corp.example.com/team/repo', false],
    ['[', 'example.com', false], // a malformed glob is skipped …
    ['[,example.com', 'example.com/a', true], // … and the next one still counts
    ['github.com/[Aa]cme', 'github.com/Acme/x', true],
    ['github.com/[^a]cme', 'github.com/acme/x', false],
    ['github.com/acme/\\*', 'github.com/acme/*/x', true],
    ['*', 'anything/at/all', true],
    ['*/*', 'single', false],
  ];
  for (const [globs, target, want] of cases) {
    assert.equal(matchPrefixPatterns(globs, target), want, `MatchPrefixPatterns(${JSON.stringify(globs)}, ${JSON.stringify(target)})`);
  }
});

test('private, no-proxy, no-sumdb and insecure read their own variables', () => {
  const env = { GOPRIVATE: 'corp.example.com', GONOPROXY: 'proxyless.example.com', GONOSUMDB: 'nosum.example.com', GOINSECURE: 'http.example.com' };
  assert.equal(isPrivate(env, 'corp.example.com/x'), true);
  assert.equal(noProxy(env, 'corp.example.com/x'), false, 'GONOPROXY, once set, replaces GOPRIVATE');
  assert.equal(noProxy(env, 'proxyless.example.com/x'), true);
  assert.equal(noSumDb(env, 'nosum.example.com/x/v2'), true);
  assert.equal(noSumDb(env, 'corp.example.com/x'), false);
  assert.equal(insecure(env, 'http.example.com/x'), true);
  assert.equal(insecure(env, 'corp.example.com/x'), false);
});
