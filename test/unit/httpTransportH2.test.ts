// The proxy client speaks HTTP/2 where a proxy offers it, with many requests
// at once on one connection, and plain HTTP/1.1 (one request at a time per
// connection, never pipelined) where it does not. Both servers answer only
// once every request of the burst has arrived, so a client that sent them one
// after another would time out instead of passing.
import assert from 'node:assert/strict';
import { createSecureServer, type ServerHttp2Session } from 'node:http2';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { test } from 'node:test';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { hasOpenssl, makeTestCertificates } from '../support/testCertificates';

const BURST = 40;
const noOpenssl = !hasOpenssl() && 'skipped: no openssl to make the certificates';

/** Holds every answer until `n` requests are waiting, then answers them all. */
function gathering(n: number): { arrive: (answer: () => void) => void; most: () => number } {
  let waiting: (() => void)[] = [];
  let most = 0;
  return {
    arrive(answer) {
      waiting.push(answer);
      most = Math.max(most, waiting.length);
      if (waiting.length >= n) {
        for (const a of waiting) a();
        waiting = [];
      }
    },
    most: () => most,
  };
}

async function burst(transport: HttpTransport, port: number): Promise<string[]> {
  const got = await Promise.all(Array.from({ length: BURST }, (_, i) => transport.get(new URL(`https://127.0.0.1:${port}/example.com/m${i}/@v/list`))));
  return got.map((g) => (g.kind === 'ok' ? g.body.toString() : `${g.kind}: ${'message' in g ? g.message : ''}`));
}

test('HTTP/2: a burst of requests shares one connection, all in flight at once', { skip: noOpenssl }, async () => {
  const certs = makeTestCertificates();
  const sessions = new Set<ServerHttp2Session>();
  const all = gathering(BURST);
  const server = createSecureServer({ key: certs.key, cert: certs.cert, settings: { maxConcurrentStreams: 250 } });
  server.on('session', (s) => sessions.add(s));
  server.on('stream', (stream, headers) => all.arrive(() => {
    stream.respond({ ':status': 200 });
    stream.end(`${headers[':path']}\n`);
  }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transport = new HttpTransport({ concurrency: 64, timeoutMs: 5000, maxBytes: 1 << 20, netrc: [], ca: certs.caPem });
  try {
    const bodies = await burst(transport, (server.address() as AddressInfo).port);
    assert.deepEqual(bodies, bodies.map((_, i) => `/example.com/m${i}/@v/list\n`));
    assert.equal(sessions.size, 1, 'one connection');
    assert.equal(all.most(), BURST, 'every request in flight at once');
  } finally {
    await transport.close();
    for (const s of sessions) s.destroy();
    await new Promise((r) => server.close(r));
    certs.remove();
  }
});

test('HTTP/1.1 only: the same burst goes out on connections of its own, one request at a time on each', { skip: noOpenssl }, async () => {
  const certs = makeTestCertificates();
  const outstanding = new Map<Socket, number>();
  let mostOnOneConnection = 0;
  const all = gathering(BURST);
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    const socket = req.socket;
    const n = (outstanding.get(socket) ?? 0) + 1;
    outstanding.set(socket, n);
    mostOnOneConnection = Math.max(mostOnOneConnection, n);
    all.arrive(() => {
      outstanding.set(socket, (outstanding.get(socket) ?? 1) - 1);
      res.end(`${req.url}\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transport = new HttpTransport({ concurrency: 64, timeoutMs: 5000, maxBytes: 1 << 20, netrc: [], ca: certs.caPem });
  try {
    const bodies = await burst(transport, (server.address() as AddressInfo).port);
    assert.deepEqual(bodies, bodies.map((_, i) => `/example.com/m${i}/@v/list\n`));
    assert.equal(mostOnOneConnection, 1, 'never pipelined');
    assert.equal(outstanding.size, BURST, 'a connection per request in flight');
  } finally {
    await transport.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    certs.remove();
  }
});
