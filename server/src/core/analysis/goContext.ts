// A Go context: everything an analysis needs from the user's Go configuration
// for one folder. The effective Go environment, the go command, the GOPROXY
// list (or the module cache when offline) with its transports and caches, and
// the fact sources built on them. A new fact source is added here once, and
// both faces get it through `gather`. Everything outside comes in through
// GoContextHost.
import { ProxyActivity } from '../proxy/activity';
import { systemRoots } from '../proxy/systemRoots';
import { DEFAULT_POLICY, ResponseCache } from '../proxy/cache';
import { ProxyClient } from '../proxy/client';
import { DiskCache, type DiskCacheFs } from '../proxy/diskCache';
import { FileTransport } from '../proxy/fileTransport';
import { BODY_LIMITS, IN_FLIGHT_BYTES, OTHER_BODY_LIMIT } from '../proxy/limits';
import { netrcPath, parseNetrc } from '../proxy/netrc';
import { parseProxyList, type ProxySpec } from '../proxy/proxyList';
import { type GoEnv, type ResolvedGoEnv, resolveGoEnv } from '../goenv/goEnv';
import { noProxy } from '../goenv/patterns';
import { createGoRunner, findGoBinary, type GoRunner } from '../gocmd/runner';
import { completeFacts, type FactsRecord, gatherTarget, type LookupTarget } from '../facts/requirementFacts';
import type { VulnDeps } from '../facts/vulnFacts';
import type { VulnDatabase, VulnDbLocation } from '../vuln/database';
import { DB_CONCURRENCY, DB_IN_FLIGHT_BYTES } from '../vuln/limits';
import { vulnDbLocation } from '../vuln/location';
import { unusableDatabase } from '../vuln/unusable';
import { goDirectSource } from '../direct/goDirectSource';
import { PublishTimes } from './publishTimes';

export interface GoContextHost {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  cwd: string;
  homeDir: string;
  readFile(path: string): string | undefined;
  /** Fails with code EFBIG, without reading, when the file is larger than maxBytes. */
  readFileAsync(path: string, maxBytes: number): Promise<Buffer>;
  /** For the disk cache. */
  cacheFs?: DiskCacheFs;
  exists(path: string): boolean;
  listDir(dir: string): string[];
  now(): number;
  log(message: string): void;
}

export interface ProbeResult {
  reachable: boolean;
  /** "200", "404 (reachable)", "ECONNREFUSED", "directory exists"... */
  detail: string;
  ms: number;
}

export interface GoContextOptions {
  /** Answer only from GOMODCACHE/cache/download: no network at all. */
  offline?: boolean;
  /** Settings on top of the Go environment (the user's overrides). */
  overrides?: Partial<GoEnv>;
  /** An explicit go binary; otherwise PATH and the usual places are searched. */
  goBinary?: string;
  concurrency?: number;
  /** Each request's own timeout (default 15 s). */
  timeoutMs?: number;
  /** One deadline shared by all the requests of one requirement's lookup (default 20 s). */
  lookupDeadlineMs?: number;
  /** Where proxy answers are kept between runs; undefined: memory only. */
  cacheDir?: string;
  /** The editor: cache writes wait until the proxy is quiet, leaving the CPU to the lookups being shown (the command line writes them meanwhile). */
  cacheWritesWhenQuiet?: boolean;
  /** False in untrusted workspaces: the go command is never run, settings are computed as Go would. */
  allowGoCommand?: boolean;
  /** Cached lists older than this are ignored (after a refresh). */
  notBefore?: number;
  /** How long version lists and @latest answers count as current (default 10 minutes). */
  listFreshMs?: number;
  /** The vulnerability database: a URL that wins over GOVULNDB, or why the check is off. */
  vulnerabilities?: { database?: string; disabledBy?: string };
}

export interface GatherOptions {
  /** Probe /vN paths for newer major versions. */
  majors: boolean;
  /** Fetch the publish time of the version in use. */
  times?: boolean;
  /** False: a first look, the listed versions taken without their .info (completed later). */
  confirm?: boolean;
  /** Ask again for lists older than the cache time before building facts on them (long-lived sessions). */
  revalidate?: boolean;
}

