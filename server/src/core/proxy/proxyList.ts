// GOPROXY as the go command reads it (cmd/go/internal/modfetch proxyList):
// entries separated by "," (fall through only when the module is not found) or
// "|" (fall through on any error); "off" and "direct" end the list; a bare
// host gets "https://"; GONOPROXY adds an implicit first "noproxy" entry.
import { redactUrl } from '../text/redact';

export type ProxySpec =
  | { kind: 'noproxy' }
  | { kind: 'off' }
  | { kind: 'direct' }
  | { kind: 'url'; url: URL; fallBackOnError: boolean; redacted: string };

export type ProxyListResult = { ok: true; specs: ProxySpec[] } | { ok: false; error: string };

function isAbsolutePath(s: string): boolean {
  return s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\');
}

function checkProxyUrl(raw: string): { url: URL; redacted: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `invalid proxy URL missing scheme: ${raw.includes('@') ? raw.replace(/:[^:@/]*@/, ':xxxxx@') : raw}` };
  }
  const redacted = redactUrl(url);
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return { url, redacted };
    case 'file:':
      if (url.username || url.password || url.search || url.hash || (url.host && url.host !== '')) {
        return { error: `invalid file:// proxy URL with non-path elements: ${redacted}` };
      }
      return { url, redacted };
    default:
      return { error: `invalid proxy URL scheme (must be https, http, file): ${redacted}` };
  }
}

export function parseProxyList(goproxy: string, gonoproxy: string): ProxyListResult {
  const specs: ProxySpec[] = [];
  if (gonoproxy !== '' && goproxy !== 'direct') specs.push({ kind: 'noproxy' });
  let rest = goproxy;
  while (rest !== '') {
    const i = rest.search(/[,|]/);
    let entry: string;
    let fallBackOnError = false;
    if (i >= 0) {
      entry = rest.slice(0, i);
      fallBackOnError = rest[i] === '|';
      rest = rest.slice(i + 1);
    } else {
      entry = rest;
      rest = '';
    }
    entry = entry.trim();
    if (entry === '') continue;
    if (entry === 'off') {
      specs.push({ kind: 'off' });
      break;
    }
    if (entry === 'direct') {
      specs.push({ kind: 'direct' });
      break;
    }
    // Single words are reserved; anything with ".", ":" or "/" that is not a
    // full URL or an absolute path is a host: https is implied.
    if (/[.:/]/.test(entry) && !entry.includes(':/') && !isAbsolutePath(entry)) entry = 'https://' + entry;
    const checked = checkProxyUrl(entry);
    if ('error' in checked) return { ok: false, error: checked.error };
    specs.push({ kind: 'url', url: checked.url, fallBackOnError, redacted: checked.redacted });
  }
  if (specs.length === 0 || (specs.length === 1 && specs[0].kind === 'noproxy')) {
    return { ok: false, error: 'GOPROXY list is not the empty string, but contains no entries' };
  }
  return { ok: true, specs };
}
