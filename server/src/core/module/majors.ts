// Newer major versions are different modules (go.dev/ref/mod#major-version-suffixes):
// example.com/m -> example.com/m/v2 -> /v3, gopkg.in/x.v1 -> gopkg.in/x.v2. The
// go command never reports them; finding them means asking the proxy for each.
import { major } from '../semver/goSemver';
import { splitPathVersion } from './pathMajor';

/** The module path of major version n for the module family of `path`, or undefined. */
export function pathForMajor(path: string, n: number): string | undefined {
  const split = splitPathVersion(path);
  if (!split.ok) return undefined;
  if (path.startsWith('gopkg.in/')) {
    const unstable = split.pathMajor.endsWith('-unstable') ? '-unstable' : '';
    return `${split.prefix}.v${n}${unstable}`;
  }
  return n <= 1 ? split.prefix : `${split.prefix}/v${n}`;
}

/** The major version number a requirement is on (v2.3.0+incompatible counts as 2). */
export function majorNumber(path: string, version: string): number {
  const fromVersion = Number(major(version).slice(1));
  const split = splitPathVersion(path);
  const fromPath = split.pathMajor ? Number(split.pathMajor.replace(/^[./]v/, '').replace(/-unstable$/, '')) : 0;
  return Math.max(fromVersion || 0, fromPath || 0, 1);
}

/** Candidate paths above the current major, in order; probing stops at the first missing one. */
export function higherMajorPaths(path: string, version: string, limit = 3): { n: number; path: string }[] {
  const current = majorNumber(path, version);
  const out: { n: number; path: string }[] = [];
  for (let n = current + 1; n <= current + limit; n++) {
    const p = pathForMajor(path, n);
    if (p) out.push({ n, path: p });
  }
  return out;
}
