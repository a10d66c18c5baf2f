// The only place that runs the go command. It is started directly (never through a
// shell, so arguments are passed as they are), with GOTOOLCHAIN=local unless the
// user chose a toolchain policy (go.dev/doc/toolchain: otherwise a go.mod asking
// for a newer Go would make the go command download one), with a time limit and
// an output cap, and its whole process tree is killed on timeout or cancellation.
// Failures come back as values; run never throws.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getenv, isAbsPath, joinPath, splitList } from '../goenv/hostPaths';

export type GoRunCause = 'exit' | 'timeout' | 'not-found' | 'spawn' | 'aborted' | 'output-limit';

export type GoRunResult =
  | { ok: true; stdout: string; stderr: string }
  | { ok: false; code: number | null; stdout: string; stderr: string; cause: GoRunCause };

export interface GoRunOptions {
  cwd: string;
  /** Added to (and overriding) the runner's base environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Written to the go command's standard input; without it, stdin is closed at once. */
  input?: string;
  signal?: AbortSignal;
  /**
   * Work nobody is waiting for (version control lookups): the process and the
   * git it starts run at a lower CPU priority, so that they never slow the
   * editor on a small machine.
   */
  background?: boolean;
}

export interface GoRunner {
  run(args: string[], opts: GoRunOptions): Promise<GoRunResult>;
}

export interface GoRunnerConfig {
  goBinary: string;
  baseEnv: Record<string, string | undefined>;
  defaultTimeoutMs?: number;
  /** Per stream; the process is killed when either stream passes it. */
  maxOutputBytes?: number;
  platform?: NodeJS.Platform;
  /** Tells a missing working directory from a missing binary (both are ENOENT). */
  exists?: (path: string) => boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** The environment the go command gets: base + extra, and GOTOOLCHAIN=local unless set to something non-empty. */
export function goCommandEnv(base: Record<string, string | undefined>, extra: Record<string, string> = {}, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  Object.assign(env, extra);
  // An empty GOTOOLCHAIN is unset to the go command (cfg.Getenv), which would fall back to "auto".
  if (getenv(env, 'GOTOOLCHAIN', platform) === '') env.GOTOOLCHAIN = 'local';
  return env;
}

export function createGoRunner(config: GoRunnerConfig): GoRunner {
  const platform = config.platform ?? process.platform;
  const exists = config.exists ?? existsSync;
  const maxBytes = config.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  return {
    run(args, opts) {
      return new Promise<GoRunResult>((settle) => {
        let settled = false;
        const resolve = (r: GoRunResult) => {
          if (!settled) settle(r);
          settled = true;
        };
        const invalid = checkInvocation(args, opts);
        if (invalid) return resolve(failure('spawn', '', invalid));
        if (opts.signal?.aborted) return resolve(failure('aborted', '', 'cancelled before the go command started'));
        const timeoutMs = opts.timeoutMs ?? config.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        const env = goCommandEnv(config.baseEnv, opts.env, platform);
        let child: ChildProcess;
        try {
          // spawn with shell: false is what execFile does underneath; execFile itself
          // cannot start the child in its own process group, which killing the tree needs.
          child = spawn(config.goBinary, args, {
            cwd: opts.cwd,
            env,
            shell: false,
            windowsHide: true,
            stdio: ['pipe', 'pipe', 'pipe'],
            detached: platform !== 'win32',
          });
        } catch (e) {
          // spawn throws synchronously only for invalid options.
          return resolve(failure('spawn', '', `${config.goBinary}: ${(e as Error).message}`));
        }

        if (opts.background && child.pid !== undefined) lowerPriority(child.pid);
        const out = new Capped(maxBytes);
        const err = new Capped(maxBytes);
        let stopped: 'timeout' | 'aborted' | 'output-limit' | undefined;
        const stop = (why: NonNullable<typeof stopped>) => {
          stopped ??= why;
          killTree(child, platform);
        };
        const onAbort = () => stop('aborted');
        const timer = setTimeout(() => stop('timeout'), timeoutMs);
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout?.on('data', (b: Buffer) => out.add(b) || stop('output-limit'));
        child.stderr?.on('data', (b: Buffer) => err.add(b) || stop('output-limit'));
        child.on('error', (e: NodeJS.ErrnoException) => {
          // With no pid the process never started, and 'close' may never come.
          if (child.pid !== undefined) return;
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          if (e.code !== 'ENOENT') return resolve(failure('spawn', '', `${config.goBinary}: ${e.message}`));
          if (!exists(opts.cwd)) return resolve(failure('spawn', '', `working directory ${opts.cwd} does not exist`));
          resolve(failure('not-found', '', `${config.goBinary} not found`));
        });
        // The go command may exit without reading its input (EPIPE); its exit status tells the story.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(opts.input ?? '');

        child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          const stdout = out.text();
          const stderr = err.text();
          if (stopped === 'timeout') return resolve(failure('timeout', stdout, stderr || `the go command did not finish within ${timeoutMs} ms`));
          if (stopped === 'aborted') return resolve(failure('aborted', stdout, stderr || 'cancelled'));
          if (stopped === 'output-limit') return resolve(failure('output-limit', stdout, `${stderr}\nthe go command printed more than ${maxBytes} bytes`.trimStart()));
          if (code === 0) return resolve({ ok: true, stdout, stderr });
          if (code !== null) return resolve(failure('exit', stdout, stderr, code));
          return resolve(failure('exit', stdout, stderr || `the go command was killed by ${signal}`));
        });
      });
    },
  };
}

function failure(cause: GoRunCause, stdout: string, stderr: string, code: number | null = null): GoRunResult {
  return { ok: false, code, stdout, stderr, cause };
}

