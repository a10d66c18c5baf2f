// The engine's outside world on Node: files, directories and the disk cache,
// shared by the command line and the language server.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import type { GoContextHost } from '../core/analysis/goContext';
import { DISK_MAX_BODY } from '../core/proxy/limits';
import { redactText } from '../core/text/redact';
import { readRegularFile, readRegularFileSync, readTextFile } from './regularFile';

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
      readFile: readCacheFile,
      writeFile: (p, d) => writeFile(p, d, { mode: 0o600 }),
      rename: (a, b) => rename(a, b),
      mkdir: async (p) => void (await mkdir(p, { recursive: true, mode: 0o700 })),
      readdir: (p) => readdir(p),
    },
    now: Date.now,
    log: (m) => opts.log(redactText(m)),
  };
}

/** A stored answer is at most DISK_MAX_BODY bytes, base64 in JSON: anything larger there is not ours. */
const CACHE_FILE_MAX_BYTES = 2 * DISK_MAX_BODY;

/**
 * A cache file, read synchronously once its type and size are checked on the
 * open descriptor. A warm check reads hundreds of these small local files
 * (600 of 1.5 KB: 9 ms this way, 91 ms through fs.promises), and queued
 * asynchronous reads hold the thread pool that DNS lookups need.
 */
function readCacheFile(path: string): Promise<Buffer> {
  const r = readRegularFileSync(path, CACHE_FILE_MAX_BYTES);
  return r.ok ? Promise.resolve(r.bytes) : Promise.reject(new Error(`${path}: ${r.reason}`));
}
