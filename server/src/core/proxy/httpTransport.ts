// HTTP(S) proxy access with undici: a pooled keep-alive dispatcher (honouring
// HTTP_PROXY/HTTPS_PROXY/NO_PROXY), a concurrency limit, a deadline and a size
// cap per request, redirects followed like the go command (never from https to
// http), and credentials only where the go command would send them.
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { ByteBudget } from './byteBudget';
import { EnvHttpProxyAgent } from './undiciParts';
import { h2Agent } from './h2Agent';
import type { NetrcEntry } from './netrc';
import { redactUrl } from '../text/redact';
import { bodySnippet, type FetchOptions, type Fetched, type Transport } from './transport';

export interface HttpTransportOptions {
  /** At most this many requests in flight; enough to keep a proxy busy. */
  concurrency: number;
  timeoutMs: number;
  /** The cap for a body when the caller names none. */
  maxBytes: number;
  /** Bytes all bodies being read at once may hold together; unlimited when absent. */
  inFlightBytes?: number;
  netrc: NetrcEntry[];
  /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the effective environment. */
  proxyEnv?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** The authorities TLS connections trust (systemRoots.ts); Node's own list when absent. */
  ca?: string;
  /** For tests: a dispatcher to use instead of the pooled one. */
  dispatcher?: Dispatcher;
}

const MAX_REDIRECTS = 10;

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

// Parsing a system bundle (about 140 authorities) takes some 40 ms of CPU,
// and a \`ca\` option is parsed again for every connection: a cold check that
// opens 64 connections would block the event loop for seconds. One context
// per bundle, made once, serves every connection of every transport.
let shared: { pem: string; context: SecureContext } | undefined;
/** Parses the bundle now, ahead of the first connection (while something else waits). */
export function prepareTls(pem: string): void {
  secureContextFor(pem);
}

function secureContextFor(pem: string): SecureContext {
  if (shared?.pem !== pem) shared = { pem, context: createSecureContext({ ca: pem }) };
  return shared.context;
}

