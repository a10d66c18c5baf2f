// The engine's outside world on Node: files, directories and the disk cache,
// shared by the command line and the language server.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { GoContextHost } from '../core/analysis/goContext';
import { redactText } from '../core/text/redact';
import { readRegularFile, readTextFile } from './regularFile';

export { readTextFile };

/**
 * A file:// proxy's answer, read only up to the endpoint's cap; a non-file (a
 * FIFO in a proxy tree) fails like a missing file would, and never blocks.
 */
async function readProxyFile(p: string, maxBytes: number): Promise<Buffer> {
  const r = await readRegularFile(p, maxBytes);
  if (r.ok) return r.bytes;
  const code = r.code === 'missing' ? 'ENOENT' : r.code === 'too-large' ? 'EFBIG' : r.code;
  throw Object.assign(new Error(`${p} ${r.reason}`), { code });
}

export function nodeGoContextHost(opts: { env: Record<string, string | undefined>; cwd: string; homeDir: string; log: (m: string) => void }): GoContextHost {
  return {
    env: opts.env,
    platform: process.platform,
    cwd: opts.cwd,
    homeDir: opts.homeDir,
    readFile: readTextFile,
    readFileAsync: readProxyFile,
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
      readdir: (p) => readdir(p),
    },
    now: Date.now,
    log: (m) => opts.log(redactText(m)),
  };
}
