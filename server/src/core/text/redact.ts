// Credentials never reach a message, a log line, a report or a finding. A URL's
// user information is replaced structurally: "user:password@" becomes
// "user:xxxxx@" (the go command's mask), and a bare "token@" (a token used as
// the user name) becomes "xxxxx@". Where a URL cannot be parsed, as when a
// password holds a "/", everything between the scheme and the last "@" of the
// word is masked: hiding too much is safe, hiding too little is not.

export const MASK = 'xxxxx';

const SCHEME = /[a-z][a-z0-9+.-]*:\/\//i;
/** Characters that end a word in free text: a password never holds them unescaped in a GOPROXY or HTTP_PROXY value. */
const WORD = /[^\s,|"'`<>()\[\]{}]+/g;

/** The last "@" that can end user information: "/@v/" and "/@latest" in proxy request paths cannot. */
function lastUserinfoAt(s: string): number {
  for (let i = s.lastIndexOf('@'); i >= 0; i = s.lastIndexOf('@', i - 1)) {
    if (s[i - 1] !== '/') return i;
    if (i === 0) break;
  }
  return -1;
}

/** Masks the user information of the part of a word that follows a scheme ("user:pw@host/..."). */
function maskAfterScheme(rest: string): string {
  const lastAt = lastUserinfoAt(rest);
  if (lastAt < 0) return rest;
  let parsed: URL | undefined;
  try {
    parsed = new URL(`https://${rest}`);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.username !== '' || parsed.password !== '')) {
    // The authority ends at the first "/", "?", "#" or "\\" (WHATWG URL, as Go's url.Parse): its last "@" ends the user information.
    const end = rest.search(/[/?#\\]/);
    const at = rest.lastIndexOf('@', end < 0 ? rest.length : end);
    return maskUserinfo(rest.slice(0, at)) + rest.slice(at);
  }
  // Parsed with no user information, and no ":" before the "@": an "@" in the path is no credential.
  if (parsed && !rest.slice(0, lastAt).includes(':')) return rest;
  return `${MASK}${rest.slice(lastAt)}`;
}

function maskUserinfo(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  return colon < 0 ? MASK : `${userinfo.slice(0, colon)}:${MASK}`;
}

function maskWord(word: string): string {
  const m = SCHEME.exec(word);
  if (m) {
    const start = m.index + m[0].length;
    return word.slice(0, start) + maskAfterScheme(word.slice(start));
  }
  // A GOPROXY entry without a scheme ("user:pw@proxy.corp.example"): the go command adds https://.
  const at = lastUserinfoAt(word);
  const colon = word.indexOf(':');
  if (at > 0 && colon > 0 && colon < at && !word.slice(0, colon).includes('/')) return `${word.slice(0, colon)}:${MASK}${word.slice(at)}`;
  return word;
}

/** Masks credentials in every URL-like word of free text (messages, logs, GOPROXY lists, go command output). */
export function redactText(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(WORD, (w) => (w.includes('@') ? maskWord(w) : w));
}

/** A URL for people: its user information masked. */
export function redactUrl(url: URL | string): string {
  if (typeof url === 'string') return redactText(url);
  if (url.username === '' && url.password === '') return url.href;
  const u = new URL(url.href);
  if (u.password !== '') u.password = MASK;
  else u.username = MASK;
  return u.href;
}
