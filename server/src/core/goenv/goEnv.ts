// The effective Go configuration for module lookups, computed the way the go
// command computes it (cmd/go/internal/cfg/cfg.go, Go 1.23; GOAUTH from Go 1.24):
// for each key, a non-empty environment variable wins, then the go env file
// ($GOENV, written by `go env -w`), then $GOROOT/go.env, then the built-in default.
// An empty environment variable counts as unset (cfg.Getenv), so it cannot
// clear a value from the file; overrides follow the same rule, which keeps them
// equivalent to setting the variable for the go command.
import { goQuote } from '../text/goText';
import { envFileLocation, GOROOT_GO_ENV, parseEnvFile } from './envFile';
import { parseGoFlags } from './goFlags';
import { knowsSetting } from './goVersion';
import { type Env, getenv, homeVariable, isAbsPath, joinPath, splitList } from './hostPaths';

export { parseGoFlags, type GoFlags } from './goFlags';

export interface GoEnv {
  GOPROXY: string;
  GOPRIVATE: string;
  GONOPROXY: string;
  GONOSUMDB: string;
  GOINSECURE: string;
  GOFLAGS: string;
  GOMODCACHE: string;
  /** The go env file in use, or "" when there is none (GOENV=off, no config dir). */
  GOENV: string;
  GOAUTH: string;
  GOTOOLCHAIN: string;
  GOPATH: string;
  GOSUMDB: string;
  /** Which version control systems may fetch which modules; empty means the default, public:git|hg,private:all. */
  GOVCS: string;
}

export const GO_ENV_NAMES: readonly (keyof GoEnv)[] = [
  'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE', 'GOFLAGS',
  'GOMODCACHE', 'GOENV', 'GOAUTH', 'GOTOOLCHAIN', 'GOPATH', 'GOSUMDB', 'GOVCS',
];

/**
 * Where a value came from. 'go env' marks a value the go command reported that
 * none of the other sources explains, such as a distribution's $GOROOT/go.env.
 */
export type GoEnvSource = 'override' | 'go env' | 'environment' | 'go env file' | 'default';

export interface ResolvedGoEnv {
  values: GoEnv;
  source: Record<keyof GoEnv, GoEnvSource>;
  warnings: string[];
  /** The go command's own version (`go env GOVERSION`, "go1.23.5"), when it was asked. */
  goVersion?: string;
}

export interface GoEnvDeps {
  /** The environment the go command runs with (for the extension: the server's process.env). */
  env: Env;
  readFile: (path: string) => string | undefined;
  /** Only for messages: Go itself reads $HOME (%USERPROFILE%), never the password database. */
  homeDir?: string;
  platform: NodeJS.Platform;
  /**
   * When given, `go env -json` is asked first; it must run with `env` as its base
   * environment. The go command's runner (gocmd/) satisfies it: goenv sits below
   * gocmd, so it names only the one call it makes.
   */
  runGo?: GoEnvRunner;
  cwd: string;
  timeoutMs?: number;
}

/** What resolveGoEnv needs to ask `go env -json`. */
export interface GoEnvRunner {
  run(args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<
    { ok: true; stdout: string; stderr: string } | { ok: false; cause: string; stderr: string }
  >;
}

type Layer = { value: string; source: GoEnvSource };

/** The effective configuration: from `go env -json` when a runner is given and works, else computed. */
export async function resolveGoEnv(deps: GoEnvDeps, overrides: Partial<GoEnv> = {}): Promise<ResolvedGoEnv> {
  const own = computeGoEnv(deps, overrides);
  if (!deps.runGo) return own;
  const extra: Record<string, string> = {};
  for (const name of GO_ENV_NAMES) {
    const v = overrides[name];
    if (v !== undefined && v !== '') extra[name] = v;
  }
  const r = await deps.runGo.run(['env', '-json', ...GO_ENV_NAMES, 'GOVERSION'], { cwd: deps.cwd, env: extra, timeoutMs: deps.timeoutMs ?? 15_000 });
  if (!r.ok) {
    const detail = firstLine(r.stderr) || r.cause;
    return { ...own, warnings: [...own.warnings, `could not run \`go env\` (${detail}); the settings were computed without it`] };
  }
  let reported: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(r.stdout);
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    reported = parsed as Record<string, unknown>;
  } catch {
    return { ...own, warnings: [...own.warnings, '`go env -json` printed something unexpected; the settings were computed without it'] };
  }
  return mergeReported(own, reported, { ...deps.env, ...extra }, deps.platform);
}

