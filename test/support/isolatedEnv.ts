// The environment every process under test runs in (the language server, and
// the editors that start it): nothing of the machine's own Go configuration,
// caches or network settings leaks in, module lookups are off unless a test
// gives a loopback proxy, and anything that still tries the network meets a
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
    GOPATH: path.join(home, 'gopath'),
    GOCACHE: path.join(home, 'gocache'),
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    ...env,
  };
}
