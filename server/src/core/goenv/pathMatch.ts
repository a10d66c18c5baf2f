// Go's path.Match (src/path/match.go, Go 1.23), ported over UTF-8 bytes.
// Go walks the pattern and the name byte by byte and decodes a rune only for
// `?` and character classes, so a star can resume matching in the middle of a
// multi-byte rune; working on bytes keeps every such corner identical.

const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const RUNE_ERROR = 0xfffd;

/** The result of path.Match: `bad` is ErrBadPattern. */
export type MatchResult = { matched: boolean; bad: boolean };

const encoder = new TextEncoder();

/** path.Match(pattern, name). */
export function pathMatch(pattern: string, name: string): MatchResult {
  return matchBytes(encoder.encode(pattern), encoder.encode(name));
}

type Bytes = Uint8Array;
const BAD: MatchResult = { matched: false, bad: true };

function matchBytes(pattern: Bytes, name: Bytes): MatchResult {
  Pattern: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) {
      // Trailing * matches the rest of the name unless it has a /.
      return { matched: name.indexOf(SLASH) < 0, bad: false };
    }
    const first = matchChunk(chunk, name);
    // The last chunk must consume the whole name, or a later star could still match.
    if (first.ok && (first.rest.length === 0 || pattern.length > 0)) {
      name = first.rest;
      continue;
    }
    if (first.bad) return BAD;
    if (star) {
      // Skip i+1 bytes of the name, never a /.
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const r = matchChunk(chunk, name.subarray(i + 1));
        if (r.ok) {
          if (pattern.length === 0 && r.rest.length > 0) continue;
          name = r.rest;
          continue Pattern;
        }
        if (r.bad) return BAD;
      }
    }
    // Before reporting no match, Go checks that the rest of the pattern is well formed.
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      if (matchChunk(next.chunk, new Uint8Array(0)).bad) return BAD;
    }
    return { matched: false, bad: false };
  }
  return { matched: name.length === 0, bad: false };
}

function scanChunk(pattern: Bytes): { star: boolean; chunk: Bytes; rest: Bytes } {
  let star = false;
  while (pattern.length > 0 && pattern[0] === STAR) {
    pattern = pattern.subarray(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  Scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case BACKSLASH:
        // A trailing backslash is reported by matchChunk.
        if (i + 1 < pattern.length) i++;
        break;
      case LBRACKET:
        inRange = true;
        break;
      case RBRACKET:
        inRange = false;
        break;
      case STAR:
        if (!inRange) break Scan;
        break;
    }
  }
  return { star, chunk: pattern.subarray(0, i), rest: pattern.subarray(i) };
}

type ChunkResult = { ok: boolean; bad: boolean; rest: Bytes };

function matchChunk(chunk: Bytes, s: Bytes): ChunkResult {
  // After a mismatch Go keeps walking the chunk only to check its syntax.
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case LBRACKET: {
        let r = 0;
        if (!failed) {
          const [rune, n] = decodeRune(s);
          r = rune;
          s = s.subarray(n);
        }
        chunk = chunk.subarray(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === CARET) {
          negated = true;
          chunk = chunk.subarray(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === RBRACKET && nrange > 0) {
            chunk = chunk.subarray(1);
            break;
          }
          const lo = getEsc(chunk);
          if (lo.bad) return { ok: false, bad: true, rest: s };
          chunk = lo.rest;
          let hi = lo.r;
          if (chunk[0] === DASH) {
            const h = getEsc(chunk.subarray(1));
            if (h.bad) return { ok: false, bad: true, rest: s };
            chunk = h.rest;
            hi = h.r;
          }
          if (lo.r <= r && r <= hi) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case QUESTION:
        if (!failed) {
          if (s[0] === SLASH) failed = true;
          s = s.subarray(decodeRune(s)[1]);
        }
        chunk = chunk.subarray(1);
        break;
      case BACKSLASH:
        chunk = chunk.subarray(1);
        if (chunk.length === 0) return { ok: false, bad: true, rest: s };
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.subarray(1);
        }
        chunk = chunk.subarray(1);
        break;
      default:
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.subarray(1);
        }
        chunk = chunk.subarray(1);
    }
  }
  if (failed) return { ok: false, bad: false, rest: s };
  return { ok: true, bad: false, rest: s };
}

/** A possibly escaped character inside a class; Go requires something to follow it. */
function getEsc(chunk: Bytes): { r: number; rest: Bytes; bad: boolean } {
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === RBRACKET) return { r: 0, rest: chunk, bad: true };
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) return { r: 0, rest: chunk, bad: true };
  }
  const [r, n] = decodeRune(chunk);
  const rest = chunk.subarray(n);
  return { r, rest, bad: (r === RUNE_ERROR && n === 1) || rest.length === 0 };
}

/** utf8.DecodeRune: (RuneError, 1) for any invalid or truncated sequence, (RuneError, 0) when empty. */
export function decodeRune(b: Bytes): [number, number] {
  if (b.length === 0) return [RUNE_ERROR, 0];
  const c0 = b[0];
  if (c0 < 0x80) return [c0, 1];
  let size: number;
  let min: number;
  let r: number;
  if (c0 >= 0xc2 && c0 <= 0xdf) [size, min, r] = [2, 0x80, c0 & 0x1f];
  else if (c0 >= 0xe0 && c0 <= 0xef) [size, min, r] = [3, 0x800, c0 & 0x0f];
  else if (c0 >= 0xf0 && c0 <= 0xf4) [size, min, r] = [4, 0x10000, c0 & 0x07];
  else return [RUNE_ERROR, 1];
  if (b.length < size) return [RUNE_ERROR, 1];
  for (let i = 1; i < size; i++) {
    if ((b[i] & 0xc0) !== 0x80) return [RUNE_ERROR, 1];
    r = (r << 6) | (b[i] & 0x3f);
  }
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [RUNE_ERROR, 1];
  return [r, size];
}
