// A GOPROXY over loopback HTTP that serves a static proxy tree (moduleFixtures.ts)
// and can misbehave on demand: status codes, hangs, slow and cut-off bodies,
// garbage, redirects and resets, so that the proxy client meets real sockets
// rather than mocks. The protocol is go.dev/ref/mod#goproxy-protocol.
import { IncomingHttpHeaders, IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import * as path from 'node:path';
import { cancellableSleeps, startLoopbackServer } from './loopbackServer';
import { unescapeModulePath } from './moduleFixtures';

export type Fault =
  | { status: number; body?: string }
  /** Never answers; close() still ends the connection. */
  | { hang: true }
  /** Sends the real response at this rate (headers at once, body in ~100 ms slices). */
  | { slowBodyBytesPerSec: number }
  /** Declares the full Content-Length, sends this many bytes of the body, then destroys the socket. */
  | { truncateAt: number }
  /** 200 with JSON that does not parse. */
  | { malformedJson: true }
  /** 200 with n generated version lines (v1.0.0, v1.0.1, ...), streamed. */
  | { hugeListLines: number }
  /** 200 with a chunked body that never ends (version lines, so a list stays valid), until the client goes away. */
  | { endless: true }
  /** 302 to this URL. */
  | { redirectTo: string }
  /** Destroys the socket (TCP reset) as soon as the request arrives. */
  | { reset: true };

export interface ProxyRequest {
  method: string;
  /** The decoded URL path, as the client asked for it (escaped module paths stay escaped). */
  path: string;
  /** The request target byte for byte (req.url): what a proxy matching raw paths sees. */
  rawPath: string;
  /** Every request header, as received: for tests that prove what a client never sends. */
  headers: IncomingHttpHeaders;
  time: number;
}

export interface ProxyServer {
  url: string;
  requests: ProxyRequest[];
  /** A string matches paths that contain it; later faults win over earlier ones. undefined removes it. */
  setFault(matcher: string | RegExp, fault: Fault | undefined): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export interface ProxyServerOptions {
  root: string;
  latencyMs?: number;
  /** Answers 401 to requests without these basic-auth credentials. */
  requireAuth?: { user: string; pass: string };
}

const contentTypes: Record<string, string> = { '.info': 'application/json', '.zip': 'application/zip', '@latest': 'application/json' };

export async function startProxyServer(opts: ProxyServerOptions): Promise<ProxyServer> {
  const root = path.resolve(opts.root);
  const faults: { matcher: string | RegExp; fault: Fault }[] = [];
  const requests: ProxyRequest[] = [];
  const sleeps = cancellableSleeps();
  const sleep = sleeps.sleep;
  let latencyMs = opts.latencyMs ?? 0;
  let closed = false;


  const findFault = (p: string) => {
    for (let i = faults.length - 1; i >= 0; i--) {
      const m = faults[i].matcher;
      if (typeof m === 'string' ? p.includes(m) : m.test(p)) return faults[i].fault;
    }
    return undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    let p: string;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      p = url.pathname;
    }
    requests.push({ method: req.method ?? '', path: p, rawPath: req.url ?? '', headers: req.headers, time: Date.now() });
    if (latencyMs > 0) await sleep(latencyMs);
    if (closed) return;
    if (opts.requireAuth && !authorized(req, opts.requireAuth)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="proxy"', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('unauthorized\n');
      return;
    }
    const fault = findFault(p);
    if (fault && 'reset' in fault) return resetSocket(req.socket);
    if (fault && 'hang' in fault) return;
    if (fault && 'status' in fault) return sendText(res, fault.status, fault.body ?? `${STATUS_CODES[fault.status] ?? 'error'}\n`);
    if (fault && 'redirectTo' in fault) {
      res.writeHead(302, { Location: fault.redirectTo });
      res.end();
      return;
    }
    if (fault && 'malformedJson' in fault) return sendText(res, 200, '{"Version":"v1.0.0","Time":', 'application/json');
    if (fault && 'hugeListLines' in fault) return streamList(res, fault.hugeListLines);
    if (fault && 'endless' in fault) return streamList(res, Infinity);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed\n');

    const file = path.join(root, p);
    const body = file.startsWith(root + path.sep) ? await readRegularFile(file) : undefined;
    if (body === undefined) return sendText(res, 404, notFoundMessage(p));
    const type = contentTypes[path.extname(p)] ?? contentTypes[path.basename(p)] ?? 'text/plain; charset=utf-8';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    if (req.method === 'HEAD') return void res.end();
    if (fault && 'truncateAt' in fault) {
      res.write(body.subarray(0, Math.min(fault.truncateAt, body.length)), () => res.socket?.destroy());
      return;
    }
    if (fault && 'slowBodyBytesPerSec' in fault) {
      const slice = Math.max(1, Math.ceil(fault.slowBodyBytesPerSec / 10));
      for (let off = 0; off < body.length && !closed; off += slice) {
        if (off > 0) await sleep((slice / fault.slowBodyBytesPerSec) * 1000);
        res.write(body.subarray(off, off + slice));
      }
    }
    res.end(fault && 'slowBodyBytesPerSec' in fault ? undefined : body);
  }

  const server = await startLoopbackServer('proxy test server', handle);

  return {
    url: server.url,
    requests,
    setFault(matcher, fault) {
      const i = faults.findIndex((f) => String(f.matcher) === String(matcher) && typeof f.matcher === typeof matcher);
      if (i >= 0) faults.splice(i, 1);
      if (fault) faults.push({ matcher, fault });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close() {
      closed = true;
      sleeps.cancelAll();
      // Hung and slow responses keep their sockets open: close() ends them first.
      return server.close();
    },
  };
}

function authorized(req: IncomingMessage, want: { user: string; pass: string }): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m !== null && Buffer.from(m[1], 'base64').toString('utf8') === `${want.user}:${want.pass}`;
}

function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function resetSocket(s: Socket): void {
  // resetAndDestroy sends RST (Node 18.3+); plain destroy would be an orderly FIN.
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

async function readRegularFile(file: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** The 404 text in the shape proxy.golang.org uses, which clients show to users. */
export function notFoundMessage(requestPath: string): string {
  const m = /^\/(.+?)\/(?:@v\/(.+?)(?:\.(info|mod|zip))?|@latest)$/.exec(requestPath);
  if (!m) return 'not found\n';
  const modPath = unescapeModulePath(m[1]);
  if (m[2] === undefined || m[2] === 'list' || !m[3]) return `not found: module ${modPath}: no matching versions\n`;
  const version = unescapeModulePath(m[2]);
  return `not found: ${modPath}@${version}: invalid version: unknown revision ${version}\n`;
}

/** A list body too big to hold comfortably, written with backpressure. */
async function streamList(res: ServerResponse, lines: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  const chunkLines = 4096;
  for (let i = 0; i < lines; i += chunkLines) {
    if (res.destroyed || res.socket?.destroyed !== false) return;
    let chunk = '';
    for (let k = i; k < Math.min(lines, i + chunkLines); k++) chunk += `v1.${Math.floor(k / 1000)}.${k % 1000}\n`;
    if (!res.write(chunk)) await drainOrClose(res);
  }
  res.end();
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
