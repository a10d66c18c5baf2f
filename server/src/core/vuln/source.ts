// One endpoint of a v1 vulnerability database (go.dev/security/vuln/database):
// over http(s) the .json.gz form, gunzipped; over file:// the plain .json, as
// govulncheck reads them (x/vuln internal/client/source.go). Only the index
// endpoints and ID/<id> are ever named here: no module path ever leaves.
import { redactText, redactUrl } from '../text/redact';
import type { Transport } from '../proxy/transport';
import { gunzipCapped, parseJson } from './decode';
import type { SizeCap } from './limits';

export type Got =
  /** The value, and the decompressed bytes it was parsed from (kept on disk as they came). */
  | { kind: 'ok'; value: unknown; bytes: Buffer }
  | { kind: 'not-found'; message: string }
  | { kind: 'error'; message: string };

export interface SourceDeps {
  http: Transport;
  file: Transport;
  timeoutMs: number;
}

export type Scheme = 'http' | 'file';

export function schemeOf(base: URL): Scheme | undefined {
  if (base.protocol === 'http:' || base.protocol === 'https:') return 'http';
  if (base.protocol === 'file:') return 'file';
  return undefined;
}

/** base + "/" + endpoint + the form's extension; the base's own query, if any, is kept as the user wrote it. */
export function endpointUrl(base: URL, endpoint: string, scheme: Scheme): URL {
  const url = new URL(base.href);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/' + endpoint + (scheme === 'http' ? '.json.gz' : '.json');
  return url;
}

/**
 * Fetches and decodes one endpoint within the deadline. `stop` ends it early
 * (the database was closed); the deadline also holds for a transport that
 * does not watch its signal.
 */
export async function getJson(deps: SourceDeps, base: URL, endpoint: string, cap: SizeCap, stop?: AbortSignal): Promise<Got> {
  const scheme = schemeOf(base);
  if (!scheme) return { kind: 'error', message: `${redactUrl(base)}: unsupported scheme (use https, http or file)` };
  const url = endpointUrl(base, endpoint, scheme);
  const shown = redactUrl(url);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Got>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ kind: 'error', message: `${shown}: no answer within ${deps.timeoutMs} ms` });
    }, deps.timeoutMs);
    timer.unref?.();
  });
  const onStop = () => controller.abort();
  stop?.addEventListener('abort', onStop, { once: true });
  try {
    return await Promise.race([fetchAndDecode(deps, url, shown, scheme, cap, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  }
}

async function fetchAndDecode(deps: SourceDeps, url: URL, shown: string, scheme: Scheme, cap: SizeCap, signal: AbortSignal): Promise<Got> {
  const transport = scheme === 'http' ? deps.http : deps.file;
  const fetched = await transport.get(url, { signal, maxBytes: scheme === 'http' ? cap.compressed : cap.decompressed });
  if (signal.aborted) return { kind: 'error', message: `${shown}: cancelled` };
  if (fetched.kind === 'not-found') return { kind: 'not-found', message: `${shown}: not found${scheme === 'http' ? ` (${fetched.status})` : ''}` };
  // Transport messages name the URL already, redacted by the HTTP transport; file URLs hold no credentials.
  if (fetched.kind === 'error') return { kind: 'error', message: redactText(fetched.message) };
  let bytes = fetched.body;
  if (scheme === 'http') {
    const plain = await gunzipCapped(bytes, cap.decompressed);
    if ('error' in plain) return { kind: 'error', message: `${shown}: ${plain.error}` };
    bytes = plain.ok;
  }
  const parsed = parseJson(bytes);
  if ('error' in parsed) return { kind: 'error', message: `${shown}: ${parsed.error}` };
  return { kind: 'ok', value: parsed.ok, bytes };
}
