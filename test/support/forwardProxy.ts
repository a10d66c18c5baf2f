// A loopback HTTP forward proxy for tests of HTTP_PROXY/HTTPS_PROXY: it
// accepts absolute-form requests (what the go command sends for http URLs)
// and CONNECT tunnels (what undici sends), and maps every host it is asked
// for to one loopback address, so made-up host names never leave the machine.
import * as http from 'node:http';
import * as net from 'node:net';

export interface ForwardProxy {
  url: string;
  /** "GET http://host/path" or "CONNECT host:port", in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(target: { host: string; port: number }): Promise<ForwardProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const u = new URL(req.url ?? '/', 'http://invalid');
    const out = http.request({ host: target.host, port: target.port, method: req.method, path: u.pathname + u.search, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  server.on('connect', (req, client: net.Socket) => {
    seen.push(`CONNECT ${req.url}`);
    const up = net.connect(target.port, target.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(client);
      client.pipe(up);
    });
    for (const s of [up, client]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}
