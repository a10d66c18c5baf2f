// Bodies from the vulnerability database into JSON values, within the caps of
// limits.ts. Every failure is a cause in words, never an exception.
import { gunzip } from 'node:zlib';

export type Decoded<T> = { ok: T } | { error: string };

/** The bytes of a .json.gz answer; zlib stops at maxBytes rather than growing a buffer without end. */
export function gunzipCapped(body: Buffer, maxBytes: number): Promise<Decoded<Buffer>> {
  return new Promise((resolve) => {
    gunzip(body, { maxOutputLength: maxBytes }, (err, out) => {
      if (!err) return resolve({ ok: out });
      resolve({ error: gunzipCause(err as NodeJS.ErrnoException, maxBytes) });
    });
  });
}

function gunzipCause(err: NodeJS.ErrnoException, maxBytes: number): string {
  if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return `larger than the ${maxBytes} byte limit once decompressed`;
  if (err.code === 'Z_BUF_ERROR') return 'the gzip data ends early (truncated)';
  if (err.code === 'Z_DATA_ERROR') return `not gzip data (${clean(err.message)})`;
  return `cannot decompress (${clean(err.code ?? err.message)})`;
}

export function parseJson(bytes: Buffer): Decoded<unknown> {
  try {
    return { ok: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (e) {
    // V8 quotes part of the text in its message: keep it short and printable.
    return { error: `not valid JSON (${clean((e as Error).message)})` };
  }
}

function clean(s: string, max = 160): string {
  const t = s.replace(/[^\x20-\x7e]/g, '?');
  return t.length > max ? t.slice(0, max) + '…' : t;
}
