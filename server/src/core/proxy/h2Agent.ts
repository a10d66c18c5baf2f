// A pooled dispatcher that speaks HTTP/2 where the server offers it (ALPN) and
// then sends many requests at once on one connection. undici's clients run one
// request at a time unless told otherwise ("pipelining" 1), HTTP/2 included;
// raising that for every connection would also pipeline HTTP/1.1, where one slow
// answer holds up the others behind it. So the limit is raised per connection,
// once its protocol is known. Measured on proxy.golang.org from a 2-core machine:
// 191 version lists took 0.24 s on one HTTP/2 connection, 1.2 s on eight
// HTTP/1.1 connections, and opening 64 connections at once made a TLS-inspecting
// network hold some of them back for 5 to 10 s.
import type { Dispatcher } from 'undici';
import { Agent, Client, Pool } from './undiciParts';

/** Requests one HTTP/2 connection carries at once: the highest concurrency setting, so that one connection carries every request in flight (beyond what the server allows at once, Node holds them until a stream frees). */
export const H2_STREAMS = 256;

type ConnectFn = (params: object, callback: (err: Error | null, socket: { alpnProtocol?: string | false } | null) => void) => void;

function h2AwareClient(origin: string | URL, opts: object): Dispatcher {
  const connect = (opts as { connect: ConnectFn }).connect;
  const client: InstanceType<typeof Client> = new Client(origin, {
    ...opts,
    connect: ((params: object, callback: Parameters<ConnectFn>[1]) => connect(params, (err, socket) => {
      if (!err && socket?.alpnProtocol === 'h2') client.pipelining = H2_STREAMS;
      callback(err, socket);
    })) as never,
  });
  return client;
}

export interface H2AgentOptions {
  connections: number;
  keepAliveTimeout: number;
  connectTimeout: number;
  connect: object;
}

export function h2Agent(o: H2AgentOptions): InstanceType<typeof Agent> {
  return new Agent({
    ...o,
    allowH2: true,
    factory: (origin, opts) => new Pool(origin, { ...opts, factory: h2AwareClient }),
  });
}
