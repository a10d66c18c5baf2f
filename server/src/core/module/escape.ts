// Case-encoding of module paths and versions for proxy URLs (module.EscapePath,
// go.dev/ref/mod#goproxy-protocol): each upper-case letter becomes "!" plus its
// lower-case form, because proxies may live on case-insensitive file systems.
// Lower-casing instead would fetch another module.

/** undefined when the string cannot be escaped (it contains "!" or non-ASCII). */
function escapeString(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x21 || c >= 0x80) return undefined;
    out += c >= 0x41 && c <= 0x5a ? '!' + String.fromCharCode(c + 0x20) : s[i];
  }
  return out;
}

export function escapePath(path: string): string | undefined {
  return escapeString(path);
}

export function escapeVersion(version: string): string | undefined {
  return escapeString(version);
}

/**
 * A proxy request path as the go command writes it (modfetch/proxy.go getBody:
 * url.PathEscape with "/" kept, which leaves "@", "+", ":" and "=" literal and
 * percent-encodes "!" as %21). Proxies and gateways that match raw paths see
 * the same bytes from us as from the go command.
 */
export function goRequestPath(escaped: string): string {
  // Nearly every path needs no escape at all.
  if (/^[A-Za-z0-9\-_.~$&+:=@/]*$/.test(escaped)) return escaped;
  let out = '';
  for (const byte of Buffer.from(escaped, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+:=@/]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