/** Go never sends requests for localhost or loopback addresses through HTTP(S)_PROXY (x/net/http/httpproxy). */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export class HttpTransport implements Transport {
  private readonly direct: Dispatcher;
  private readonly viaProxy: Dispatcher | undefined;
  private readonly slots: Semaphore;
  /** Body bytes held by reads in progress. */
  readonly budget: ByteBudget;

  constructor(private readonly opts: HttpTransportOptions) {
    const tls = opts.ca ? { secureContext: secureContextFor(opts.ca) } : {};
    const pool = { connections: opts.concurrency, keepAliveTimeout: 30_000, connectTimeout: Math.min(opts.timeoutMs, 10_000), connect: tls };
    const p = opts.proxyEnv;
    this.direct = opts.dispatcher ?? h2Agent(pool);
    this.countsConnections = !opts.dispatcher;
    if (this.countsConnections) this.countConnections(this.direct);
    // Through a proxy: the same authorities for the proxy itself and for the module proxy behind the tunnel.
    this.viaProxy = !opts.dispatcher && p && (p.httpProxy || p.httpsProxy)
      ? new EnvHttpProxyAgent({ ...pool, httpProxy: p.httpProxy, httpsProxy: p.httpsProxy, noProxy: p.noProxy, requestTls: tls, proxyTls: tls })
      : undefined;
    this.slots = new Semaphore(opts.concurrency);
    this.budget = new ByteBudget(opts.inFlightBytes ?? Number.MAX_SAFE_INTEGER);
  }

  async close(): Promise<void> {
    await Promise.all([this.direct.close(), this.viaProxy?.close()]);
  }

  private dispatcherFor(url: URL): Dispatcher {
    return this.viaProxy && !isLoopback(url.hostname) ? this.viaProxy : this.direct;
  }

  get(url: URL, opts: FetchOptions = {}): Promise<Fetched> {
    return this.slots.run(() => (this.countsConnections && this.dispatcherFor(url) === this.direct
      ? this.afterFirstConnection(url.origin, () => this.fetchFollowingRedirects(url, opts))
      : this.fetchFollowingRedirects(url, opts)));
  }

  // Connections open per origin, and the first one being opened. With no
  // connection open, one request opens it and the others wait until it is up
  // (or that request has ended): an HTTP/2 server then gets one connection for
  // all of them, instead of one per request that found no idle connection.
  private readonly countsConnections: boolean;
  private readonly open = new Map<string, number>();
  private readonly opening = new Map<string, { up: Promise<void>; done: () => void }>();

  private countConnections(agent: Dispatcher): void {
    const key = (origin: unknown) => (origin instanceof URL ? origin.origin : String(origin));
    agent.on('connect', (origin) => {
      const k = key(origin);
      this.open.set(k, (this.open.get(k) ?? 0) + 1);
      this.opening.get(k)?.done();
    });
    agent.on('disconnect', (origin) => {
      const k = key(origin);
      const n = (this.open.get(k) ?? 1) - 1;
      if (n > 0) this.open.set(k, n);
      else this.open.delete(k);
    });
  }

  private async afterFirstConnection<T>(origin: string, send: () => Promise<T>): Promise<T> {
    if (this.open.has(origin)) return send();
    const pending = this.opening.get(origin);
    if (pending) {
      await pending.up;
      return send();
    }
    let release = () => undefined as void;
    const up = new Promise<void>((r) => (release = r));
    const done = () => {
      if (this.opening.get(origin)?.up === up) this.opening.delete(origin);
      release();
    };
    this.opening.set(origin, { up, done });
    try {
      return await send();
    } finally {
      done();
    }
  }

  /** Basic credentials: .netrc for https hosts first (as the go command), else URL userinfo. */
  private authorization(url: URL): string | undefined | { refused: string } {
    const hasUserinfo = url.username !== '' || url.password !== '';
    if (url.protocol === 'https:') {
      const entry = this.opts.netrc.find((n) => n.machine === url.hostname);
      if (entry) return basic(entry.login, entry.password);
    }
    if (!hasUserinfo) return undefined;
    if (url.protocol !== 'https:') return { refused: `refusing to pass credentials to insecure URL: ${redactUrl(url)}` };
    return basic(decodeURIComponent(url.username), decodeURIComponent(url.password));
  }

  private async fetchFollowingRedirects(start: URL, opts: FetchOptions): Promise<Fetched> {
    // One controller and one timer per request, both released when it ends:
    // AbortSignal.timeout keeps its timer (and everything it references) alive
    // for the whole timeout, which adds up over thousands of requests.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    const onCallerAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await this.fetchWithSignal(start, opts, controller.signal);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async fetchWithSignal(start: URL, opts: FetchOptions, signal: AbortSignal): Promise<Fetched> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const auth = this.authorization(url);
      if (typeof auth === 'object') return { kind: 'error', message: auth.refused };
      const target = new URL(url.href);
      target.username = '';
      target.password = '';
      let res: Dispatcher.ResponseData;
      try {
        res = await this.dispatcherFor(target).request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: 'GET',
          signal,
          headers: auth ? { authorization: auth } : {},
        });
      } catch (e) {
        return { kind: 'error', message: describeFailure(url, e, signal, opts.signal) };
      }
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        res.body.resume();
        const next = new URL(String(res.headers.location), url);
        if (url.protocol === 'https:' && next.protocol !== 'https:') {
          return { kind: 'error', message: `redirected from secure URL ${redactUrl(url)} to insecure URL ${redactUrl(next)}` };
        }
        url = next;
        continue;
      }
      const body = await this.readCapped(res, url, signal, opts);
      if (typeof body === 'string') return { kind: 'error', message: body };
      if (res.statusCode === 200) return { kind: 'ok', body };
      if (res.statusCode === 404 || res.statusCode === 410) {
        return { kind: 'not-found', status: res.statusCode, message: bodySnippet(body) || `${res.statusCode} from ${redactUrl(url)}` };
      }
      const why = bodySnippet(body);
      return { kind: 'error', message: `${redactUrl(url)}: ${res.statusCode} ${statusText(res.statusCode)}${why ? `: ${why}` : ''}` };
    }
    return { kind: 'error', message: `${redactUrl(start)}: stopped after ${MAX_REDIRECTS} redirects` };
  }

  private async readCapped(res: Dispatcher.ResponseData, url: URL, signal: AbortSignal, opts: FetchOptions): Promise<Buffer | string> {
    const limit = opts.maxBytes ?? this.opts.maxBytes;
    const declared = Number(res.headers['content-length'] ?? NaN);
    if (declared > limit) {
      res.body.destroy();
      return `${redactUrl(url)}: response of ${declared} bytes is larger than the ${limit} byte limit`;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        const n = (chunk as Buffer).length;
        if (size + n > limit) {
          res.body.destroy();
          return `${redactUrl(url)}: response larger than the ${limit} byte limit`;
        }
        if (!this.budget.take(n)) {
          res.body.destroy();
          return `${redactUrl(url)}: proxy responses being read at once exceed ${this.budget.total >> 20} MiB; try again when the other lookups have finished`;
        }
        size += n;
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      return `reading ${redactUrl(url)}: ${describeFailure(url, e, signal, opts.signal)}`;
    } finally {
      this.budget.give(size);
    }
    return Buffer.concat(chunks, size);
  }
}

function basic(user: string, pass: string): string {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

function describeFailure(url: URL, e: unknown, signal: AbortSignal, caller?: AbortSignal): string {
  if (caller?.aborted) return `${redactUrl(url)}: cancelled`;
  if (signal.aborted) return `${redactUrl(url)}: timed out`;
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code;
  const text = code ?? err.cause?.message ?? err.message ?? String(e);
  return `${redactUrl(url)}: ${text}`;
}

function statusText(code: number): string {
  const texts: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return texts[code] ?? '';
}
