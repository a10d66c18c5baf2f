// The engine's proxy client wired for tests: real HTTP (undici) or file://
// transports against a test proxy, with the go command's GOPROXY semantics.
import { readFile } from 'node:fs/promises';
import { ResponseCache } from '../../server/src/core/proxy/cache';
import { ProxyClient } from '../../server/src/core/proxy/client';
import { FileTransport } from '../../server/src/core/proxy/fileTransport';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { IN_FLIGHT_BYTES } from '../../server/src/core/proxy/limits';
import { parseProxyList } from '../../server/src/core/proxy/proxyList';

export interface EngineClientOptions {
  goproxy: string;
  isNoProxy?: (path: string) => boolean;
  gonoproxy?: string;
  timeoutMs?: number;
  /** One deadline for all of a requirement's requests (ProxyClient.withDeadline); none by default. */
  lookupDeadlineMs?: number;
  concurrency?: number;
  now?: () => number;
  proxyEnv?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  netrc?: { machine: string; login: string; password: string }[];
  /** Bytes all bodies being read at once may hold together (the engine's IN_FLIGHT_BYTES by default). */
  inFlightBytes?: number;
}

export function engineClient(opts: EngineClientOptions): { client: ProxyClient; http: HttpTransport; close: () => Promise<void>; logs: string[] } {
  const list = parseProxyList(opts.goproxy, opts.gonoproxy ?? '');
  if (!list.ok) throw new Error(list.error);
  const http = new HttpTransport({ concurrency: opts.concurrency ?? 32, timeoutMs: opts.timeoutMs ?? 5000, maxBytes: 16 << 20, inFlightBytes: opts.inFlightBytes ?? IN_FLIGHT_BYTES, netrc: opts.netrc ?? [], proxyEnv: opts.proxyEnv });
  const logs: string[] = [];
  const client = new ProxyClient({
    specs: list.specs,
    isNoProxy: opts.isNoProxy ?? (() => false),
    http,
    file: new FileTransport({ readFile: (p) => readFile(p) }, 16 << 20),
    cache: new ResponseCache(opts.now ?? Date.now),
    lookupDeadlineMs: opts.lookupDeadlineMs,
    log: (m) => logs.push(m),
  });
  return { client, http, close: () => http.close(), logs };
}
