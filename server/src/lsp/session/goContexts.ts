// One Go context per workspace folder and settings profile (Go environment
// overrides, offline mode, go binary, trust, concurrency, cache time), created
// on first use and shared by the documents of that folder. `go env` runs in the
// folder, as it would in a terminal there. Reset: forget them all.
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { GoContext } from '../../core/analysis/goContext';
import type { GoEnv } from '../../core/goenv/goEnv';
import { nodeGoContextHost } from '../../node/nodeHost';
import { contextProfile, vulnChoice, type Settings } from './settings';
import { waitAtMost } from '../waitAtMost';

/** How long a replaced context stays open for the lookups it already started (each has its own deadline). */
const RETIRED_CONTEXT_GRACE_MS = 60_000;

/** The server process's environment and working directory, which the Go contexts start from. */
export interface ProcessBase {
  env: Record<string, string | undefined>;
  cwd: string;
}

export type GoContextResult = GoContext | { error: string };

export class GoContexts {
  private readonly byKey = new Map<string, Promise<GoContextResult>>();
  /** Contexts that finished starting, for requests that must not wait. */
  private readonly ready = new Map<string, GoContext>();
  private notBefore: number | undefined;
  private folders: string[] = [];

  constructor(private readonly base: ProcessBase, private readonly log: (m: string) => void, private readonly trusted: () => boolean) {}

  /** The workspace folders (file system paths); a file outside all of them uses its own directory. */
  setFolders(folders: string[]): void {
    this.folders = [...folders].sort((a, b) => b.length - a.length);
  }

  /** The folder a file's Go context belongs to. */
  folderOf(fsPath: string | undefined): string {
    if (fsPath === undefined) return this.folders.at(-1) ?? this.base.cwd;
    const inside = this.folders.find((f) => fsPath === f || fsPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
    return inside ?? path.dirname(fsPath);
  }

  get(fsPath: string | undefined, settings: Settings): Promise<GoContextResult> {
    const folder = this.folderOf(fsPath);
    const trusted = this.trusted();
    const key = `${folder}\n${contextProfile(settings, trusted)}`;
    let c = this.byKey.get(key);
    if (!c) {
      const env = { ...this.base.env, ...settings.env };
      const home = env.HOME ?? homedir();
      // Loaded with the first Go context, not at start-up: the proxy client
      // and the disk cache are not needed to answer initialize, nor to check
      // what needs only the file.
      const { createGoContext } = require('../../core/analysis/goContext') as typeof import('../../core/analysis/goContext');
      const { defaultCacheDir } = require('../../core/proxy/diskCache') as typeof import('../../core/proxy/diskCache');
      c = createGoContext(nodeGoContextHost({ env, cwd: folder, homeDir: home, log: this.log }), {
        offline: settings.offline,
        // The user's goModHygiene.env and go.toolsEnvVars: reported as such, and above the go env file.
        overrides: settings.env as Partial<GoEnv>,
        goBinary: trusted ? settings.goBinary : undefined,
        concurrency: settings.concurrency,
        listFreshMs: settings.cacheMinutes * 60_000,
        cacheDir: defaultCacheDir(env, home, process.platform),
        cacheWritesWhenQuiet: true,
        allowGoCommand: trusted,
        notBefore: this.notBefore,
        vulnerabilities: vulnChoice(settings),
      });
      this.byKey.set(key, c);
      c.then((r) => {
        if ('client' in r) this.ready.set(key, r);
      }, () => undefined);
    }
    return c;
  }

  /** The context for this file and these settings if it is already running. */
  peek(fsPath: string | undefined, settings: Settings): GoContext | undefined {
    return this.ready.get(`${this.folderOf(fsPath)}\n${contextProfile(settings, this.trusted())}`);
  }

  /**
   * Forget every context (settings changed); with `bypassCache`, cached lists
   * are not used again either. The old contexts are closed only after a grace
   * period: a check already under way finishes its lookups with them instead
   * of failing on a closed connection pool.
   */
  reset(bypassCache = false): void {
    if (bypassCache) this.notBefore = Date.now();
    const all = [...this.byKey.values()];
    this.byKey.clear();
    this.ready.clear();
    for (const c of all) this.retired.add(c);
    const timer = setTimeout(() => void this.close(all), RETIRED_CONTEXT_GRACE_MS);
    timer.unref?.();
  }

  /**
   * The server is shutting down: every context closes, which lands the cache
   * writes still queued (they wait for a quiet proxy), within `withinMs`.
   */
  async closeAll(withinMs: number): Promise<void> {
    const all = [...this.byKey.values(), ...this.retired];
    this.byKey.clear();
    this.ready.clear();
    await waitAtMost(this.close(all), withinMs);
  }

  /** Contexts replaced by a settings change, still finishing their lookups. */
  private readonly retired = new Set<Promise<GoContextResult>>();

  /** Contexts closed or closing: a retired one's timer may fire after closeAll. */
  private readonly closed = new WeakSet<Promise<GoContextResult>>();

  private async close(contexts: Promise<GoContextResult>[]): Promise<void> {
    await Promise.all(contexts.map(async (c) => {
      this.retired.delete(c);
      if (this.closed.has(c)) return;
      this.closed.add(c);
      try {
        const r = await c;
        if ('close' in r) await r.close();
      } catch (err) {
        this.log(`closing a Go context: ${String(err)}`);
      }
    }));
  }
}
