// Wrapping the text report: where the width comes from (only a terminal is
// wrapped unless --width says so) and how lines break. The child-process side
// is in check.test.ts; a terminal cannot be given to a child without a shell,
// so the decision is tested here on what the command line reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleLength, wrapLine, wrapWidth, wrapWords } from '../../server/src/cli/wrap';

test('only a terminal is wrapped, at COLUMNS or its width; --width wins; 0 or a tiny width is no wrapping', () => {
  const env = {};
  assert.equal(wrapWidth({ stdoutIsTty: false, columns: 80, env }), undefined, 'piped');
  assert.equal(wrapWidth({ stdoutIsTty: false, env: { COLUMNS: '80' } }), undefined, 'piped, whatever COLUMNS says');
  assert.equal(wrapWidth({ stdoutIsTty: true, columns: 120, env }), 120);
  assert.equal(wrapWidth({ stdoutIsTty: true, columns: 120, env: { COLUMNS: '90' } }), 90);
  assert.equal(wrapWidth({ stdoutIsTty: true, columns: 120, env: { COLUMNS: 'wide' } }), 120);
  assert.equal(wrapWidth({ stdoutIsTty: true, env }), undefined, 'a terminal of unknown width');
  assert.equal(wrapWidth({ flag: 70, stdoutIsTty: false, env }), 70);
  assert.equal(wrapWidth({ flag: 0, stdoutIsTty: true, columns: 120, env }), undefined);
  assert.equal(wrapWidth({ flag: 12, stdoutIsTty: true, columns: 120, env }), undefined);
});

test('words are kept whole, lines fill greedily, continuation lines are indented', () => {
  assert.deepEqual(wrapWords('aa bb cc dd', 5, 5), ['aa bb', 'cc dd']);
  assert.deepEqual(wrapWords('a https://example.com/a/very/long/url b', 10, 10), ['a', 'https://example.com/a/very/long/url', 'b']);
  assert.equal(wrapLine('  f:1:2  code  ', 'one two three four', 24), '  f:1:2  code  one two\n    three four');
  assert.equal(wrapLine('  f:1:2  code  ', 'short', 24), '  f:1:2  code  short');
  assert.equal(wrapLine('  f:1:2  code  ', 'short', undefined), '  f:1:2  code  short');
  // When no word fits after the prefix, the message starts on the next line.
  assert.equal(wrapLine('  f:1:2  a-long-code  ', 'example.com/module two', 30), '  f:1:2  a-long-code\n    example.com/module two');
});

test('colour codes take no columns', () => {
  const red = '\x1b[31mcode\x1b[0m';
  assert.equal(visibleLength(red), 4);
  assert.equal(wrapLine(`  ${red}  `, 'aaa bbb', 15), `  ${red}  aaa bbb`);
});
