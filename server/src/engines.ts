// One engine per settings profile (Go environment overrides, offline mode,
// go binary, trust), created on first use and shared by documents.
import { homedir } from 'node:os';
import { createEngine, type Engine } from './core/engine';
import { defaultCacheDir } from './core/proxy/diskCache';
import { nodeEngineHost } from './nodeHost';
import { engineProfile, type Settings } from './settings';

/** How long a replaced engine stays open for the lookups it already started (each has its own deadline). */
const RETIRED_ENGINE_GRACE_MS = 60_000;

export type EngineResult = Engine | { error: string };

export class Engines {
  private readonly byProfile = new Map<string, Promise<EngineResult>>();
  /** Engines that finished starting, for requests that must not wait. */
  private readonly ready = new Map<string, Engine>();

  constructor(private readonly log: (m: string) => void, private readonly cwd: () => string) {}

  get(settings: Settings, trusted: boolean): Promise<EngineResult> {
    const profile = engineProfile(settings, trusted);
    let e = this.byProfile.get(profile);
    if (!e) {
      const env = { ...process.env, ...settings.env };
      const home = env.HOME ?? homedir();
      e = createEngine(nodeEngineHost({ env, cwd: this.cwd(), homeDir: home, log: this.log }), {
        offline: settings.offline,
        goBinary: trusted ? settings.goBinary : undefined,
        concurrency: settings.concurrency,
        listFreshMs: settings.cacheMinutes * 60_000,
        cacheDir: defaultCacheDir(env, home, process.platform),
        allowGoCommand: trusted,
        notBefore: this.notBefore,
      });
      this.byProfile.set(profile, e);
      e.then((r) => {
        if ('client' in r) this.ready.set(profile, r);
      }, () => undefined);
    }
    return e;
  }

  /** The engine for these settings if it is already running. */
  peek(settings: Settings, trusted: boolean): Engine | undefined {
    return this.ready.get(engineProfile(settings, trusted));
  }

  private notBefore: number | undefined;

  /**
   * Forget every engine (settings changed); with `bypassCache`, cached lists are
   * not used again either. The old engines are closed only after a grace
   * period: a check already under way finishes its lookups with them instead of
   * failing on a closed connection pool.
   */
  reset(bypassCache = false): void {
    if (bypassCache) this.notBefore = Date.now();
    const all = [...this.byProfile.values()];
    this.byProfile.clear();
    this.ready.clear();
    const timer = setTimeout(() => {
      for (const e of all) {
        e.then((r) => ('close' in r ? r.close() : undefined)).catch((err: unknown) => this.log(`closing an engine: ${String(err)}`));
      }
    }, RETIRED_ENGINE_GRACE_MS);
    timer.unref?.();
  }
}
