// Edits that turn one text into another, line by line. A fix sends the go
// command's result back as edits rather than a whole new document, so that
// lines it did not touch (and the cursor, folding and unsaved work on them)
// stay where they are.

/** Replace [start, end) of the old text (UTF-16 offsets, as editors count) with text. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** Beyond this many line pairs the comparison is not worth it: one edit for the changed middle. */
const MAX_CELLS = 4_000_000;

function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The go command writes "\n"; a file that uses "\r\n" keeps it. */
export function matchLineEndings(before: string, after: string): string {
  if (!before.includes('\r\n') || after.includes('\r\n')) return after;
  return after.replace(/\n/g, '\r\n');
}

/** Pairs of equal lines (indices into a and b) in a longest common subsequence. */
function commonLines(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // len[i][j]: LCS length of a[i..] and b[j..], row-major in one array.
  const len = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[at(i, j)] = a[i] === b[j] ? len[at(i + 1, j + 1)] + 1 : Math.max(len[at(i + 1, j)], len[at(i, j + 1)]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (len[at(i + 1, j)] >= len[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}

/** Non-overlapping edits, in order, that turn `before` into `after`. */
export function lineEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1] + line.length);

  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const pairs = am.length * bm.length <= MAX_CELLS ? commonLines(am, bm) : [];
  pairs.push([am.length, bm.length]); // a sentinel that closes the last gap

  const edits: OffsetEdit[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    if (pi > i || pj > j) {
      edits.push({ start: offsets[pre + i], end: offsets[pre + pi], text: bm.slice(j, pj).join('') });
    }
    i = pi + 1;
    j = pj + 1;
  }
  return edits;
}

/** Applies edits made against `text` (sorted, non-overlapping). */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
