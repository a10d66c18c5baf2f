// Reading a proxy's @v/list without holding the event loop: a list can be
// megabytes long (a hostile proxy's certainly is), and splitting, validating
// and sorting it in one go would keep hovers and every other editor request
// waiting. The work is done in slices with a turn of the event loop between
// them, and only lines that name a valid version are kept.
import { compare, isValid } from './goSemver';
import { isPseudoVersion } from './pseudo';

/** Lines (or comparisons) handled between two yields: a few milliseconds of work. */
const SLICE = 4096;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface VersionList {
  /** Valid, non-pseudo versions, sorted as semver.Sort sorts (proxyRepo.Versions). */
  versions: string[];
  /** The lines whose first field is a valid version, reduced to "version [time]" (proxyRepo.latest reads both). */
  lines: string[];
}

/** semver.Sort: by precedence, then by the strings (so that v1.2 and v1.2.0 have one order). */
export function versionOrder(a: string, b: string): number {
  return compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A list naming more than maxVersions valid versions is refused (the reading stops there). */
export async function parseVersionList(text: string, maxVersions = Infinity): Promise<VersionList | { tooMany: number }> {
  const lines: string[] = [];
  const tagged: string[] = [];
  let start = 0;
  let n = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // strings.Fields: the first two fields are all the go command reads.
    const fields = text.slice(start, end).trim().split(/\s+/, 2);
    start = end + 1;
    const v = fields[0];
    if (v && isValid(v)) {
      if (lines.length >= maxVersions) return { tooMany: maxVersions };
      lines.push(fields.length > 1 ? `${v} ${fields[1]}` : v);
      if (!isPseudoVersion(v)) tagged.push(v);
    }
    if (++n % SLICE === 0) await yieldToEventLoop();
  }
  return { versions: await sortInSlices(tagged, versionOrder), lines };
}

/** A bottom-up merge sort that yields between slices of work; short lists are sorted at once. */
export async function sortInSlices<T>(items: T[], cmp: (a: T, b: T) => number): Promise<T[]> {
  if (items.length <= SLICE) return items.sort(cmp);
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    runs.push(items.slice(i, i + SLICE).sort(cmp));
    await yieldToEventLoop();
  }
  let work = 0;
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r];
      const b = runs[r + 1];
      if (!b) {
        next.push(a);
        continue;
      }
      const merged: T[] = new Array(a.length + b.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < a.length && j < b.length) {
        merged[k++] = cmp(b[j], a[i]) < 0 ? b[j++] : a[i++];
        if (++work % (SLICE * 4) === 0) await yieldToEventLoop();
      }
      while (i < a.length) merged[k++] = a[i++];
      while (j < b.length) merged[k++] = b[j++];
      next.push(merged);
    }
    runs = next;
  }
  return runs[0];
}
