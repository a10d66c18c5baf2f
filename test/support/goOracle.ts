// The go command as a test oracle: `go mod edit -json|-print` and
// `go work edit -json|-print` on a copy of a file, in an isolated temp dir
// with an environment that never touches the network or switches toolchains.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { disableGoTelemetry } from './goList';

/** A go command the tests compare with: the pinned Debian Go 1.23, and the machine's current Go when it has one. */
export interface OracleGo {
  bin: string;
  /** "go1.26.8" */
  version: string;
  /** 23 for go1.23.5 */
  minor: number;
  /** The pinned release, which .ci/run installs everywhere. */
  pinned: boolean;
}

/** The machine's current go command, when it is not the pinned one. */
const CURRENT_GO = process.env.GO_CURRENT ?? '/usr/local/go/bin/go';

function goVersionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['env', 'GOVERSION'], { env: { ...process.env, GOTOOLCHAIN: 'local', GOENV: 'off', GOFLAGS: '' }, encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Every go command to compare with, pinned first. The current Go is added
 * when present and newer: directives it knows (tool, ignore, godebug's JSON)
 * are compared, not excused, and where messages or formatting changed
 * between the two, ours follow the newer one (test/support/agreement.ts).
 */
export function oracleGos(): OracleGo[] {
  const out: OracleGo[] = [];
  const pinned = findGo();
  for (const [bin, isPinned] of [[pinned, true], [CURRENT_GO, false]] as const) {
    if (!bin || !existsSync(bin)) continue;
    const version = goVersionOf(bin);
    const minor = Number(/^go1\.(\d+)/.exec(version ?? '')?.[1]);
    if (!version || !Number.isFinite(minor) || out.some((g) => g.version === version)) continue;
    if (!isPinned && out.length > 0 && minor <= out[0].minor) continue;
    out.push({ bin, version, minor, pinned: isPinned });
  }
  return out;
}

export function findGo(): string | undefined {
  const candidates = [process.env.GO_ORACLE, '/usr/lib/go-1.23/bin/go'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return undefined;
}

export interface GoError {
  line: number;
  /** The column if Go printed one (it does only when it is past the first rune). */
  col?: number;
  message: string;
}

/** `file` is the path the go command was given, which it uses in its messages. */
export type GoResult = ({ ok: true; stdout: string } | { ok: false; errors: GoError[]; stderr: string }) & { file: string };

export class GoOracle {
  private readonly root = mkdtempSync(path.join(tmpdir(), 'gmh-oracle-'));
  private next = 0;

  constructor(private readonly goBin: string) {
    disableGoTelemetry(this.root);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }

  /** Runs `go {mod|work} edit <flag> FILE` on the given bytes. */
  async edit(kind: 'mod' | 'work', flag: '-json' | '-print', content: string | Buffer): Promise<GoResult> {
    const dir = path.join(this.root, String(this.next++));
    const file = path.join(dir, kind === 'work' ? 'go.work' : 'go.mod');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    writeFileSync(file, content);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.root,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOWORK: 'off',
      GOPROXY: 'off',
      GOSUMDB: 'off',
      GOENV: 'off',
      GOCACHE: path.join(this.root, 'cache'),
      GOPATH: path.join(this.root, 'gopath'),
    };
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // A relative name: `go work edit` shortens paths in its messages anyway.
      execFile(this.goBin, [kind, 'edit', flag, path.basename(file)], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    const name = path.basename(file);
    if (result.code === 0) return { ok: true, stdout: result.stdout, file: name };
    return { ok: false, errors: parseGoErrors(result.stderr, name), stderr: result.stderr, file: name };
  }
}

/** Splits "go: errors parsing ...:\nFILE:3:5: msg\n\tcontinued\nFILE:7: msg" into errors. */
export function parseGoErrors(stderr: string, file: string): GoError[] {
  const errors: GoError[] = [];
  const prefix = file + ':';
  for (const chunk of ('\n' + stderr).split('\n' + prefix).slice(1)) {
    const m = /^(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(chunk.replace(/\n$/, ''));
    if (m) errors.push({ line: Number(m[1]), col: m[2] ? Number(m[2]) : undefined, message: m[3] });
  }
  return errors;
}

/** Runs tasks with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) {
      const k = i++;
      results[k] = await fn(items[k], k);
    }
  });
  await Promise.all(workers);
  return results;
}
