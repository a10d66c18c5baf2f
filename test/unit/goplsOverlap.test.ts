// The policy beside the official Go extension: what is left to gopls, and when.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODES_GOPLS_REPORTS, defersToGopls, goExtensionMode, withGoplsCodesOff } from '../../client/src/goplsOverlap';

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

test('while deferring, the codes gopls reports are off, unless the user set their severity', () => {
  assert.deepEqual([...CODES_GOPLS_REPORTS], ['syntax', 'not-tidy']);
  assert.deepEqual(withGoplsCodesOff({ debounceMs: 5, diagnostics: {} }), { debounceMs: 5, diagnostics: { syntax: 'off', 'not-tidy': 'off' } });
  assert.deepEqual(withGoplsCodesOff({}), { diagnostics: { syntax: 'off', 'not-tidy': 'off' } });
  assert.deepEqual(withGoplsCodesOff({ diagnostics: { syntax: 'warning', 'retracted-version': 'error' } }),
    { diagnostics: { syntax: 'warning', 'not-tidy': 'off', 'retracted-version': 'error' } });
});

test('settings that are not an object pass through untouched', () => {
  for (const v of [undefined, null, 'x', [1]]) assert.deepEqual(withGoplsCodesOff(v), v);
  assert.deepEqual(withGoplsCodesOff({ diagnostics: 'bad' }), { diagnostics: { syntax: 'off', 'not-tidy': 'off' } });
});
