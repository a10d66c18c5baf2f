// The proxy client's own HTTP/2 sessions, against a real HTTP/2 server on
// loopback: what undici did for us before must still hold there (deadlines,
// size caps, redirects, credentials), and a session the server ends or a
// stream it refuses must not fail the lookups that were not processed.
import assert from 'node:assert/strict';
import { constants, createSecureServer, type Http2SecureServer, type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../support/testCertificates';

const noOpenssl = !hasOpenssl() && 'skipped: no openssl to make the certificates';

interface H2Server {
  base: string;
  sessions: Set<ServerHttp2Session>;
  transport(opts?: { timeoutMs?: number; maxBytes?: number; netrc?: { machine: string; login: string; password: string }[] }): HttpTransport;
  close(): Promise<void>;
}

async function h2Server(answer: (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ServerHttp2Session) => void): Promise<H2Server> {
  const certs: TestCertificates = makeTestCertificates();
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2SecureServer = createSecureServer({ key: certs.key, cert: certs.cert });
  server.on('session', (s) => sessions.add(s));
  server.on('stream', (stream, headers) => answer(stream, headers, stream.session as ServerHttp2Session));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transports: HttpTransport[] = [];
  return {
    base: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sessions,
    transport: (o = {}) => {
      const t = new HttpTransport({ concurrency: 16, timeoutMs: o.timeoutMs ?? 5000, maxBytes: o.maxBytes ?? 1 << 20, netrc: o.netrc ?? [], ca: certs.caPem });
      transports.push(t);
      return t;
    },
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
      for (const s of sessions) s.destroy();
      await new Promise((r) => server.close(r));
      certs.remove();
    },
  };
}

const text = (f: Awaited<ReturnType<HttpTransport['get']>>) => (f.kind === 'ok' ? f.body.toString() : `${f.kind}: ${'message' in f ? f.message : ''}`);

test('HTTP/2: an answer that never comes times out, and the session serves the next request', { skip: noOpenssl }, async () => {
  const s = await h2Server((stream, h) => {
    if (h[':path'] === '/hang/@v/list') return; // never answered
    stream.respond({ ':status': 200 });
    stream.end('v1.0.0\n');
  });
  try {
    const t = s.transport({ timeoutMs: 300 });
    const started = Date.now();
    assert.match(text(await t.get(new URL(`${s.base}/hang/@v/list`))), /^error: .*timed out$/);
    assert.ok(Date.now() - started < 3000, 'within the timeout, not the test runner\'s');
    assert.equal(text(await t.get(new URL(`${s.base}/ok/@v/list`))), 'v1.0.0\n');
    assert.equal(s.sessions.size, 1, 'the same session');
  } finally {
    await s.close();
  }
});

test('HTTP/2: a body over the cap is refused, declared or streamed', { skip: noOpenssl }, async () => {
  const s = await h2Server((stream, h) => {
    const big = 'x'.repeat(5000);
    stream.respond(h[':path'] === '/declared' ? { ':status': 200, 'content-length': String(big.length) } : { ':status': 200 });
    stream.end(big);
  });
  try {
    const t = s.transport({ maxBytes: 1000 });
    assert.match(text(await t.get(new URL(`${s.base}/declared`))), /response of 5000 bytes is larger than the 1000 byte limit/);
    assert.match(text(await t.get(new URL(`${s.base}/streamed`))), /response larger than the 1000 byte limit/);
  } finally {
    await s.close();
  }
});

test('HTTP/2: redirects are followed, 404 is "not found" (with a body or none), and .netrc credentials are sent', { skip: noOpenssl }, async () => {
  const seen: (string | undefined)[] = [];
  const s = await h2Server((stream, h) => {
    seen.push(h.authorization);
    if (h[':path'] === '/old/@v/list') {
      stream.respond({ ':status': 302, location: '/new/@v/list' });
      stream.end();
    } else if (h[':path'] === '/new/@v/list') {
      stream.respond({ ':status': 200 });
      stream.end('v1.2.0\n');
    } else if (h[':path'] === '/empty/@v/list') {
      // No body at all: the headers end the stream (the answer has ended before anyone reads it).
      stream.respond({ ':status': 404, 'content-length': '0' }, { endStream: true });
    } else {
      stream.respond({ ':status': 404 });
      stream.end('not found: no such module');
    }
  });
  try {
    const t = s.transport({ netrc: [{ machine: '127.0.0.1', login: 'alice', password: 's3cret' }] });
    assert.equal(text(await t.get(new URL(`${s.base}/old/@v/list`))), 'v1.2.0\n');
    assert.equal(text(await t.get(new URL(`${s.base}/gone/@v/list`))), 'not-found: not found: no such module');
    assert.match(text(await t.get(new URL(`${s.base}/empty/@v/list`))), /^not-found: 404 from /);
    const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    assert.deepEqual(seen, [basic, basic, basic, basic]);
  } finally {
    await s.close();
  }
});

test('HTTP/2: a refused stream is asked again once; after the server ends its session, a new one is opened', { skip: noOpenssl }, async () => {
  let refusals = 1;
  const s = await h2Server((stream, h, session) => {
    if (h[':path'] === '/refused/@v/list' && refusals-- > 0) {
      stream.on('error', () => undefined); // the server's side reports the reset it sent
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    stream.respond({ ':status': 200 });
    stream.end(`${h[':path']}\n`);
    if (h[':path'] === '/last/@v/list') stream.on('close', () => session.goaway(constants.NGHTTP2_NO_ERROR));
  });
  try {
    const t = s.transport();
    assert.equal(text(await t.get(new URL(`${s.base}/refused/@v/list`))), '/refused/@v/list\n');
    assert.equal(text(await t.get(new URL(`${s.base}/last/@v/list`))), '/last/@v/list\n');
    // The GOAWAY reaches the client a moment after the answer.
    for (let i = 0; i < 100 && s.sessions.size < 2; i++) {
      const r = await t.get(new URL(`${s.base}/after/@v/list`));
      assert.equal(text(r), '/after/@v/list\n');
      if (s.sessions.size < 2) await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(s.sessions.size, 2, 'a second session after the first went away');
  } finally {
    await s.close();
  }
});
