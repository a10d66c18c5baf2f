// file:// proxies (GOPROXY=file:///path), e.g. GOMODCACHE/cache/download for
// offline use. A missing file means "not found here", as for a 404.
import type { FetchOptions, Fetched, Transport } from './transport';

export interface FileReader {
  /** The file's bytes; fails with code EFBIG, without reading, when it is larger than maxBytes. */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
}

export class FileTransport implements Transport {
  constructor(private readonly fs: FileReader, private readonly maxBytes: number) {}

  async get(url: URL, opts: FetchOptions = {}): Promise<Fetched> {
    const path = decodeURIComponent(url.pathname);
    const limit = opts.maxBytes ?? this.maxBytes;
    try {
      const body = await this.fs.readFile(path, limit);
      if (body.length > limit) return { kind: 'error', message: `${url.href}: response larger than ${limit} bytes` };
      return { kind: 'ok', body };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'not-found', status: 404, message: `not found: ${path}` };
      if (code === 'EFBIG') return { kind: 'error', message: `${url.href}: response larger than ${limit} bytes` };
      return { kind: 'error', message: `reading ${url.href}: ${code ?? String(e)}` };
    }
  }
}
