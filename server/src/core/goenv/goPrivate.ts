// GOPRIVATE for a module that no proxy knows: the pattern to add and the new
// list. GOPRIVATE holds comma-separated path.Match globs that match leading
// path elements (go.dev/ref/mod#private-modules), so one pattern covers a
// whole host, or an owner on the shared code hosts.
import { matchPrefixPatterns } from './patterns';

/** Hosts where the first path element after the host is an owner (user or organisation). */
const SHARED_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);

/** `github.com/acme/tool/v2` -> `github.com/acme`; `corp.example.com/x/y` -> `corp.example.com`. */
export function goPrivatePattern(modulePath: string): string {
  const parts = modulePath.split('/');
  return SHARED_HOSTS.has(parts[0]) && parts.length >= 2 ? parts.slice(0, 2).join('/') : parts[0];
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