/** Collects a stream up to a byte limit; add reports whether the chunk still fitted. */
class Capped {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  add(b: Buffer): boolean {
    const room = this.limit - this.size;
    if (room <= 0) return false;
    const part = b.length > room ? b.subarray(0, room) : b;
    this.chunks.push(part);
    this.size += part.length;
    return b.length <= room;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function checkInvocation(args: unknown, opts: GoRunOptions): string | undefined {
  if (!Array.isArray(args)) return 'arguments must be a list of strings';
  for (const a of args) {
    if (typeof a !== 'string') return `argument ${String(a)} is not a string`;
    if (a.includes('\0')) return `argument ${JSON.stringify(a)} contains a NUL byte`;
  }
  if (typeof opts.cwd !== 'string' || opts.cwd === '' || opts.cwd.includes('\0')) return 'invalid working directory';
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (typeof v !== 'string' || k.includes('\0') || v.includes('\0') || k.includes('=') || k === '') return `invalid environment variable ${JSON.stringify(k)}`;
  }
  return undefined;
}

function killTree(child: ChildProcess, platform: NodeJS.Platform): void {
  if (child.pid === undefined) return;
  if (platform === 'win32') {
    if (child.exitCode !== null || child.signalCode !== null) return;
    execFile('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true }, () => child.kill());
    return;
  }
  try {
    // The child leads its own process group (detached), whose id is its pid.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

export type ModuleArgCheck = { ok: true; path: string; version?: string } | { ok: false; reason: string };

// Module path characters (golang.org/x/mod/module.modPathOK); elements may not be empty or start with a dot.
const MODULE_PATH = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;
// A version or version query (go.dev/ref/mod#version-queries): v1.2.3, latest, a branch or commit, <v1.2.
const VERSION_QUERY = /^(?:[<>]=?)?[A-Za-z0-9][A-Za-z0-9._+~/-]*$/;

/**
 * Checks an argument meant as `path` or `path@version` before it reaches the
 * go command, so that nothing from a go.mod or a setting can pass as a flag.
 */
export function validateModuleArg(s: string): ModuleArgCheck {
  if (typeof s !== 'string' || s === '') return { ok: false, reason: 'empty module argument' };
  const at = s.indexOf('@');
  const path = at < 0 ? s : s.slice(0, at);
  const version = at < 0 ? undefined : s.slice(at + 1);
  if (!MODULE_PATH.test(path) || path.startsWith('-')) return { ok: false, reason: `${JSON.stringify(path)} is not a module path` };
  if (version !== undefined && !VERSION_QUERY.test(version)) return { ok: false, reason: `${JSON.stringify(version)} is not a version` };
  return version === undefined ? { ok: true, path } : { ok: true, path, version };
}

export interface FindGoOptions {
  /** The user's setting: a go binary, a GOROOT containing bin/go, or a command name looked up on PATH. */
  explicit?: string;
  /** Directory entries (names only), for the /usr/lib/go-1.N search. */
  listDir?: (dir: string) => string[];
  platform?: NodeJS.Platform;
}

/**
 * Where the go binary is: the explicit setting (and only it, if given), then
 * PATH, then the usual install locations. `exists` should answer "is an
 * executable file". Relative PATH entries are skipped, as exec.LookPath does
 * since Go 1.19 (go.dev/blog/path-security): a workspace must not supply its own go.
 */
export function findGoBinary(env: Record<string, string | undefined>, exists: (p: string) => boolean, options: FindGoOptions = {}): string | undefined {
  const platform = options.platform ?? process.platform;
  const exe = platform === 'win32' ? 'go.exe' : 'go';
  const onPath = (name: string) => {
    for (const dir of splitList(getenv(env, 'PATH', platform), platform)) {
      if (dir === '' || !isAbsPath(dir, platform)) continue;
      const p = joinPath(platform, dir, name);
      if (exists(p)) return p;
    }
    return undefined;
  };
  const explicit = options.explicit?.trim();
  if (explicit) {
    if (!/[\\/]/.test(explicit)) return onPath(platform === 'win32' && !explicit.endsWith('.exe') ? explicit + '.exe' : explicit);
    if (exists(explicit)) return explicit;
    const inRoot = joinPath(platform, explicit, 'bin', exe);
    return exists(inRoot) ? inRoot : undefined;
  }
  const found = onPath(exe);
  if (found) return found;
  for (const p of fallbackLocations(platform, options.listDir ?? (() => []))) if (exists(p)) return p;
  return undefined;
}

function fallbackLocations(platform: NodeJS.Platform, listDir: (dir: string) => string[]): string[] {
  if (platform === 'win32') return ['C:\\Program Files\\Go\\bin\\go.exe'];
  const versioned = safeList(listDir, '/usr/lib')
    .map((name) => ({ name, m: /^go-(\d+)\.(\d+)(?:\.(\d+))?$/.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
    .sort((a, b) => compareNumbers(b.m, a.m))
    .map((e) => `/usr/lib/${e.name}/bin/go`);
  return ['/usr/local/go/bin/go', '/usr/lib/go/bin/go', ...versioned];
}

function compareNumbers(a: RegExpExecArray, b: RegExpExecArray): number {
  for (let i = 1; i <= 3; i++) {
    const d = Number(a[i] ?? -1) - Number(b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function safeList(listDir: (dir: string) => string[], dir: string): string[] {
  try {
    return listDir(dir);
  } catch {
    return [];
  }
}

/** Background niceness: below the editor, well above idle. */
const BACKGROUND_NICENESS = 10;

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, BACKGROUND_NICENESS);
  } catch {
    // Not permitted or not supported here: the work still runs, at normal priority.
  }
}
