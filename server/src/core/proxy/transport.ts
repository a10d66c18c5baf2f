// Fetching one proxy URL. Every outcome is a value: found, not found (404/410,
// which lets a "," GOPROXY list fall through) or an error with its cause.

export type Fetched =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'not-found'; status: number; message: string }
  | { kind: 'error'; message: string };

export interface FetchOptions {
  signal?: AbortSignal;
  /** The most body bytes this answer may have (limits.ts); the transport's own cap otherwise. */
  maxBytes?: number;
}

export interface Transport {
  get(url: URL, opts?: FetchOptions): Promise<Fetched>;
}

/** A body's first line or so, cleaned for a message: proxies explain 404s there. */
export function bodySnippet(body: Buffer | string, max = 300): string {
  const text = String(body).replace(/[^\x20-\x7e\n\t]/g, '?').trim();
  const firstLines = text.split('\n').slice(0, 3).join(' ').trim();
  return firstLines.length > max ? firstLines.slice(0, max) + '…' : firstLines;
}
