// GOPRIVATE for a module that no proxy knows: the pattern to add and the new
// list. GOPRIVATE holds comma-separated path.Match globs that match leading
// path elements (go.dev/ref/mod#private-modules), so a short pattern covers a
// whole host: "example.com" would take every example.com module away from the
// proxy and the checksum database, including those the proxy serves. The
// pattern offered is therefore as narrow as is useful: the owner on the shared
// code hosts (where an owner's repositories are private together), else the
// module path itself; and never one that covers another requirement the proxy
// answered for, or a bare public host.
import { matchPrefixPatterns } from './patterns';
import type { GoEnv, GoEnvSource } from './goEnv';

/** Hosts where the first path element after the host is an owner (user or organisation). */
const SHARED_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com', 'git.sr.ht']);
/** Hosts that serve public modules: never a pattern of their own. */
const PUBLIC_HOSTS = new Set([...SHARED_HOSTS, 'golang.org', 'google.golang.org', 'gopkg.in', 'go.googlesource.com', 'cloud.google.com', 'k8s.io', 'sigs.k8s.io', 'go.uber.org', 'go.opentelemetry.io']);

/** The module path without its /vN major suffix: the pattern then covers every major version. */
function withoutMajor(modulePath: string): string {
  return modulePath.replace(/\/v[0-9]+$/, '');
}

/** The patterns to consider, narrowest last: `github.com/acme/tool/v2` -> `github.com/acme`, `github.com/acme/tool`. */
function candidates(modulePath: string): string[] {
  const parts = modulePath.split('/');
  const own = withoutMajor(modulePath);
  if (SHARED_HOSTS.has(parts[0]) && parts.length >= 2) return [...new Set([parts.slice(0, 2).join('/'), own])];
  return [own];
}

/**
 * The pattern to add for a module that no proxy knows, or undefined when
 * every useful pattern would also cover one of `answered` (requirements the
 * proxy did answer for) or is a bare public host.
 */
export function goPrivatePatternFor(modulePath: string, answered: Iterable<string> = []): string | undefined {
  const others = [...answered].filter((p) => p !== modulePath);
  return candidates(modulePath).find((c) => !PUBLIC_HOSTS.has(c) && !others.some((p) => matchPrefixPatterns(c, p)));
}

/** The pattern a message suggests when nothing else is known: `github.com/acme/tool/v2` -> `github.com/acme`; `corp.example.com/x/y` -> itself. */
export function goPrivatePattern(modulePath: string): string {
  return goPrivatePatternFor(modulePath) ?? withoutMajor(modulePath);
}

/**
 * Why `go env -w GOPRIVATE=...` would not change what the go command uses, or
 * undefined when it would: with no go env file (GOENV=off) there is nothing to
 * write to, and a GOPRIVATE set in the environment or in the settings wins
 * over the file (go.dev/ref/mod#environment-variables, `go help environment`).
 */
export function goPrivateWriteRefusal(values: Pick<GoEnv, 'GOENV' | 'GOPRIVATE'>, source: Pick<Record<keyof GoEnv, GoEnvSource>, 'GOPRIVATE'>, pattern: string): string | undefined {
  if (values.GOENV === '') {
    return `The go command reads no go env file here (GOENV=off, or no user config directory), so go env -w cannot set GOPRIVATE. Set GOPRIVATE=${pattern} in the environment or in goModHygiene.env instead.`;
  }
  if (source.GOPRIVATE === 'environment' || source.GOPRIVATE === 'override') {
    const where = source.GOPRIVATE === 'override' ? 'goModHygiene.env (or go.toolsEnvVars)' : 'the environment';
    return `GOPRIVATE is set in ${where} (${values.GOPRIVATE}), which wins over go env -w. Add ${pattern} there instead.`;
  }
  return undefined;
}

/**
 * A pattern that is safe on a `go env -w GOPRIVATE=...` command line: glob
 * characters and module path characters only, no list separator, no flag.
 */
export function isValidGoPrivatePattern(pattern: string): boolean {
  return /^[A-Za-z0-9._~*?[\]\/-]+$/.test(pattern) && !pattern.startsWith('-') && !pattern.startsWith('/') && pattern.length <= 200;
}

/** The new GOPRIVATE value, or undefined when the existing list already covers the pattern. */
export function withGoPrivate(existing: string, pattern: string): string | undefined {
  const list = existing.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.includes(pattern) || (!/[*?[]/.test(pattern) && matchPrefixPatterns(existing, pattern))) return undefined;
  return [...list, pattern].join(',');
}