export interface GoContext {
  client: ProxyClient;
  /** Everything known about one requirement, from every fact source. */
  gather(target: LookupTarget, opts: GatherOptions): Promise<FactsRecord>;
  /** Completes a record gathered with `confirm: false` or `majors: false` (requirementFacts' completeFacts). */
  complete(target: LookupTarget, record: FactsRecord, opts: { majors: boolean }): Promise<void>;
  /** Publish times for hovers, fetched on demand. */
  times: PublishTimes;
  /**
   * How long version lists and @latest answers count as current: the one cache
   * time, which also ages the facts built on them (the editor's facts store).
   */
  cacheTimeMs: number;
  goEnv: ResolvedGoEnv;
  go?: GoRunner;
  /** What the proxy list is, for people: "https://proxy.golang.org, then direct". */
  describeProxies: string;
  /** Reachability of a proxy base URL (no module path is sent). */
  probe(url: URL): Promise<ProbeResult>;
  /**
   * Resolves once the module proxy has been quiet for a moment (at most a few
   * seconds): background go commands wait for it, so that they neither take the
   * CPU nor the proxy's answers from the lookups the editor is about to show.
   */
  proxyQuiet(): Promise<void>;
  goBinary?: string;
  /** The vulnerability check, when a database is in use (GOVULNDB, the settings). */
  vulns?: VulnDeps;
  /** Where the vulnerabilities come from, for the reports; also when the check is off, to say why. */
  vulnLocation: VulnDbLocation | { error: string };
  /** Whether modules only version control has (GOPRIVATE, "direct") are resolved, through the go command. */
  versionControl: { used: true } | { used: false; why: string };
  close(): Promise<void>;
}

function describe(specs: ProxySpec[]): string {
  return specs.filter((s) => s.kind !== 'noproxy').map((s) => (s.kind === 'url' ? s.redacted.replace(/\/$/, '') : s.kind)).join(', then ');
}

