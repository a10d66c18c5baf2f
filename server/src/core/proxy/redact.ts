// Credentials never reach a message, a log line or a finding: URLs are shown
// with the password replaced by "xxxxx", as the go command shows them.

export function redactUrl(url: URL | string): string {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return redactText(String(url));
  }
  if (u.password) u.password = 'xxxxx';
  return u.href;
}

/** Masks "scheme://user:password@" anywhere in free text. */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]*@/gi, '$1xxxxx@');
}
