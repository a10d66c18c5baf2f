// The module or standard-library package a deprecation message points to
// ("Deprecated: use example.com/foo/v2 instead", "Use the
// "google.golang.org/protobuf" module instead", "use log/slog"). The message is
// free text (go.dev/ref/mod#go-mod-file-module-deprecation), so a path counts
// only after a word that names a replacement, and only when it has the shape
// of a module path or of a standard-library package.

/**
 * The first elements of the standard library's packages (`go list std`,
 * without internal and vendor), for paths such as log/slog or math/rand/v2.
 * Paths whose first element has no dot are reserved for the standard library
 * (go.dev/ref/mod#module-path), so a dotless path outside this list is a word.
 */
export const STD_FIRST_ELEMENTS: ReadonlySet<string> = new Set([
  'archive', 'bufio', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug', 'embed',
  'encoding', 'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'io', 'iter', 'log', 'maps',
  'math', 'mime', 'net', 'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort', 'strconv', 'strings',
  'structs', 'sync', 'syscall', 'testing', 'text', 'time', 'unicode', 'unique', 'unsafe', 'weak',
]);

/** First elements that are only directories, not packages: "use text" or "use go" is English, not a package. */
const STD_DIRECTORIES_ONLY: ReadonlySet<string> = new Set(['archive', 'compress', 'container', 'database', 'debug', 'go', 'index', 'text']);

// A word that introduces a replacement; the path is one of the few words after it
// ("use the standard library's "log/slog" package", "replaced by the module example.com/b").
const POINTER = /\b(?:use|using|replaced (?:by|with)|in favou?r of|moved to|switch to|migrate to|superseded by|see)\s/gi;
const WORDS_AFTER_POINTER = 4;

const ELEMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;
const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** A path with the shape of a non-standard module path: a dotted host name first (go.dev/ref/mod#go-mod-file-ident). */
export function isModuleLikePath(path: string): boolean {
  const elems = path.split('/');
  return HOST.test(elems[0]) && elems.every((e) => ELEMENT.test(e) && e !== '.' && e !== '..');
}

export function isStdPackagePath(path: string): boolean {
  const elems = path.split('/');
  if (!STD_FIRST_ELEMENTS.has(elems[0]) || !elems.every((e) => /^[a-z0-9]+$/.test(e))) return false;
  return elems.length > 1 || !STD_DIRECTORIES_ONLY.has(elems[0]);
}

export type ReplacementPath = { path: string; std: boolean };

/** The replacement a deprecation message names, other than the deprecated module itself. */
export function replacementPath(message: string, self: string): ReplacementPath | undefined {
  for (const m of message.matchAll(POINTER)) {
    const words = message.slice(m.index + m[0].length).split(/\s+/, WORDS_AFTER_POINTER);
    for (const word of words) {
      // Quotes, brackets, sentence punctuation and a version query are not part of the path.
      const path = word.replace(/^[`"'\u201c(<]+/, '').replace(/[`"'\u201d)>,;.:!?]+$/, '').replace(/@.*$/, '').replace(/\/+$/, '');
      if (path === self || path === '') continue;
      if (isModuleLikePath(path)) return { path, std: false };
      if (isStdPackagePath(path)) return { path, std: true };
    }
  }
  return undefined;
}
