// Module facts from the GOPROXY list, walked exactly as the go command walks it
// (modfetch.TryProxies): "," falls through only on not-found, "|" on any error,
// and the most helpful error wins (direct > proxy failure > not found). A
// module matching GONOPROXY is never sent to any proxy.
import { type Endpoint, ResponseCache } from './cache';
import type { DiskCache } from './diskCache';
import { parseVersionList } from '../semver/versionList';
import { BODY_LIMITS, DISK_MAX_BODY, MAX_LIST_VERSIONS } from './limits';
import { escapePath, escapeVersion, goRequestPath } from '../module/escape';
import { DIRECT_LABEL, ERR_NOPROXY, ERR_PROXY_OFF, type Lookup, type RevInfo, type VersionRepo } from './lookup';
import type { ProxySpec } from './proxyList';
import type { DirectSource } from './directSource';
import type { Fetched, Transport } from './transport';
import { untilAborted } from './untilAborted';

export interface ProxyClientDeps {
  specs: ProxySpec[];
  /** GONOPROXY matching (GOPRIVATE by default). */
  isNoProxy(modulePath: string): boolean;
  http: Transport;
  file: Transport;
  cache: ResponseCache;
  /** Answers kept between runs; read when memory has nothing. */
  disk?: DiskCache;
  /** Lists and @latest answers stored before this time are not used (a refresh asked for fresh ones). */
  notBefore?: number;
  /**
   * A stale list or @latest is fetched again before it is used (and used only
   * if the proxy fails); otherwise it is used at once while a refresh runs.
   */
  awaitStale?: boolean;
  /**
   * One deadline for all the requests of one requirement's lookup (withDeadline),
   * on top of each request's own timeout; none when absent.
   */
  lookupDeadlineMs?: number;
  /** Answers for "direct" (and GOPRIVATE modules) from version control; without it they stay unchecked. */
  direct?: DirectSource;
  /** Why there is no direct source, for the modules that only it could answer. */
  noDirect?: string;
  /** Called when a stale answer was served and a background refresh failed. */
  log(message: string): void;
}

/** The lookups withDeadline hands out, bound to one deadline; end() releases it. */
export type ModuleLookups = VersionRepo & { end(): void };

type Attempt<T> = { ok: T } | { notFound: string } | { error: string };

export class ProxyClient {
  private readonly inFlight = new Map<string, Promise<Fetched>>();
  /** Decoded answers per fetched body: warm lookups must not re-split lists or re-parse JSON. */
  private readonly decoded = new WeakMap<Fetched, Promise<Attempt<unknown>>>();