export async function createGoContext(host: GoContextHost, opts: GoContextOptions = {}): Promise<GoContext | { error: string }> {
  const allowGo = opts.allowGoCommand ?? true;
  const goBinary = allowGo ? findGoBinary(host.env, host.exists, { explicit: opts.goBinary, listDir: host.listDir, platform: host.platform }) : undefined;
  const go = goBinary ? createGoRunner({ goBinary, baseEnv: host.env, platform: host.platform, exists: host.exists }) : undefined;
  const goEnvRun = resolveGoEnv({ env: host.env, readFile: host.readFile, homeDir: host.homeDir, platform: host.platform, runGo: go, cwd: host.cwd }, opts.overrides ?? {});
  // While `go env` runs: load the HTTP client and parse the authorities it
  // trusts, tens of milliseconds of CPU that would otherwise follow it. The
  // client is loaded with the first Go context, so that the commands that never
  // ask a proxy (parse, --version) start without it; undici, with the first
  // origin that does not speak HTTP/2 or a request through HTTP(S)_PROXY.
  const { HttpTransport, prepareTls } = require('../proxy/httpTransport') as typeof import('../proxy/httpTransport');
  const roots = systemRoots(host.env, host.platform, host.readFile);
  if (roots.pem && !opts.offline) prepareTls(roots.pem);
  const goEnv = await goEnvRun;
  for (const w of goEnv.warnings) host.log(w);
  const env = goEnv.values;

  let specs: ProxySpec[];
  let isNoProxy: (path: string) => boolean;
  if (opts.offline) {
    if (!env.GOMODCACHE) return { error: 'offline mode needs the module cache, but GOMODCACHE is empty' };
    const dir = `${env.GOMODCACHE.replace(/[\\/]+$/, '')}/cache/download`;
    const list = parseProxyList(`file://${dir.startsWith('/') ? '' : '/'}${dir.replace(/\\/g, '/')}`, '');
    if (!list.ok) return { error: list.error };
    specs = list.specs;
    isNoProxy = () => false; // the module cache is local: private modules may be read from it
  } else {
    const list = parseProxyList(env.GOPROXY, env.GONOPROXY);
    if (!list.ok) return { error: `GOPROXY=${JSON.stringify(env.GOPROXY)}: ${list.error}` };
    specs = list.specs;
    isNoProxy = (path) => noProxy(env, path);
  }

  const policy = opts.listFreshMs === undefined ? DEFAULT_POLICY : { ...DEFAULT_POLICY, listFreshMs: opts.listFreshMs };
  const netrcText = host.readFile(netrcPath(host.env, host.homeDir, host.platform));
  const e = (k: string) => host.env[k] ?? host.env[k.toLowerCase()];
  const transport = (concurrency: number, inFlightBytes: number) => new HttpTransport({
    concurrency,
    ca: roots.pem,
    timeoutMs: opts.timeoutMs ?? 15_000,
    // Module lookups pass their endpoint's cap (limits.ts); this one is for the probe.
    maxBytes: OTHER_BODY_LIMIT,
    inFlightBytes,
    netrc: netrcText ? parseNetrc(netrcText) : [],
    proxyEnv: { httpProxy: e('HTTP_PROXY'), httpsProxy: e('HTTPS_PROXY'), noProxy: e('NO_PROXY') },
  });
  const http = transport(opts.concurrency ?? 64, IN_FLIGHT_BYTES);
  // Every read names its own cap (limits.ts, the database client's); this one is for reads that name none.
  const file = new FileTransport({ readFile: host.readFileAsync }, BODY_LIMITS.mod);
  const activity = new ProxyActivity(host.now);
  // Offline, the module cache answers for private modules too; with no go command, nothing can.
  const direct = go && !opts.offline ? goDirectSource({ go, env: { ...host.env, ...env }, readFile: host.readFileAsync, startWhen: () => activity.quiet() }) : undefined;
  const versionControl: GoContext['versionControl'] = direct ? { used: true }
    : opts.offline ? { used: false, why: 'offline mode reads only the module cache' }
      : { used: false, why: allowGo ? 'no go command was found to fetch them from version control' : 'restricted mode (an untrusted workspace) runs neither git nor the go command' };
  const disk = opts.cacheDir && host.cacheFs ? new DiskCache(opts.cacheDir, host.cacheFs, host.log, opts.cacheWritesWhenQuiet ? () => activity.quiet() : undefined) : undefined;
  const client = new ProxyClient({
    specs,
    isNoProxy,
    http: activity.track(http),
    file,
    cache: new ResponseCache(host.now, policy),
    disk,
    notBefore: opts.notBefore,
    // A little more than one request's timeout, so that a "|" list can still
    // fall through a proxy that hung to the next one.
    lookupDeadlineMs: opts.lookupDeadlineMs ?? 20_000,
    direct,
    noDirect: versionControl.used ? undefined : versionControl.why,
    log: host.log,
  });
  const probe = async (url: URL): Promise<ProbeResult> => {
    const t0 = host.now();
    if (url.protocol === 'file:') {
      const ok = host.exists(decodeURIComponent(url.pathname));
      return { reachable: ok, detail: ok ? 'directory exists' : 'directory missing', ms: host.now() - t0 };
    }
    const r = await http.get(url);
    const ms = host.now() - t0;
    if (r.kind === 'ok') return { reachable: true, detail: 'answers', ms };
    if (r.kind === 'not-found') return { reachable: true, detail: `answers (${r.status} for the base URL)`, ms };
    return { reachable: false, detail: r.message, ms };
  };
  const vulnLocation = vulnDbLocation({ govulndb: host.env.GOVULNDB, override: opts.vulnerabilities?.database, disabledBy: opts.vulnerabilities?.disabledBy });
  let db: VulnDatabase | undefined;
  let vulnHttp: InstanceType<typeof HttpTransport> | undefined;
  if ('error' in vulnLocation) db = unusableDatabase(vulnLocation.error);
  else if (vulnLocation.kind === 'url') {
    const { createVulnDatabase } = require('../vuln/client') as typeof import('../vuln/client');
    // Its own connections and slots: its three steps (db.json, modules.json,
    // the entries) would otherwise each wait behind hundreds of proxy requests.
    vulnHttp = transport(DB_CONCURRENCY, DB_IN_FLIGHT_BYTES);
    db = createVulnDatabase(vulnLocation, {
      http: vulnHttp, file,
      disk,
      now: host.now, offline: opts.offline ?? false, freshMs: policy.listFreshMs, timeoutMs: opts.timeoutMs ?? 15_000, log: host.log,
    });
  }
  // As govulncheck scanning source or modules: every platform counts (an entry limited to windows still applies to a module a build may target there).
  const vulns: VulnDeps | undefined = db && { db, match: { now: host.now() } };
  return {
    client, goEnv, go, goBinary, probe, proxyQuiet: () => activity.quiet(),
    gather: (t, g) => gatherTarget(t, { repo: g.revalidate ? client.revalidating() : client, majors: g.majors, times: g.times, confirm: g.confirm, vulns }, goEnv.goVersion),
    complete: (t, r, o) => completeFacts(client, t, r, o),
    times: new PublishTimes(client, host.log),
    cacheTimeMs: policy.listFreshMs,
    describeProxies: opts.offline ? `the module cache (${env.GOMODCACHE})` : `${describe(specs)}${direct && env.GONOPROXY ? ' (GONOPROXY modules: version control)' : ''}`,
    vulns, vulnLocation, versionControl,
    close: async () => {
      await db?.close();
      direct?.close();
      // The answers still being written: a later run reads them from the cache.
      await Promise.all([http.close(), vulnHttp?.close(), disk?.flush()]);
    },
  };
}
