// The authorities the proxy client trusts are the go command's: on Linux the
// system bundle ($SSL_CERT_FILE, else the distribution's known file), so a
// TLS-inspecting company proxy whose authority is installed there is reached
// by both, while Node's bundled list alone would refuse it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { systemRoots } from '../../server/src/core/proxy/systemRoots';
import { hasOpenssl, makeTestCertificates } from '../support/testCertificates';

const PEM = (n: number) => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----\n`;

test('SSL_CERT_FILE first, else the first bundle that Go knows for the platform; macOS and Windows keep Node\'s list', () => {
  const files: Record<string, string> = { '/custom.pem': PEM(1) + PEM(2), '/etc/pki/tls/certs/ca-bundle.crt': PEM(3), '/etc/ssl/cert.pem': PEM(4) };
  const read = (f: string) => files[f];
  assert.deepEqual(systemRoots({ SSL_CERT_FILE: '/custom.pem' }, 'linux', read).pem?.match(/MII\d/g), ['MII1', 'MII2']);
  assert.deepEqual(systemRoots({}, 'linux', read).pem?.match(/MII\d/g), ['MII3'], 'the Fedora bundle comes before Alpine\'s');
  assert.deepEqual(systemRoots({}, 'freebsd', read).pem?.match(/MII\d/g), ['MII4']);
  assert.equal(systemRoots({ SSL_CERT_FILE: '/missing.pem' }, 'linux', read).pem, undefined, 'no certificates there: Node\'s own list');
  assert.equal(systemRoots({ SSL_CERT_FILE: '/custom.pem' }, 'darwin', read).pem, undefined);
  assert.equal(systemRoots({}, 'win32', read).pem, undefined);
});

test('a proxy whose certificate a company authority signed: reached with that authority in SSL_CERT_FILE, refused without', { skip: !hasOpenssl() && 'skipped: no openssl to make the certificates' }, async () => {
  const certs = makeTestCertificates('Inspecting Company CA');
  try {
    const server = createServer({ key: certs.key, cert: certs.cert }, (_req, res) => res.end('v1.0.0\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/example.com/m/@v/list`);
    try {
      const read = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
      const trusted = new HttpTransport({ concurrency: 2, timeoutMs: 5000, maxBytes: 1 << 20, netrc: [], ca: systemRoots({ SSL_CERT_FILE: certs.caFile }, 'linux', read).pem });
      const got = await trusted.get(url);
      assert.equal(got.kind, 'ok', JSON.stringify(got));
      const nodeOnly = new HttpTransport({ concurrency: 2, timeoutMs: 5000, maxBytes: 1 << 20, netrc: [] });
      const refused = await nodeOnly.get(url);
      assert.equal(refused.kind, 'error');
      assert.match(refused.kind === 'error' ? refused.message : '', /certificate|SELF_SIGNED|UNABLE_TO_VERIFY/i);
      await Promise.all([trusted.close(), nodeOnly.close()]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  } finally {
    certs.remove();
  }
});