function mergeReported(own: ResolvedGoEnv, reported: Record<string, unknown>, env: Env, platform: NodeJS.Platform): ResolvedGoEnv {
  const values = { ...own.values };
  const source = { ...own.source };
  const warnings = [...own.warnings];
  const goVersion = typeof reported.GOVERSION === 'string' && reported.GOVERSION !== '' ? reported.GOVERSION : undefined;
  for (const name of GO_ENV_NAMES) {
    const v = reported[name];
    if (typeof v !== 'string') continue;
    // The runner sets GOTOOLCHAIN=local when it is unset; report the user's own setting.
    if (name === 'GOTOOLCHAIN' && getenv(env, name, platform) === '') continue;
    // Go before 1.24 does not know GOAUTH and reports "".
    if (name === 'GOAUTH' && v === '') continue;
    if (v === own.values[name]) continue;
    // A name this go command does not know is reported as "" (Go 1.23 and GOAUTH): keep the computed value.
    if (v === '' && !knowsSetting(goVersion, name)) continue;
    if (own.source[name] !== 'default') {
      warnings.push(`the go command reports ${name}=${v}, not ${own.values[name]} as read from the ${own.source[name]}`);
    }
    values[name] = v;
    source[name] = 'go env';
  }
  return { values, source, warnings, ...(goVersion ? { goVersion } : {}) };
}

