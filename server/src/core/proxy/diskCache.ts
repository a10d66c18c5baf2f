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
  readdir(path: string): Promise<string[]>;
}

export interface StoredAnswer {
  value: Fetched;
  storedAt: number;
}

const FORMAT = 1;
/** Answers waiting to be written at most; more are not written (each is held in memory until then). */
const MAX_QUEUED_WRITES = 20_000;
/** Half of libuv's four threads: the others stay free for cache reads and DNS lookups. */
const WRITES_AT_ONCE = 2;

export class DiskCache {
  private readonly ready: Promise<boolean>;

  /**
   * `writeWhen`: the writes of a burst wait until it resolves (the editor: the
   * proxy is quiet), so that their CPU is not taken from the lookups being
   * shown; flush() does not wait.
   */
  constructor(private readonly dir: string, private readonly fs: DiskCacheFs, private readonly log: (m: string) => void, private readonly writeWhen?: () => Promise<void>) {
    this.ready = fs.mkdir(dir).then(
      async () => {
        // The files there now: a read of any other answer needs no system call,
        // which on a cold cache is every read, each of which a request waits on.
        // Answers another process writes later are missed (asked for again).
        this.present = new Set(await fs.readdir(dir).catch(() => []));
        return true;
      },
      (e: unknown) => {
        log(`cache directory ${dir} is not usable (${(e as NodeJS.ErrnoException).code ?? String(e)}); continuing without it`);
        return false;
      },
    );
  }

  private present = new Set<string>();

  private name(key: string): string {
    return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;
  }

  async read(key: string): Promise<StoredAnswer | undefined> {
    if (!(await this.ready) || this.present.size === 0) return undefined;
    const name = this.name(key);
    if (!this.present.has(name)) return undefined;
    try {
      const raw = JSON.parse(String(await this.fs.readFile(`${this.dir}/${name}`)));
      if (raw.format !== FORMAT || raw.key !== key || typeof raw.storedAt !== 'number') return undefined;
      if (raw.kind === 'ok') return { storedAt: raw.storedAt, value: { kind: 'ok', body: Buffer.from(raw.body, 'base64') } };
      if (raw.kind === 'not-found') return { storedAt: raw.storedAt, value: { kind: 'not-found', status: raw.status, message: raw.message } };
      return undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores an answer. Writes run two at a time behind the answers: the thread
   * pool that serves them also serves the cache reads and DNS lookups that the
   * next requests wait on, and a cold check of 200 requirements writes some
   * 800 files (measured: 0.2 to 0.5 s more for that check when they ran at once).
   */
  write(key: string, answer: StoredAnswer): Promise<void> {
    if (answer.value.kind === 'error') return Promise.resolve();
    if (this.queue.length >= MAX_QUEUED_WRITES) return Promise.resolve(); // a cache: dropping a write loses nothing
    return new Promise((resolve) => {
      this.queue.push(() => this.writeNow(key, answer).then(resolve));
      this.pump();
    });
  }

  /** Resolves once every write asked for so far has landed. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      this.pump();
      while (this.queue.length > 0 || this.writing > 0) await new Promise<void>((r) => this.drained.push(r));
    } finally {
      this.flushing--;
    }
  }

  private readonly queue: (() => Promise<void>)[] = [];
  private writing = 0;
  private readonly drained: (() => void)[] = [];
  private flushing = 0;
  /** writeWhen has resolved for the writes queued now; closed again once they are written. */
  private open = false;
  private waiting = false;

  private pump(): void {
    if (this.writeWhen && !this.open && this.flushing === 0 && this.queue.length > 0) {
      if (!this.waiting) {
        this.waiting = true;
        const go = () => {
          this.waiting = false;
          this.open = true;
          this.pump();
        };
        this.writeWhen().then(go, go);
      }
      return;
    }
    while (this.writing < WRITES_AT_ONCE && this.queue.length > 0) {
      this.writing++;
      void this.queue.shift()!().finally(() => {
        this.writing--;
        this.pump();
      });
    }
    if (this.writing === 0 && this.queue.length === 0) {
      this.open = false;
      for (const r of this.drained.splice(0)) r();
    }
  }

  private async writeNow(key: string, answer: StoredAnswer): Promise<void> {
    if (answer.value.kind === 'error' || !(await this.ready)) return;
    const v = answer.value;
    const data = JSON.stringify({
      format: FORMAT,
      key,
      storedAt: answer.storedAt,
      kind: v.kind,
      ...(v.kind === 'ok' ? { body: v.body.toString('base64') } : { status: v.status, message: v.message }),
    });
    const name = this.name(key);
    const file = `${this.dir}/${name}`;
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await this.fs.writeFile(tmp, data);
      await this.fs.rename(tmp, file);
      this.present.add(name);
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
