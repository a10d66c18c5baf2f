// Major-version suffixes of module paths (/v2, gopkg.in/x.v3) and how they
// constrain versions, ported from golang.org/x/mod/module (go.dev/ref/mod#major-version-suffixes).
import { goQuote } from '../text/goText';
import { build, canonical, major } from '../semver/goSemver';

/** module.CanonicalVersion: canonical semver that keeps a "+incompatible" suffix. */
export function canonicalVersion(v: string): string {
  const cv = canonical(v);
  return cv !== '' && v.endsWith('+incompatible') && build(v) === '+incompatible' ? cv + '+incompatible' : cv;
}

export interface PathVersionSplit {
  prefix: string;
  pathMajor: string;
  ok: boolean;
}

/** module.SplitPathVersion: "example.com/m/v2" -> ("example.com/m", "/v2"). */
export function splitPathVersion(path: string): PathVersionSplit {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  while (i > 0 && ((path[i - 1] >= '0' && path[i - 1] <= '9') || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
    return { prefix: path, pathMajor: '', ok: true };
  }
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

function splitGopkgIn(path: string): PathVersionSplit {
  let i = path.length;
  if (path.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && path[i - 1] >= '0' && path[i - 1] <= '9') i--;
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') {
    return { prefix: path, pathMajor: '', ok: false };
  }
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

/**
 * module.CheckPathMajor: undefined when version v may be used with a path
 * whose major suffix is pathMajor, otherwise Go's error text
 * (`version "v2.0.0" invalid: should be v0 or v1, not v2`).
 */
export function checkPathMajor(v: string, pathMajor: string): string | undefined {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) {
    pathMajor = pathMajor.slice(0, -'-unstable'.length);
  }
  // An old pseudo-version bug: gopkg.in .v1 modules once got v0.0.0- pseudo-versions.
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') return undefined;
  const m = major(v);
  let want: string;
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || build(v) === '+incompatible') return undefined;
    want = 'v0 or v1';
  } else {
    if (m === pathMajor.slice(1)) return undefined;
    want = pathMajor.slice(1);
  }
  return invalidVersion(v, `should be ${want}, not ${m}`);
}

/** module.InvalidVersionError text. */
export function invalidVersion(v: string, why: string): string {
  return `version ${goQuote(v)} invalid: ${why}`;
}
