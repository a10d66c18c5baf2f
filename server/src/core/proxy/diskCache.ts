// Proxy answers kept on disk between runs, under $XDG_CACHE_HOME/go-mod-hygiene
// (one small JSON file per answer, named by a hash of proxy, module and
// endpoint). Reads and writes never fail an analysis: a broken cache is a miss.
import { createHash } from 'node:crypto';
import type { Fetched } from './transport';

export interface DiskCacheFs {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

export interface StoredAnswer {
  value: Fetched;
  storedAt: number;
}

const FORMAT = 1;

export class DiskCache {
  private readonly ready: Promise<boolean>;

  constructor(private readonly dir: string, private readonly fs: DiskCacheFs, private readonly log: (m: string) => void) {
    this.ready = fs.mkdir(dir).then(
      () => true,
      (e: unknown) => {
        log(`cache directory ${dir} is not usable (${(e as NodeJS.ErrnoException).code ?? String(e)}); continuing without it`);
        return false;
      },
    );
  }

  private file(key: string): string {
    return `${this.dir}/${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;
  }

  async read(key: string): Promise<StoredAnswer | undefined> {
    if (!(await this.ready)) return undefined;
    try {
      const raw = JSON.parse(String(await this.fs.readFile(this.file(key))));
      if (raw.format !== FORMAT || raw.key !== key || typeof raw.storedAt !== 'number') return undefined;
      if (raw.kind === 'ok') return { storedAt: raw.storedAt, value: { kind: 'ok', body: Buffer.from(raw.body, 'base64') } };
      if (raw.kind === 'not-found') return { storedAt: raw.storedAt, value: { kind: 'not-found', status: raw.status, message: raw.message } };
      return undefined;
    } catch {
      return undefined;
    }
  }

  async write(key: string, answer: StoredAnswer): Promise<void> {
    if (answer.value.kind === 'error' || !(await this.ready)) return;
    const v = answer.value;
    const data = JSON.stringify({
      format: FORMAT,
      key,
      storedAt: answer.storedAt,
      kind: v.kind,
      ...(v.kind === 'ok' ? { body: v.body.toString('base64') } : { status: v.status, message: v.message }),
    });
    const file = this.file(key);
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await this.fs.writeFile(tmp, data);
      await this.fs.rename(tmp, file);
    } catch (e) {
      this.log(`cannot write the cache (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
}

/** The cache directory: $XDG_CACHE_HOME (or the platform's cache folder) + go-mod-hygiene. */
export function defaultCacheDir(env: Record<string, string | undefined>, homeDir: string, platform: string): string {
  if (env.XDG_CACHE_HOME) return `${env.XDG_CACHE_HOME}/go-mod-hygiene`;
  if (platform === 'win32' && env.LOCALAPPDATA) return `${env.LOCALAPPDATA}\\go-mod-hygiene`;
  if (platform === 'darwin') return `${homeDir}/Library/Caches/go-mod-hygiene`;
  return `${homeDir}/.cache/go-mod-hygiene`;
}
