// The certificate authorities the go command trusts, for the proxies we ask
// on its behalf. Node trusts its own bundled list; Go on Linux and the BSDs
// trusts the system's (crypto/x509 root_unix.go): $SSL_CERT_FILE, else the
// first bundle of the distribution's known places. A company that inspects
// TLS adds its authority there, and the go command reaches the proxy while
// Node would refuse it (SELF_SIGNED_CERT_IN_CHAIN). On macOS and Windows Go
// asks the platform's verifier, which Node cannot; there Node's list stays,
// with NODE_EXTRA_CA_CERTS as Node's own way to add to it.

/** Go's certFiles for Linux, in its order (crypto/x509/root_linux.go). */
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Gentoo
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // OpenSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7
  '/etc/ssl/cert.pem', // Alpine
];

/** The BSDs' (root_bsd.go). */
const BSD_BUNDLES = ['/usr/local/etc/ssl/cert.pem', '/etc/ssl/cert.pem', '/usr/local/share/certs/ca-root-nss.crt', '/etc/openssl/certs/ca-certificates.crt'];

export interface SystemRoots {
  /** PEM text of the trusted authorities, for tls `ca`; undefined keeps Node's own list. */
  pem?: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function systemRoots(env: Record<string, string | undefined>, platform: string, readFile: (path: string) => string | undefined): SystemRoots {
  // Go uses the platform's verifier there.
  if (platform === 'darwin' || platform === 'win32') return {};
  const candidates = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : platform === 'linux' ? LINUX_BUNDLES : BSD_BUNDLES;
  for (const file of candidates) {
    const text = readFile(file);
    const certs = text?.match(PEM_CERT);
    if (certs && certs.length > 0) return { pem: certs.join('\n') };
  }
  return {};
}
