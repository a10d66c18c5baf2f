// The README as the .vsix carries it: dist/README.md, packaged by vsce
// --readme-path. The extension page in VS Code renders the README in a webview
// whose Content-Security-Policy allows images from https: and data: only, and
// resolves no relative path (VS Code 1.100, extensionEditor); with no public
// repository to point https: links at, each picture the README shows from this
// repository (images/*.png) is written into it as a data: URI. The README in
// the repository stays as it is, relative links and all.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };
// ![alt](src "title") and <img src="...">, as test/support/readmeImages.ts reads them.
const MARKDOWN_IMAGE = /(!\[[^\]]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+"[^"]*")?\s*\))/g;
const HTML_IMAGE = /(<img\b[^>]*\bsrc\s*=\s*["'])([^"']+)(["'])/gi;

function dataUri(root, src) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('#')) return src;
  const file = path.resolve(root, decodeURI(src.split(/[?#]/)[0]));
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type || path.relative(root, file).startsWith('..')) throw new Error(`README.md: cannot inline the image ${src} (a PNG, JPEG or GIF of this repository)`);
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

/** Writes dist/README.md from README.md; returns its path. */
export function writePackagedReadme(root) {
  const inline = (_, before, src, after) => `${before}${dataUri(root, src)}${after}`;
  const text = readFileSync(path.join(root, 'README.md'), 'utf8').replace(MARKDOWN_IMAGE, inline).replace(HTML_IMAGE, inline);
  const out = path.join(root, 'dist', 'README.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  return out;
}
