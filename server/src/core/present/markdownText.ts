// Text from outside (a proxy's retraction reasons, a database's summaries and
// links) shown as Markdown: characters that Markdown would read as syntax are
// escaped, and only web links are made links.

/** Backslash-escapes what would start emphasis, code, a link or HTML. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => '\\' + c);
}

/** One line of at most `max` characters: newlines and runs of spaces become one space. */
export function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A link target that Markdown cannot misread: an http(s) URL in its
 * normalised form, with the parentheses that would end the link encoded;
 * undefined for anything else (javascript:, command:, file:, not a URL).
 */
export function safeLinkTarget(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // Credentials in a link would be shown on hover: a database URL never needs them.
  if (url.username || url.password) return undefined;
  return url.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` when the URL is a web link, else the text alone (escaped either way). */
export function markdownLink(text: string, url: string): string {
  const target = safeLinkTarget(url);
  return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}
