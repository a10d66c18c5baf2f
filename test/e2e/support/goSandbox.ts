// A Go world that never leaves the machine, for a workbench and everything it
// starts (extension host, language server, go command): its own HOME, module
// cache and go env file, the loopback test proxy as GOPROXY, no checksum
// database, no version control, no toolchain downloads, and a dead HTTP proxy
// for anything that still tries the network. Its go command records each run,
// so tests can tell whether the extension ran it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isolatedEnv, machineVariablesRemoved } from '../../support/isolatedEnv';

export interface GoSandbox {
  env: NodeJS.ProcessEnv;
  /**
   * The go command to name in goModHygiene.goBinary. PATH cannot name it: VS
   * Code gives the extension host the PATH of the user's login shell.
   */
  goBinary: string;
  /** The argument lists of every go command run so far. */
  goRuns(): string[];
}

export function goSandbox(dir: string, goBinary: string, proxyUrl: string): GoSandbox {
  const home = path.join(dir, 'home');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'go-runs.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  // A wrapper rather than a symlink: the real binary must run from its own path to find its GOROOT.
  writeFileSync(path.join(bin, 'go'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${goBinary}' "$@"\n`, { mode: 0o755 });
  const configHome = path.join(home, 'config');
  // Go 1.23 keeps local telemetry counters unless told otherwise; nothing is ever uploaded in this mode.
  mkdirSync(path.join(configHome, 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(configHome, 'go', 'telemetry', 'mode'), 'off');

  const env: NodeJS.ProcessEnv = machineVariablesRemoved(/^XDG_/i);
  Object.assign(env, isolatedEnv(home, {
    PATH: [bin, path.dirname(goBinary), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter),
    GOPROXY: proxyUrl,
    GOENV: path.join(configHome, 'go', 'env'),
    GOMODCACHE: path.join(home, 'gomodcache'),
    // The module cache is deleted afterwards, and Go makes it read-only otherwise.
    GOFLAGS: '-modcacherw',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOINSECURE: '',
    GOWORK: 'off',
    XDG_CONFIG_HOME: configHome,
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    no_proxy: '127.0.0.1,localhost',
  }));
  return { env, goBinary: path.join(bin, 'go'), goRuns: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}