  private revalidatingView: ProxyClient | undefined;
  /**
   * Lists are decoded one at a time: each holds its body as text and its
   * arrays while it is parsed, and dozens at once (a hostile proxy's
   * megabyte lists) would hold them all together.
   */
  private listDecoding: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ProxyClientDeps) {}

  /**
   * The same proxies and caches, but lists and @latest answers older than the
   * cache time are asked for again before they are used: for a long-running
   * editor, whose facts must not stay as old as its first look.
   */
  revalidating(): ProxyClient {
    if (this.deps.awaitStale) return this;
    this.revalidatingView ??= new ProxyClient({ ...this.deps, awaitStale: true });
    return this.revalidatingView;
  }

  /**
   * The lookups of one requirement, sharing one deadline: a hanging proxy
   * costs one deadline per module, not one timeout per request (list, .info,
   * .mod, @latest). The go command has no per-request timeout at all; what
   * bounds its wait is the operation as a whole. end() releases the timer.
   */
  withDeadline(modulePath: string): ModuleLookups {
    const controller = new AbortController();
    const ms = this.deps.lookupDeadlineMs;
    const timer = ms === undefined ? undefined : setTimeout(() => controller.abort(`no answer for ${modulePath} within the lookup deadline of ${ms} ms`), ms);
    timer?.unref?.();
    const signal = controller.signal;
    return {
      versions: (p) => this.versions(p, signal),
      info: (p, v) => this.info(p, v, signal),
      latest: (p) => this.latest(p, signal),
      goMod: (p, v) => this.goMod(p, v, signal),
      end: () => clearTimeout(timer),
    };
  }

  /** Tagged versions from @v/list, sorted (pseudo-versions and invalid lines dropped), plus the lines that name a valid version. */
  versions(path: string, signal?: AbortSignal): Promise<Lookup<{ versions: string[]; lines: string[] }>> {
    return this.walk(path, 'list', '', signal, (body, proxy) => {
      const run = this.listDecoding.then(async (): Promise<Attempt<{ versions: string[]; lines: string[] }>> => {
        const list = await parseVersionList(String(body), MAX_LIST_VERSIONS);
        if ('tooMany' in list) return { error: `invalid response from proxy ${JSON.stringify(proxy)}: the version list of ${path} names more than ${list.tooMany} versions` };
        return { ok: list };
      });
      this.listDecoding = run.catch(() => undefined);
      return run;
    });
  }

  info(path: string, version: string, signal?: AbortSignal): Promise<Lookup<RevInfo>> {
    return this.walk(path, 'info', version, signal, (body, proxy) => parseInfo(body, proxy));
  }

  latest(path: string, signal?: AbortSignal): Promise<Lookup<RevInfo>> {
    return this.walk(path, 'latest', '', signal, (body, proxy) => parseInfo(body, proxy));
  }

  goMod(path: string, version: string, signal?: AbortSignal): Promise<Lookup<string>> {
    return this.walk(path, 'mod', version, signal, (body) => ({ ok: String(body) }));
  }

  private async walk<T>(
    path: string,
    endpoint: Endpoint,
    version: string,
    signal: AbortSignal | undefined,
    decode: (body: Buffer, proxy: string) => Attempt<T> | Promise<Attempt<T>>,
  ): Promise<Lookup<T>> {
    const isPrivate = this.deps.isNoProxy(path);
    type Best = { rank: number; result: Lookup<T> };
    let best: Best | undefined;
    const consider = (rank: number, result: Lookup<T>, notExist: boolean) => {
      // modfetch.TryProxies: direct errors beat proxy errors, which beat not-found.
      if (rank === 2) best = { rank, result };
      else if ((best?.rank ?? 0) <= 1 && !notExist) best = { rank: 1, result };
      else if ((best?.rank ?? 0) === 0) best = { rank: 0, result };
    };
    for (const spec of this.deps.specs) {
      if (isPrivate) {
        if (spec.kind === 'noproxy' || spec.kind === 'direct') {
          if (this.deps.direct) return this.fromVersionControl(this.deps.direct, path, endpoint, version, decode);
          return { kind: 'direct', reason: 'private', message: `${path} matches GOPRIVATE/GONOPROXY: only a direct (version control) fetch may be used`, why: this.deps.noDirect };
        }
        consider(0, { kind: 'not-found', message: `module ${path}: ${ERR_NOPROXY}`, proxy: '' }, true);
        if (spec.kind === 'off') break;
        continue;
      }
      if (spec.kind === 'noproxy') continue; // errUseProxy: not-found, never the answer
      if (spec.kind === 'off') {
        consider(0, { kind: 'off', message: `module lookup disabled by GOPROXY=off` }, true);
        break;
      }
      if (spec.kind === 'direct') {
        // modfetch.TryProxies: whatever "direct" answers is the answer, its errors included.
        if (this.deps.direct) return this.fromVersionControl(this.deps.direct, path, endpoint, version, decode);
        consider(2, { kind: 'direct', reason: 'direct-entry', message: `GOPROXY reached "direct": ${path} can only be fetched from version control`, why: this.deps.noDirect }, false);
        break;
      }
      const fetched = await this.fetch(spec, path, endpoint, version, signal);
      if (fetched.kind === 'ok') {
        let pending = this.decoded.get(fetched) as Promise<Attempt<T>> | undefined;
        if (!pending) {
          pending = Promise.resolve(decode(fetched.body, spec.redacted));
          this.decoded.set(fetched, pending);
        }
        const decoded = await pending;
        // A refused answer is not kept: it would hold its body (megabytes, for a list) for nothing.
        if (!('ok' in decoded)) this.deps.cache.delete(ResponseCache.key(spec.redacted, path, endpoint, version));
        if ('ok' in decoded) return { kind: 'found', value: decoded.ok, proxy: spec.redacted };
        const message = 'notFound' in decoded ? decoded.notFound : decoded.error;
        consider(1, { kind: 'unavailable', message, proxy: spec.redacted }, false);
        if (!spec.fallBackOnError) break;
        continue;
      }
      if (fetched.kind === 'not-found') {
        consider(0, { kind: 'not-found', message: fetched.message, proxy: spec.redacted }, true);
        continue;
      }
      consider(1, { kind: 'unavailable', message: fetched.message, proxy: spec.redacted }, false);
      if (!spec.fallBackOnError) break;
    }
    return best?.result ?? { kind: 'off', message: ERR_PROXY_OFF };
  }

  private url(spec: Extract<ProxySpec, { kind: 'url' }>, path: string, endpoint: Endpoint, version: string): URL | string {
    const enc = escapePath(path);
    if (enc === undefined) return `malformed module path ${JSON.stringify(path)}`;
    let suffix = '@latest';
    if (endpoint === 'list') suffix = '@v/list';
    else if (endpoint !== 'latest') {
      const ev = escapeVersion(version);
      if (ev === undefined) return `malformed version ${JSON.stringify(version)}`;
      suffix = `@v/${ev}.${endpoint}`;
    }
    const url = new URL(spec.url.href);
    // The URL setter leaves "%XX", "@", "+" and "!" alone, and undici sends the path as given.
    url.pathname = url.pathname.replace(/\/$/, '') + '/' + goRequestPath(`${enc}/${suffix}`);
    return url;
  }

  /**
   * "direct", through the source that asks version control. Cached as a
   * proxy's answers are (memory and disk), and without the lookup deadline:
   * the go command that answers has its own, and git is slower than a proxy.
   */
  private async fromVersionControl<T>(direct: DirectSource, path: string, endpoint: Endpoint, version: string, decode: (body: Buffer, proxy: string) => Attempt<T> | Promise<Attempt<T>>): Promise<Lookup<T>> {
    const key = ResponseCache.key(DIRECT_LABEL, path, endpoint, version);
    const fetched = await this.cached(key, endpoint, undefined, () => direct.get(path, endpoint, version), { what: `${path} ${endpoint}`, from: DIRECT_LABEL });
    if (fetched.kind === 'not-found') return { kind: 'not-found', message: fetched.message, proxy: DIRECT_LABEL };
    if (fetched.kind === 'error') return { kind: 'unavailable', message: fetched.message, proxy: DIRECT_LABEL };
    const decoded = await decode(fetched.body, DIRECT_LABEL);
    if ('ok' in decoded) return { kind: 'found', value: decoded.ok, proxy: DIRECT_LABEL };
    this.deps.cache.delete(key);
    return { kind: 'unavailable', message: 'notFound' in decoded ? decoded.notFound : decoded.error, proxy: DIRECT_LABEL };
  }

  /** One proxy request, answered from the cache when possible. */
  private async fetch(spec: Extract<ProxySpec, { kind: 'url' }>, path: string, endpoint: Endpoint, version: string, signal?: AbortSignal): Promise<Fetched> {
    const url = this.url(spec, path, endpoint, version);
    if (typeof url === 'string') return { kind: 'error', message: url };
    const transport = spec.url.protocol === 'file:' ? this.deps.file : this.deps.http;
    const key = ResponseCache.key(spec.redacted, path, endpoint, version);
    return this.cached(key, endpoint, signal, () => transport.get(url, { maxBytes: BODY_LIMITS[endpoint] }), { what: url.pathname, from: spec.redacted });
  }

  /** One answer, from memory, disk or `get`; identical requests share one fetch, and a stale answer is refreshed. */
  private async cached(key: string, endpoint: Endpoint, signal: AbortSignal | undefined, get: () => Promise<Fetched>, { what, from }: { what: string; from: string }): Promise<Fetched> {
    const start = () => this.shared(key, get);
    if (this.deps.disk && !this.deps.cache.has(key)) {
      const stored = await this.deps.disk.read(key);
      const outdated = (endpoint === 'list' || endpoint === 'latest') && stored !== undefined && stored.storedAt < (this.deps.notBefore ?? 0);
      if (stored && !outdated) this.deps.cache.put(key, stored.value, stored.storedAt);
    }
    const cached = this.deps.cache.get(key, endpoint);
    if (cached.state === 'fresh') return cached.value!;
    if (cached.state === 'stale' && this.deps.awaitStale) {
      const f = await untilAborted(start(), signal, (s) => abortedAnswer(s, what));
      return f.kind === 'error' ? cached.value! : f;
    }
    if (cached.state === 'stale') {
      start().then(
        (f) => f.kind === 'error' && this.deps.log(`refreshing ${what} from ${from} failed: ${f.message}; using the cached answer`),
        (e: unknown) => this.deps.log(`refreshing ${what}: ${String(e)}`),
      );
      return cached.value!;
    }
    // A caller's cancellation must not cancel a fetch others share: race it instead.
    return untilAborted(start(), signal, (s) => abortedAnswer(s, what));
  }

  private shared(key: string, get: () => Promise<Fetched>): Promise<Fetched> {
    let p = this.inFlight.get(key);
    if (!p) {
      p = get().then(
        (f) => {
          const storedAt = this.deps.cache.now();
          this.deps.cache.put(key, f, storedAt);
          if (f.kind !== 'ok' || f.body.length <= DISK_MAX_BODY) this.deps.disk?.write(key, { value: f, storedAt }).catch((e: unknown) => this.deps.log(`cache write: ${String(e)}`));
          return f;
        },
        (e: unknown): Fetched => ({ kind: 'error', message: String(e) }),
      ).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }
}

/** A caller's cancellation: a deadline aborts with its own explanation, a caller with none. */
function abortedAnswer(signal: AbortSignal, what: string): Fetched {
  return { kind: 'error', message: `${what}: ${typeof signal.reason === 'string' ? signal.reason : 'cancelled'}` };
}

function parseInfo(body: Buffer, proxy: string): Attempt<RevInfo> {
  try {
    const v = JSON.parse(String(body)) as { Version?: unknown; Time?: unknown };
    if (typeof v.Version !== 'string') return { error: `invalid response from proxy ${JSON.stringify(proxy)}: no Version` };
    return { ok: { Version: v.Version, Time: typeof v.Time === 'string' ? v.Time : undefined } };
  } catch (e) {
    return { error: `invalid response from proxy ${JSON.stringify(proxy)}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
