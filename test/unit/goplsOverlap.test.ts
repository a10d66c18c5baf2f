// The policy beside the official Go extension: what is left to gopls, and when.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defersToGopls, goExtensionMode, notShownByGopls, OUR_SOURCE } from '../../client/src/goplsOverlap';

test('defers only in defer mode, with the Go extension there and gopls not turned off', () => {
  const base = { mode: 'defer' as const, installed: true, useLanguageServer: undefined };
  assert.equal(defersToGopls(base), true, 'go.useLanguageServer unset: the Go extension runs gopls');
  assert.equal(defersToGopls({ ...base, useLanguageServer: true }), true);
  assert.equal(defersToGopls({ ...base, useLanguageServer: false }), false, 'no gopls: nothing to defer to');
  assert.equal(defersToGopls({ ...base, installed: false }), false, 'no Go extension');
  assert.equal(defersToGopls({ ...base, mode: 'ignore' }), false);
});

test('an unknown or missing mode is the default, defer', () => {
  assert.equal(goExtensionMode(undefined), 'defer');
  assert.equal(goExtensionMode('Ignore'), 'defer');
  assert.equal(goExtensionMode(42), 'defer');
  assert.equal(goExtensionMode('ignore'), 'ignore');
});

const ours = (code: string, line: number) => ({ source: OUR_SOURCE, code, line });

test('a syntax error gopls shows on the same line is shown once, by gopls', () => {
  const mine = [ours('syntax', 10), ours('syntax', 12), ours('retracted-version', 5)];
  // gopls' diagnostics as gopls v0.23.0 sends them: source "syntax", no code.
  const shown = [...mine, { source: 'syntax', line: 10 }];
  assert.deepEqual(notShownByGopls(mine, shown), [ours('syntax', 12), ours('retracted-version', 5)]);
});

test('not-tidy goes while gopls names unused requirements, wherever they are', () => {
  const mine = [ours('not-tidy', 4), ours('update-available', 7)];
  assert.deepEqual(notShownByGopls(mine, [...mine, { source: 'go mod tidy', line: 8 }]), [ours('update-available', 7)]);
});

test('nothing is hidden when gopls shows nothing (it could not load the workspace), or something else', () => {
  const mine = [ours('syntax', 3), ours('not-tidy', 1)];
  assert.deepEqual(notShownByGopls(mine, mine), mine);
  // gopls' "can be upgraded" and its syntax error elsewhere do not stand for ours.
  assert.deepEqual(notShownByGopls(mine, [...mine, { source: 'upgrade available', line: 3 }, { source: 'syntax', line: 9 }]), mine);
  // Our own diagnostics never hide each other.
  assert.deepEqual(notShownByGopls(mine, [...mine, { source: OUR_SOURCE, code: 'syntax', line: 1 }]), mine);
});
