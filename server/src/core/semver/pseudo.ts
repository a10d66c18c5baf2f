// Pseudo-versions (go.dev/ref/mod#pseudo-versions), from golang.org/x/mod/module/pseudo.go.
import { isValid } from './goSemver';

const PSEUDO_RE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function isPseudoVersion(v: string): boolean {
  return (v.match(/-/g)?.length ?? 0) >= 2 && isValid(v) && PSEUDO_RE.test(v);
}

/** The commit time a pseudo-version encodes (UTC), or undefined. */
export function pseudoVersionTime(v: string): Date | undefined {
  if (!isPseudoVersion(v)) return undefined;
  const m = /(\d{14})-[A-Za-z0-9]+(\+.*)?$/.exec(v);
  if (!m) return undefined;
  const t = m[1];
  const d = new Date(Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14)));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The tagged version a pseudo-version builds on ("" for vX.0.0-... with no tag):
 * vX.Y.(Z+1)-0.T-H -> vX.Y.Z, vX.Y.Z-pre.0.T-H -> vX.Y.Z-pre.
 */
export function pseudoVersionBase(v: string): string | undefined {
  if (!isPseudoVersion(v)) return undefined;
  const build = /\+.*$/.exec(v)?.[0] ?? '';
  const noBuild = v.slice(0, v.length - build.length);
  const m = /^(v\d+\.\d+\.\d+)(-.*)?$/.exec(noBuild.replace(/[.-]?\d{14}-[A-Za-z0-9]+$/, ''));
  if (!m) return undefined;
  const [, core, pre = ''] = m;
  if (pre === '' || pre === '-') return build ? undefined : '';
  if (pre === '-0') {
    const [maj, min, patch] = core.slice(1).split('.');
    const n = BigInt(patch);
    if (n === 0n) return undefined;
    return `v${maj}.${min}.${n - 1n}${build}`;
  }
  return core + pre.replace(/\.0$/, '') + build;
}
