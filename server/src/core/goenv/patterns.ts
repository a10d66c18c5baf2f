// GOPRIVATE-style module path patterns: golang.org/x/mod/module.MatchPrefixPatterns
// (x/mod v0.19.0, vendored in Go 1.23) and the questions the go command asks with it
// (go.dev/ref/mod#private-modules, `go help module-private`).
import type { GoEnv } from './goEnv';
import { pathMatch } from './pathMatch';

/**
 * Reports whether any leading run of path elements of `target` matches one of
 * the comma-separated globs (path.Match syntax). Empty and malformed globs are
 * ignored, a trailing slash on a glob is ignored, and spaces are not trimmed.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (let glob of globs.split(',')) {
    if (glob.endsWith('/')) glob = glob.slice(0, -1);
    if (glob === '') continue;
    // A glob with N slashes is matched against the first N+1 elements of target.
    let n = countSlashes(glob);
    let prefix = target;
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (n === 0) {
          prefix = target.slice(0, i);
          break;
        }
        n--;
      }
    }
    if (n > 0) continue; // not enough path elements
    if (pathMatch(glob, prefix).matched) return true;
  }
  return false;
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === '/') n++;
  return n;
}

type PatternEnv = Pick<GoEnv, 'GOPRIVATE' | 'GONOPROXY' | 'GONOSUMDB' | 'GOINSECURE'>;

/** GOPRIVATE matches: the module is private (the default for GONOPROXY and GONOSUMDB). */
export function isPrivate(env: Pick<GoEnv, 'GOPRIVATE'>, modulePath: string): boolean {
  return matchPrefixPatterns(env.GOPRIVATE, modulePath);
}

/**
 * GONOPROXY matches: the go command fetches the module directly and sends its
 * path to no proxy (cmd/go/internal/modfetch/proxy.go, the "noproxy" entry).
 * `GONOPROXY` here is the effective value, which already defaults to GOPRIVATE.
 */
export function noProxy(env: Pick<GoEnv, 'GONOPROXY'>, modulePath: string): boolean {
  return matchPrefixPatterns(env.GONOPROXY, modulePath);
}

/**
 * The path must not reach any public service, a link to pkg.go.dev included:
 * any of GOPRIVATE, GONOPROXY or GONOSUMDB names it as not public, even where
 * GONOPROXY alone lets it through a (company) proxy.
 */
export function keepOffPublicServices(env: PatternEnv, modulePath: string): boolean {
  return isPrivate(env, modulePath) || noProxy(env, modulePath) || noSumDb(env, modulePath);
}

/** GONOSUMDB matches: the checksum database is not consulted (cmd/go/internal/modfetch/sumdb.go). */
export function noSumDb(env: Pick<GoEnv, 'GONOSUMDB'>, modulePath: string): boolean {
  return matchPrefixPatterns(env.GONOSUMDB, modulePath);
}

/** GOINSECURE matches: plain HTTP and unverified HTTPS are allowed for direct fetches. */
export function insecure(env: Pick<GoEnv, 'GOINSECURE'>, modulePath: string): boolean {
  return matchPrefixPatterns(env.GOINSECURE, modulePath);
}
