// Where the vulnerability database is. GOVULNDB is the variable gopls and
// govulncheck read (an http(s) or file:// URL, "off" to disable); a setting or
// flag overrides it, and the default is the Go team's database.
import { redactUrl } from '../text/redact';
import type { VulnDbLocation } from './database';

export const DEFAULT_VULN_DB = 'https://vuln.go.dev';

export interface VulnDbChoice {
  /** The environment's GOVULNDB. */
  govulndb?: string;
  /** A setting or flag naming the database; it wins over GOVULNDB. */
  override?: string;
  /** Why the check is off, when a setting or flag turned it off. */
  disabledBy?: string;
}

export function vulnDbLocation(choice: VulnDbChoice): VulnDbLocation | { error: string } {
  if (choice.disabledBy) return { kind: 'off', why: choice.disabledBy };
  const fromOverride = choice.override?.trim();
  const fromEnv = choice.govulndb?.trim();
  const source = fromOverride ? 'setting' : fromEnv ? 'GOVULNDB' : 'default';
  const raw = fromOverride || fromEnv || DEFAULT_VULN_DB;
  if (raw === 'off') return { kind: 'off', why: source === 'setting' ? 'the vulnerability database setting is "off"' : 'GOVULNDB=off' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `${source === 'GOVULNDB' ? 'GOVULNDB' : 'the vulnerability database'} is not a URL: ${JSON.stringify(redactUrl(raw))}; use an https:// or file:/// URL, or "off"` };
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
    return { error: `the vulnerability database must be an http(s) or file:// URL, not ${JSON.stringify(redactUrl(raw))}` };
  }
  if (url.search || url.hash) return { error: `the vulnerability database URL has a query or fragment, which the protocol has no use for: ${JSON.stringify(redactUrl(raw))}` };
  // Endpoints are joined under the base: "https://host/db" and "https://host/db/" are the same database.
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return { kind: 'url', url, redacted: redactUrl(url).replace(/\/$/, ''), source };
}
