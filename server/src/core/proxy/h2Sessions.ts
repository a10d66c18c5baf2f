// HTTP/2 on node:http2 itself, for the origins that offer it (ALPN): one
// session per origin carries every request in flight. A cold check of a large
// go.mod makes some 600 requests, and on a 2-core machine their CPU is the
// critical path: undici's HTTP/2 client took about 2.5 times the CPU per
// request of a bare session (191 version lists from proxy.golang.org: 200 ms
// against 80 ms). An origin that answers ALPN with HTTP/1.1 is remembered and
// left to undici, which pools its connections.
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect as h2Connect,
  constants,
  type IncomingHttpHeaders,
  type IncomingHttpStatusHeader,
} from 'node:http2';
import { isIP } from 'node:net';
import { connect as tlsConnect, type SecureContext, type TLSSocket } from 'node:tls';
import { untilAborted } from './untilAborted';

export interface H2Response {
  statusCode: number;
  headers: IncomingHttpHeaders & IncomingHttpStatusHeader;
  /** The response body; destroyed when the request's signal aborts. */
  body: ClientHttp2Stream;
}

export interface H2SessionsOptions {
  /** The authorities trusted; Node's own list when absent. */
  secureContext?: SecureContext;
  connectTimeoutMs: number;
  /** A session with no request for this long is closed. */
  idleMs: number;
}

/** An error with a code, as Node's own network errors have: the transport reports the code. */
function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Node's codes for a stream reset before its answer (REFUSED_STREAM among
 * them) and for one caught by a session that closed or is going away.
 */
const UNPROCESSED = new Set(['ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION', 'ERR_HTTP2_STREAM_CANCEL']);

export class H2Sessions {
  private readonly sessions = new Map<string, Promise<ClientHttp2Session | undefined>>();
  /** Origins that chose HTTP/1.1. */
  private readonly http1 = new Set<string>();
  private readonly open = new Set<ClientHttp2Session>();

  constructor(private readonly opts: H2SessionsOptions) {}

  /**
   * One GET on the origin's session; undefined when the origin does not speak
   * HTTP/2 (the caller asks undici instead). Rejects on a network failure and
   * when `signal` aborts.
   */
  async request(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<H2Response | undefined> {
    if (url.protocol !== 'https:' || this.http1.has(url.origin)) return undefined;
    try {
      return await this.requestOnce(url, headers, signal);
    } catch (e) {
      // A refused stream, or one caught by a session going away, was not
      // processed (RFC 9113 section 8.7), and any GET may be repeated: asked
      // again, once, on the session there is then.
      if (signal.aborted || !UNPROCESSED.has((e as { code?: string }).code ?? '')) throw e;
      return this.requestOnce(url, headers, signal);
    }
  }

  private async requestOnce(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<H2Response | undefined> {
    const session = await untilAborted(this.sessionFor(url), signal, (s) => {
      throw abortReason(s);
    });
    if (!session) return undefined;
    return new Promise<H2Response>((resolve, reject) => {
      const stream = session.request({ ':method': 'GET', ':path': `${url.pathname}${url.search}`, ...headers }, { endStream: true });
      const abort = () => {
        const reason = abortReason(signal);
        stream.close(constants.NGHTTP2_CANCEL);
        stream.destroy(reason);
        reject(reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      stream.once('close', () => signal.removeEventListener('abort', abort));
      stream.on('error', reject);
      stream.once('response', (h) => resolve({ statusCode: Number(h[':status']), headers: h, body: stream }));
    });
  }

  close(): void {
    for (const s of this.open) s.close();
    this.open.clear();
    this.sessions.clear();
  }

  /** The origin's session, opened by the first request that needs it and shared by those that arrive meanwhile. */
  private sessionFor(url: URL): Promise<ClientHttp2Session | undefined> {
    const known = this.sessions.get(url.origin);
    if (known) return known;
    const opening = this.connect(url);
    this.sessions.set(url.origin, opening);
    // A failed connection is not remembered: the next request tries again.
    opening.then((s) => s ?? this.forget(url.origin, opening), () => this.forget(url.origin, opening));
    return opening;
  }

  private forget(origin: string, entry: Promise<ClientHttp2Session | undefined>): void {
    if (this.sessions.get(origin) === entry) this.sessions.delete(origin);
  }

  private async connect(url: URL): Promise<ClientHttp2Session | undefined> {
    const socket = await this.tlsSocket(url);
    if (socket.alpnProtocol !== 'h2') {
      socket.destroy();
      this.http1.add(url.origin);
      return undefined;
    }
    const session = h2Connect(url.origin, { createConnection: () => socket });
    const entry = this.sessions.get(url.origin);
    const gone = () => {
      this.open.delete(session);
      if (entry) this.forget(url.origin, entry);
    };
    // A session that fails, is told to go away or closes takes no new request;
    // the streams it carried fail with it and report that.
    session.on('error', gone);
    session.on('goaway', gone);
    session.on('close', gone);
    session.setTimeout(this.opts.idleMs, () => {
      gone();
      session.close();
    });
    // Kept alive for what it carries (each request has its own timer), never for itself.
    session.unref();
    this.open.add(session);
    return session;
  }

  /** A TLS connection that offers HTTP/2 and HTTP/1.1, under the connect timeout alone: it serves every request waiting for it. */
  private tlsSocket(url: URL): Promise<TLSSocket> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise<TLSSocket>((resolve, reject) => {
      const socket = tlsConnect({
        host,
        port: Number(url.port || 443),
        // SNI takes a name, never an address (RFC 6066 section 3).
        servername: isIP(host) ? undefined : host,
        ALPNProtocols: ['h2', 'http/1.1'],
        secureContext: this.opts.secureContext,
      });
      const fail = (e: Error) => {
        cleanup();
        socket.destroy();
        reject(e);
      };
      const timeout = () => fail(codedError('ETIMEDOUT', `connect timed out after ${this.opts.connectTimeoutMs} ms`));
      const cleanup = () => {
        socket.setTimeout(0);
        socket.off('timeout', timeout);
        socket.off('error', fail);
      };
      socket.setTimeout(this.opts.connectTimeoutMs);
      socket.once('timeout', timeout);
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        cleanup();
        resolve(socket);
      });
    });
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : codedError('ABORT_ERR', 'aborted');
}
