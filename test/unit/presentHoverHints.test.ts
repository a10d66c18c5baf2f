// The words of the hover and the inlay hints, from facts given by hand: what
// a replace does (go.mod and go.work), when "Checking" is said, and one hint
// per fact with no hand-made spacing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FactsRecord } from '../../server/src/core/facts/requirementFacts';
import { parseFile } from '../../server/src/core/gomod/parse';
import { hintLabels } from '../../server/src/core/present/hintLabels';
import { type HoverFacts, hoverMarkdown } from '../../server/src/core/present/hoverText';

const work = parseFile('go 1.22\n\nuse .\n\nreplace example.com/colors => example.com/colors v1.1.0\n', { filename: 'go.work', kind: 'work' });
const mod = parseFile('module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a => example.com/fork v1.2.0\n', { filename: 'go.mod', kind: 'mod' });
const base: HoverFacts = { path: '', version: '', times: new Map(), notProxied: false, publicLink: false, lookedUp: false };

test('hover on a go.work replace: a pin of the same module, in every module of the workspace, and no endless "Checking"', () => {
  const old = hoverMarkdown(work, { ...base, path: 'example.com/colors' });
  assert.match(old, /Every version is pinned to \*\*v1\.1\.0\*\* by a replace for every module of this workspace/);
  assert.doesNotMatch(old, /Checking|Replaced by/);
  const replacement = hoverMarkdown(work, { ...base, path: 'example.com/colors', version: 'v1.1.0', replacementOf: { path: 'example.com/colors', version: '' } });
  assert.match(replacement, /The replacement for every version of example\.com\/colors: builds use this version for every module of this workspace/);
  assert.doesNotMatch(replacement, /pinned|replaced by/i);
});

test('hover on a go.mod requirement replaced by another module; "Checking" only while its facts are being gathered', () => {
  const h = hoverMarkdown(mod, { ...base, path: 'example.com/a', version: 'v1.0.0', lookedUp: true });
  assert.match(h, /Every version is replaced by \*\*example\.com\/fork v1\.2\.0\*\*: builds use that module instead\./);
  assert.match(h, /Checking this module…/);
  assert.doesNotMatch(hoverMarkdown(mod, { ...base, path: 'example.com/a', version: 'v1.0.0' }), /Checking/);
});

test('hints: one per fact, in reading order, each without padding of its own', () => {
  const record: FactsRecord = {
    facts: { path: 'example.com/a', version: 'v1.0.0', retractions: [], retracted: ['Data race'], update: { Version: 'v1.4.0' } },
    major: { path: 'example.com/a/v3', version: 'v3.0.0' },
  };
  const hints = hintLabels('v1.0.0', record, { updates: true, majors: true, retracted: true, deprecated: true, vulnerabilities: true, upToDate: false });
  assert.deepEqual(hints.map((h) => h.label), ['⚠ retracted', '→ v1.4.0 (minor)', '⇡ v3.0.0 (major: /v3)']);
  assert.ok(hints.every((h) => h.label === h.label.trim() && !h.label.includes('  ')));
  assert.deepEqual(hints.map((h) => h.tooltip.split(':')[0]), ['Retracted', 'minor update available', 'New major version']);
});
