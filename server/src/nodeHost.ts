// The engine's outside world on Node: files, directories and the disk cache,
// shared by the command line and the language server.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { EngineHost } from './core/engine';
import { redactText } from './core/proxy/redact';

/** A file's text, or undefined when it cannot be read. */
export function readTextFile(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

export function nodeEngineHost(opts: { env: Record<string, string | undefined>; cwd: string; homeDir: string; log: (m: string) => void }): EngineHost {
  return {
    env: opts.env,
    platform: process.platform,
    cwd: opts.cwd,
    homeDir: opts.homeDir,
    readFile: readTextFile,
    readFileAsync: (p) => readFile(p),
    exists: existsSync,
    listDir: (d) => {
      try {
        return readdirSync(d);
      } catch {
        return [];
      }
    },
    // Cache files may hold answers from private proxies: owner only.
    cacheFs: {
      readFile: (p) => readFile(p),
      writeFile: (p, d) => writeFile(p, d, { mode: 0o600 }),
      rename: (a, b) => rename(a, b),
      mkdir: async (p) => void (await mkdir(p, { recursive: true, mode: 0o700 })),
    },
    now: Date.now,
    log: (m) => opts.log(redactText(m)),
  };
}
