import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoQuote, decodeGoBytes, goQuote, goQuoteRune, goUnquote } from '../../server/src/core/text/goText';

test('strconv.Quote and QuoteRune', () => {
  assert.equal(goQuote('a b'), '"a b"');
  assert.equal(goQuote('é\t"\\'), '"é\\t\\"\\\\"');
  assert.equal(goQuote('\u0000\u007f\u00a0\ufeff😀'), '"\\x00\\x7f\\u00a0\\ufeff😀"');
  assert.equal(goQuoteRune(0xfeff), "'\\ufeff'");
  assert.equal(goQuoteRune(0), "'\\x00'");
  assert.equal(goQuoteRune(0x27), "'\\''");
  assert.equal(goQuoteRune(0x1f600), "'😀'");
});

test('strconv.Unquote accepts Go escapes and rejects the rest', () => {
  assert.equal(goUnquote('"example.com/m"'), 'example.com/m');
  assert.equal(goUnquote('"\\x41\\101\\u00e9\\U0001F600\\n"'), 'AAé😀\n');
  assert.equal(goUnquote('"\\xe2\\x82\\xac"'), '€');
  assert.equal(goUnquote('"\\xff"'), '\ufffd');
  for (const bad of ['"\\q"', '"\\\'"', '"\\x4"', '"\\400"', '"\\uD800"', '"a"b"', '"abc', 'abc']) {
    assert.equal(goUnquote(bad), undefined, bad);
  }
});

test('AutoQuote quotes only what cannot stand as one token', () => {
  assert.equal(autoQuote('example.com/m'), 'example.com/m');
  assert.equal(autoQuote('a b'), '"a b"');
  assert.equal(autoQuote('a//b'), '"a//b"');
  assert.equal(autoQuote(''), '""');
  assert.equal(autoQuote('('), '(');
  assert.equal(autoQuote('(a'), '"(a"');
});

test('bytes decode as Go ranges over strings: one U+FFFD per invalid byte, BOM kept', () => {
  assert.equal(decodeGoBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x6d])), '\ufeffm');
  assert.equal(decodeGoBytes(Buffer.from([0x61, 0xe2, 0x82, 0x62])), 'a\ufffd\ufffdb');
  assert.equal(decodeGoBytes(Buffer.from([0xed, 0xa0, 0x80])), '\ufffd\ufffd\ufffd');
  assert.equal(decodeGoBytes(Buffer.from('héllo 😀', 'utf8')), 'héllo 😀');
});
