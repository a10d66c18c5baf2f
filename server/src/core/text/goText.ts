// Go's view of text: UTF-8 decoding, unicode.IsPrint/IsSpace and strconv quoting.
// go.mod files are read by the go command as bytes; these helpers make a JS
// string behave the way Go's strings behave wherever the difference is visible
// (error messages, unquoting, which runes may appear in a token).

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp < 0x7f) return true;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

/** unicode.IsSpace. */
export function isGoSpace(cp: number): boolean {
  if (cp < 0x100) {
    return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  }
  return WHITE_SPACE.test(String.fromCodePoint(cp));
}

/**
 * Decodes bytes the way Go ranges over a string: every byte that does not start
 * a valid UTF-8 sequence becomes one U+FFFD (TextDecoder would merge some of
 * them and would drop a byte order mark, which Go rejects as a character).
 */
export function decodeGoBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end > start) parts.push(Buffer.from(bytes.subarray(start, end)).toString('utf8'));
  };
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    parts.push('\ufffd');
    i++;
    start = i;
  }
  flush(i);
  return parts.join('');
}

function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function quoteRuneBody(cp: number, quote: string): string {
  if (String.fromCodePoint(cp) === quote || cp === 0x5c) return '\\' + String.fromCodePoint(cp);
  if (isGoPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRuneBody(ch.codePointAt(0)!, '"');
  return out + '"';
}

/** strconv.QuoteRune, which is also what fmt's %q and %#q print for a rune. */
export function goQuoteRune(cp: number): string {
  return "'" + quoteRuneBody(cp, "'") + "'";
}

/**
 * strconv.Unquote for a double-quoted Go string literal. Returns undefined for
 * what Go calls "invalid syntax". Escapes are decoded to bytes first because
 * `\xNN` writes a raw byte that may or may not form UTF-8 with its neighbours.
 */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\')) {
    return body.includes('"') || body.includes('\n') ? undefined : body;
  }
  const bytes: number[] = [];
  const pushRune = (cp: number) => bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
  let i = 0;
  while (i < body.length) {
    const cp = body.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x22 || cp === 0x0a) return undefined;
    if (cp !== 0x5c) {
      pushRune(cp);
      i += width;
      continue;
    }
    if (i + 1 >= body.length) return undefined;
    const c = body[i + 1];
    i += 2;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c, '"': 0x22 };
    if (c in simple) {
      bytes.push(simple[c]);
      continue;
    }
    if (c === 'x' || c === 'u' || c === 'U') {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const digits = body.slice(i, i + n);
      if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
      const v = parseInt(digits, 16);
      i += n;
      if (c === 'x') {
        bytes.push(v);
        continue;
      }
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      pushRune(v);
      continue;
    }
    if (c >= '0' && c <= '7') {
      const digits = c + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      const v = parseInt(digits, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 2;
      continue;
    }
    return undefined;
  }
  return decodeGoBytes(Uint8Array.from(bytes));
}

/** modfile.MustQuote: whether s needs quoting to stand as one go.mod token. */
export function mustQuote(s: string): boolean {
  // The common case: plain ASCII path or version characters.
  if (/^[A-Za-z0-9._~+\-@:/]+$/.test(s)) return s.includes('//') || s.includes('/*');
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === ' ' || ch === '"' || ch === "'" || ch === '`') return true;
    if ('()[]{},'.includes(ch)) {
      if (s.length > 1) return true;
    } else if (!isGoPrint(cp)) {
      return true;
    }
  }
  return s === '' || s.includes('//') || s.includes('/*');
}

/** modfile.AutoQuote. */
export function autoQuote(s: string): string {
  return mustQuote(s) ? goQuote(s) : s;
}