/** The configuration computed without the go command, exactly as cmd/go/internal/cfg does. */
export function computeGoEnv(deps: Omit<GoEnvDeps, 'runGo'>, overrides: Partial<GoEnv> = {}): ResolvedGoEnv {
  const { platform } = deps;
  const warnings: string[] = [];
  const fromEnv = (key: string) => getenv(deps.env, key, platform);
  const override = (key: string) => overrides[key as keyof GoEnv] ?? '';
  // What the go command's own process environment would hold.
  const osLayer = (key: string): Layer | undefined => {
    if (override(key) !== '') return { value: override(key), source: 'override' };
    if (fromEnv(key) !== '') return { value: fromEnv(key), source: 'environment' };
    return undefined;
  };
  const merged: Env = { ...deps.env };
  for (const [k, v] of Object.entries(overrides)) if (v) merged[k] = v;

  const goenvOs = osLayer('GOENV');
  const loc = envFileLocation(merged, platform);
  const file = loc.path === '' ? new Map<string, string>() : parseEnvFile(deps.readFile(loc.path) ?? '');

  // cfg.Getenv: the environment, then the user's file, then $GOROOT/go.env.
  const getenvLayer = (key: string): Layer => {
    const fromOs = osLayer(key);
    if (fromOs) return fromOs;
    const f = file.get(key);
    if (f !== undefined) return { value: f, source: 'go env file' };
    return { value: GOROOT_GO_ENV.get(key) ?? '', source: 'default' };
  };
  // cfg.EnvOrAndChanged: an empty result falls back to `def`.
  const envOr = (key: string, def: string): Layer => {
    const l = getenvLayer(key);
    return l.value !== '' ? l : { value: def, source: 'default' };
  };

  const l: Record<keyof GoEnv, Layer> = {} as Record<keyof GoEnv, Layer>;
  l.GOENV = { value: loc.path, source: goenvOs?.source ?? 'default' };
  l.GOPROXY = getenvLayer('GOPROXY');
  l.GOSUMDB = getenvLayer('GOSUMDB');
  l.GOTOOLCHAIN = getenvLayer('GOTOOLCHAIN');
  l.GOPRIVATE = getenvLayer('GOPRIVATE');
  l.GONOPROXY = envOr('GONOPROXY', l.GOPRIVATE.value);
  l.GONOSUMDB = envOr('GONOSUMDB', l.GOPRIVATE.value);
  l.GOINSECURE = getenvLayer('GOINSECURE');
  l.GOVCS = getenvLayer('GOVCS');
  l.GOFLAGS = getenvLayer('GOFLAGS');
  l.GOAUTH = envOr('GOAUTH', 'netrc');
  l.GOPATH = envOr('GOPATH', defaultGopath(merged, platform));
  const first = splitList(l.GOPATH.value, platform)[0] ?? '';
  l.GOMODCACHE = envOr('GOMODCACHE', first === '' ? '' : joinPath(platform, first, 'pkg/mod'));

  const fatal = checkGopath(l, platform, warnings);
  if (!fatal && l.GOMODCACHE.value !== '' && !isAbsPath(l.GOMODCACHE.value, platform)) {
    warnings.push(`GOMODCACHE entry is relative; must be absolute path: ${goQuote(l.GOMODCACHE.value)} (module downloads fail)`);
  }
  // An empty line in the user's file hides $GOROOT/go.env (cfg.readEnvFile), leaving no value at all.
  if (l.GOPROXY.value === '' && l.GOPROXY.source === 'go env file') {
    warnings.push(`GOPROXY is empty in ${loc.path}, which hides the default ${GOROOT_GO_ENV.get('GOPROXY')}: every module lookup fails with "GOPROXY list is not the empty string, but contains no entries"`);
  }
  if (l.GOSUMDB.value === '' && l.GOSUMDB.source === 'go env file') {
    warnings.push(`GOSUMDB is empty in ${loc.path}, which hides the default ${GOROOT_GO_ENV.get('GOSUMDB')}: checksum verification fails with "missing GOSUMDB"`);
  }
  if (l.GOMODCACHE.value === '') {
    // modfetch: "module cache not found: neither GOMODCACHE nor GOPATH is set".
    const home = homeVariable(platform);
    const why = l.GOPATH.value !== '' ? 'the first GOPATH entry is empty' : `GOPATH is not set and there is no $${home}`;
    const hint = l.GOPATH.value === '' && deps.homeDir ? ` (with $${home} set it would be ${joinPath(platform, deps.homeDir, 'go', 'pkg', 'mod')})` : '';
    warnings.push(`GOMODCACHE is empty because ${why}, so the go command has no module cache${hint}`);
  }
  const flags = parseGoFlags(l.GOFLAGS.value);
  if (flags.error) warnings.push(`GOFLAGS (${l.GOFLAGS.source}): ${flags.error}; go commands other than \`go env\` will fail`);

  const values = {} as GoEnv;
  const source = {} as Record<keyof GoEnv, GoEnvSource>;
  for (const name of GO_ENV_NAMES) {
    values[name] = l[name].value;
    source[name] = l[name].source;
  }
  return { values, source, warnings };
}

/**
 * The checks cmd/go/main.go makes before running any command (even `go env`):
 * a "~" entry or an explicitly set relative entry is fatal; a relative GOPATH
 * inferred from a relative $HOME is dropped, after GOMODCACHE was derived from it.
 * Reports whether the go command would refuse to run.
 */
function checkGopath(l: Record<keyof GoEnv, Layer>, platform: NodeJS.Platform, warnings: string[]): boolean {
  for (const p of splitList(l.GOPATH.value, platform)) {
    if (p === '') continue;
    if (p.startsWith('~')) {
      warnings.push(`GOPATH entry cannot start with shell metacharacter '~': ${goQuote(p)} (every go command fails)`);
      return true;
    }
    if (isAbsPath(p, platform)) continue;
    if (l.GOPATH.source === 'default') {
      l.GOPATH = { value: '', source: 'default' };
      return false;
    }
    warnings.push(`GOPATH entry is relative; must be absolute path: ${goQuote(p)} (every go command fails)`);
    return true;
  }
  return false;
}

/** go/build.defaultGOPATH: $HOME/go (%USERPROFILE%\go on Windows), or "" without a home. */
function defaultGopath(env: Env, platform: NodeJS.Platform): string {
  const home = getenv(env, homeVariable(platform), platform);
  return home === '' ? '' : joinPath(platform, home, 'go');
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
