// The go env file that `go env -w` writes (cmd/go/internal/cfg/cfg.go: EnvFile,
// readEnvFile). Its location comes from $GOENV alone, never from the file itself.
import { type Env, getenv, joinPath, userConfigDir } from './hostPaths';

export type EnvFileLocation =
  | { path: string; changed: boolean }
  /** GOENV=off, or no user config directory; `reason` says which. */
  | { path: ''; reason: string };

/** cfg.EnvFile: $GOENV if non-empty ("off" disables the file), else <os.UserConfigDir()>/go/env. */
export function envFileLocation(env: Env, platform: NodeJS.Platform): EnvFileLocation {
  const file = getenv(env, 'GOENV', platform);
  if (file === 'off') return { path: '', reason: 'GOENV=off' };
  if (file !== '') return { path: file, changed: true };
  const dir = userConfigDir(env, platform);
  if ('error' in dir) return { path: '', reason: dir.error };
  return { path: joinPath(platform, dir.dir, 'go/env'), changed: false };
}

/**
 * cfg.readEnvFile: `KEY=VALUE` lines split at '\n' only (a '\r' stays in the
 * value), no quoting, no trimming. Lines without '=' or not starting with an
 * upper-case ASCII letter are ignored, which skips comments. A later line wins.
 * A key present with an empty value is kept: it hides the GOROOT/go.env default.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0 || line[0] < 'A' || line[0] > 'Z') continue;
    values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return values;
}

/**
 * The defaults a Go distribution ships in $GOROOT/go.env (Go 1.21 and later).
 * They apply only to keys the user's file does not mention at all.
 */
export const GOROOT_GO_ENV: ReadonlyMap<string, string> = new Map([
  ['GOPROXY', 'https://proxy.golang.org,direct'],
  ['GOSUMDB', 'sum.golang.org'],
  ['GOTOOLCHAIN', 'auto'],
]);
