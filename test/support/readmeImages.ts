// The images a README shows, as it refers to them: Markdown `![alt](src "title")`
// and HTML `<img src="...">`. The repository's README refers to its pictures by
// relative paths; the packaged one carries them as data: URIs
// (images/packagedReadme.mjs), since the editor's extension page loads no other.
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi;

export function readmeImages(markdown: string): string[] {
  const srcs = [...markdown.matchAll(MARKDOWN_IMAGE), ...markdown.matchAll(HTML_IMAGE)].map((m) => m[1]);
  return [...new Set(srcs)];
}

/** A reference inside the package (no scheme, not protocol-relative), as a package path: `./images/a.png` -> `images/a.png`. */
export function packagedPath(src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('#')) return undefined;
  return decodeURI(src.split(/[?#]/)[0]).replace(/^\.\//, '').replace(/^\//, '');
}
