// The environment every process under test runs in (the language server, and
// the editors that start it): nothing of the machine's own Go configuration,
// caches or network settings leaks in, module lookups are off unless a test
// gives a loopback proxy, the vulnerability check is off unless a test gives a
// database (GOVULNDB), and anything that still tries the network meets a
// dead proxy (port 9, discard) instead of a public host.
import * as path from 'node:path';

export function isolatedEnv(home: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    GOENV: 'off',
    GOPROXY: 'off',
    GOFLAGS: '',
    GOTOOLCHAIN: 'local',
    GOSUMDB: 'off',
    GOVCS: '*:off',
    GOVULNDB: 'off',
    GOPATH: path.join(home, 'gopath'),
    GOCACHE: path.join(home, 'gocache'),
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    ...env,
  };
}

/** Variables of the machine that would change what Go or the proxy client does. */
const STEERING = /^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|(https?|no|all|ftp)_proxy|NETRC)$/i;

/**
 * For an environment merged over this process's own (an editor started with
 * extra variables, rather than given a whole environment): every variable that
 * could steer Go or the network, plus those matching `also`, set to undefined
 * so that the merge removes them before isolatedEnv's values are added.
 */
export function machineVariablesRemoved(also?: RegExp): Record<string, undefined> {
  const steers = (k: string) => STEERING.test(k) || (also?.test(k) ?? false);
  return Object.fromEntries(Object.keys(process.env).filter(steers).map((k) => [k, undefined]));
}
