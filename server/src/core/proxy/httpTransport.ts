// HTTP(S) proxy access: HTTP/2 sessions of our own where the origin offers it
// (h2Sessions.ts), undici elsewhere (pooled keep-alive connections, and
// HTTP_PROXY/HTTPS_PROXY/NO_PROXY); a concurrency limit, a deadline and a size
// cap per request, redirects followed like the go command (never from https to
// http), and credentials only where the go command would send them.
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { ByteBudget } from './byteBudget';
import { H2Sessions } from './h2Sessions';
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
/** How long an idle connection is kept for the next request. */
const KEEP_ALIVE_MS = 30_000;

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

/** undici's bundle (dist/undici.js); its absence is a broken installation, said in one line. */
function loadUndici(): typeof import('./undiciParts') {
  try {
    return require('./undiciParts') as typeof import('./undiciParts');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error('undici.js, a file of go-mod-hygiene, is missing next to cli.js: build or install it again');
  }
}

/** What the body reader needs of an answer, from undici or from an HTTP/2 stream. */
interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: AsyncIterable<unknown> & { resume(): unknown; destroy(): unknown };
}

export class HttpTransport implements Transport {
  private readonly slots: Semaphore;
  /** Body bytes held by reads in progress. */
  readonly budget: ByteBudget;
  /** HTTP/2 for the origins that offer it, unless a test supplies its dispatcher. */
  private readonly h2: H2Sessions | undefined;
  /** Whether HTTP(S)_PROXY applies: then every request but loopback's goes through undici's proxy agent. */
  private readonly proxied: boolean;
  private readonly tls: { secureContext?: SecureContext };
  // undici, for HTTP/1.1 origins and proxies, made on first use: a proxy that
  // speaks HTTP/2 never loads it.
  private directAgent: Dispatcher | undefined;
  private proxyAgent: Dispatcher | undefined;

  constructor(private readonly opts: HttpTransportOptions) {
    this.tls = opts.ca ? { secureContext: secureContextFor(opts.ca) } : {};
    this.proxied = !opts.dispatcher && !!(opts.proxyEnv?.httpProxy || opts.proxyEnv?.httpsProxy);
    this.h2 = opts.dispatcher ? undefined : new H2Sessions({ ...this.tls, connectTimeoutMs: this.connectTimeoutMs, idleMs: KEEP_ALIVE_MS });
    this.slots = new Semaphore(opts.concurrency);
    this.budget = new ByteBudget(opts.inFlightBytes ?? Number.MAX_SAFE_INTEGER);
  }

  async close(): Promise<void> {
    this.h2?.close();
    await Promise.all([this.directAgent?.close(), this.proxyAgent?.close()]);
  }

  get(url: URL, opts: FetchOptions = {}): Promise<Fetched> {
    return this.slots.run(() => this.fetchFollowingRedirects(url, opts));
  }

  private get connectTimeoutMs(): number {
    return Math.min(this.opts.timeoutMs, 10_000);
  }

  private throughProxy(url: URL): boolean {
    return this.proxied && !isLoopback(url.hostname);
  }

  private undici(url: URL): Dispatcher {
    if (this.opts.dispatcher) return this.opts.dispatcher;
    if (!this.throughProxy(url)) return (this.directAgent ??= new (loadUndici().Agent)(this.pool()));
    const p = this.opts.proxyEnv ?? {};
    // The same authorities for the proxy itself and for the module proxy behind the tunnel.
    return (this.proxyAgent ??= new (loadUndici().EnvHttpProxyAgent)({ ...this.pool(), httpProxy: p.httpProxy, httpsProxy: p.httpsProxy, noProxy: p.noProxy, requestTls: this.tls, proxyTls: this.tls }));
  }

  private pool() {
    return { connections: this.opts.concurrency, keepAliveTimeout: KEEP_ALIVE_MS, connectTimeout: this.connectTimeoutMs, connect: this.tls };
  }

  /** One GET: on the origin's HTTP/2 session when it has one, else through undici. */
  private async send(target: URL, auth: string | undefined, signal: AbortSignal): Promise<Answer> {
    const headers: Record<string, string> = auth ? { authorization: auth } : {};
    const answer = this.h2 && !this.throughProxy(target) ? await this.h2.request(target, headers, signal) : undefined;
    return answer ?? this.undici(target).request({ origin: target.origin, path: `${target.pathname}${target.search}`, method: 'GET', signal, headers });
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
      let res: Answer;
      try {
        res = await this.send(target, auth, signal);
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

  private async readCapped(res: Answer, url: URL, signal: AbortSignal, opts: FetchOptions): Promise<Buffer | string> {
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
