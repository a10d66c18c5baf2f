// The oracle for updates, retractions and deprecations: `go list -m -u
// -retracted -json` in a throwaway main module that requires the modules in
// question, against a given GOPROXY, with nothing shared between runs.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { splitJsonObjects } from '../../server/src/core/direct/jsonStream';

export interface ModuleVersionRef {
  path: string;
  version: string;
}

/** The fields of cmd/go's modinfo.ModulePublic this oracle is about. */
export interface GoListModule {
  Path: string;
  Version: string;
  Time?: string;
  Update?: { Path: string; Version: string; Time?: string };
  Retracted?: string[];
  Deprecated?: string;
  Error?: { Err: string };
}

export type GoListResult =
  | { ok: true; modules: GoListModule[] }
  /** The go command exited non-zero (a requirement it could not load, a broken proxy...). */
  | { ok: false; exitCode: number; stderr: string; modules: GoListModule[] };

export interface GoListOptions {
  excludes?: ModuleVersionRef[];
  /**
   * Without -e the go command turns any per-module error into exit status 1 and prints nothing;
   * with it (the default here) such errors come back in Error fields, as the engine reports them.
   */
  errorsInline?: boolean;
  timeoutMs?: number;
  /** Settings on top of the isolated environment (GOPRIVATE, GONOPROXY...). */
  extraEnv?: Record<string, string>;
}

export async function goListUpdates(goBin: string, proxyUrl: string, requirements: ModuleVersionRef[], opts: GoListOptions = {}): Promise<GoListResult> {
  const home = mkdtempSync(path.join(tmpdir(), 'gmh-golist-'));
  const dir = path.join(home, 'main');
  const lines = ['module example.com/main', '', 'go 1.21', ''];
  if (requirements.length > 0) lines.push('require (', ...requirements.map((r) => `\t${r.path} ${r.version}`), ')', '');
  if (opts.excludes?.length) lines.push('exclude (', ...opts.excludes.map((r) => `\t${r.path} ${r.version}`), ')', '');
  const args = ['list', '-m', '-u', '-retracted', '-json'];
  if (opts.errorsInline !== false) args.push('-e');
  args.push(...requirements.map((r) => r.path));
  try {
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'go.mod'), lines.join('\n'));
    const r = await runGo(goBin, args, dir, { ...isolatedGoEnv(home, proxyUrl), ...opts.extraEnv }, opts.timeoutMs);
    const modules = parseJsonStream(r.stdout) as GoListModule[];
    return r.code === 0 ? { ok: true, modules } : { ok: false, exitCode: r.code, stderr: r.stderr, modules };
  } finally {
    rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

/**
 * The go command's environment for oracles: nothing from the user's environment or
 * go env file, its own caches under home, no checksum database, no toolchain switch.
 */
export function isolatedGoEnv(home: string, proxyUrl: string): NodeJS.ProcessEnv {
  disableGoTelemetry(home);
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    // -modcacherw: the module cache is deleted afterwards, and Go makes it read-only otherwise.
    GOFLAGS: '-mod=mod -modcacherw',
    GOPROXY: proxyUrl,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOINSECURE: '',
    GOPATH: path.join(home, 'gopath'),
    GOMODCACHE: path.join(home, 'modcache'),
    GOCACHE: path.join(home, 'cache'),
    // A "direct" fetch must never leave this machine: no version control at all,
    // and any HTTP(S) that is not for the loopback test proxy goes to a closed
    // loopback port (so not even a DNS lookup of a public name happens).
    GOVCS: '*:off',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

/**
 * Go 1.23 keeps local telemetry counters under the user config directory and
 * may write them from a child process after the command exits, racing the
 * removal of temporary homes. Mode "off" stops both.
 */
export function disableGoTelemetry(home: string): void {
  const dir = path.join(home, '.config', 'go', 'telemetry');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'mode'), 'off');
}

export function runGo(goBin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(goBin, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr: err && !stderr ? err.message : stderr });
    });
  });
}

/** Splits the go command's -json output: one indented object after another, not an array. */
export const parseJsonStream = splitJsonObjects;
