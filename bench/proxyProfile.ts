// Where a cold check's time goes on the machine's real module proxy: every
// request of one `check --json --no-vulns --no-cache` of a real go.mod, in
// process, timed and sorted into phases (list, info, mod, @latest, the
// newer-major probes), with the start-up before the first request, the
// requests in flight, and the chain of round trips each requirement waits on.
// Usage: npm run bench:profile [-- corpus file] (default: golangci-lint's).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCheck } from '../server/src/cli/check';
import { parseFile } from '../server/src/core/gomod/parse';
import { escapePath } from '../server/src/core/module/escape';
import { HttpTransport } from '../server/src/core/proxy/httpTransport';
import { REPO_ROOT } from '../test/support/corpus';
import { liveEnv, liveProxy } from '../test/support/liveProxy';

export interface Timed {
  url: string;
  /** Asked for (waiting for one of the transport's slots from here). */
  queued: number;
  /** Sent, in a slot. */
  start: number;
  end: number;
  kind: string;
}

type Fetch = (url: URL, opts: unknown) => Promise<{ kind: string }>;

/** Records every request the proxy client makes: when it was asked for, sent, and answered. */
export function traceRequests(): { requests: Timed[]; stop: () => void } {
  const requests: Timed[] = [];
  const proto = HttpTransport.prototype as unknown as { get: Fetch; fetchFollowingRedirects: Fetch };
  const [get, send] = [proto.get, proto.fetchFollowingRedirects];
  const sentAt = new WeakMap<URL, number>();
  proto.fetchFollowingRedirects = function (this: unknown, url, opts) {
    sentAt.set(url, performance.now());
    return send.call(this, url, opts);
  };
  proto.get = async function (this: unknown, url, opts) {
    const queued = performance.now();
    const r = await get.call(this, url, opts);
    requests.push({ url: url.pathname, queued, start: sentAt.get(url) ?? queued, end: performance.now(), kind: r.kind });
    return r;
  };
  return { requests, stop: () => Object.assign(proto, { get, fetchFollowingRedirects: send }) };
}

export function phaseOf(p: string): string {
  if (p.endsWith('/@latest')) return '@latest';
  if (p.endsWith('/@v/list')) return 'list';
  if (p.endsWith('.info')) return 'info';
  if (p.endsWith('.mod')) return 'mod';
  return 'other';
}

/** The module a request is about, escaped as in its URL (the path before /@v/ or /@latest). */
function moduleOf(p: string): string {
  return p.replace(/^\/+/, '').replace(/\/@(v\/.*|latest)$/, '');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

export interface Profile {
  requirements: number;
  wallMs: number;
  /** From the start of the check to its first request. */
  startUpMs: number;
  /** From the last answer to the end of the check. */
  afterLastMs: number;
  requests: number;
  maxInFlight: number;
  phases: Record<string, { n: number; medianMs: number; medianQueuedMs: number; maxMs: number; notOk: number }>;
  /** Per requirement: its first request to its last answer. */
  chain: { medianMs: number; maxMs: number; medianRequests: number; medianStartMs: number; lastStartMs: number };
  slowest: string[];
}

/** One cold check (no disk cache, a new home) of a go.mod's text on the proxy at proxyUrl, traced. */
export async function profileCheck(text: string, proxyUrl: string): Promise<Profile> {
  const reqs = parseFile(text, { filename: 'go.mod', kind: 'mod' }).directives.require;
  const root = mkdtempSync(path.join(tmpdir(), 'gmh-profile-'));
  const trace = traceRequests();
  try {
    writeFileSync(path.join(root, 'go.mod'), text);
    const env = liveEnv(path.join(root, 'home'), proxyUrl);
    const t0 = performance.now();
    const code = await runCheck(['--json', '--no-vulns', ...(process.env.PROFILE_DISK ? [] : ['--no-cache']), '--fail-on', 'none', root], {
      out: () => undefined, err: (s) => process.stderr.write(s), stdoutIsTty: false, stderrIsTty: false, columns: 100, env, cwd: root, usage: (m) => { throw new Error(m); },
    });
    if (code !== 0) throw new Error(`check exited with ${code}`);
    const wall = performance.now() - t0;
    const rs = trace.requests;
    if (process.env.PROFILE_DUMP) writeFileSync(process.env.PROFILE_DUMP, JSON.stringify(rs.map((r) => ({ ...r, queued: r.queued - t0, start: r.start - t0, end: r.end - t0 }))));
    const first = Math.min(...rs.map((r) => r.queued)) - t0;
    const last = Math.max(...rs.map((r) => r.end)) - t0;
    // Requests in flight, sampled at every start.
    const maxInFlight = Math.max(...rs.map((r) => rs.filter((o) => o.start <= r.start && o.end > r.start).length));
    const byPhase = new Map<string, Timed[]>();
    for (const r of rs) byPhase.set(phaseOf(r.url), [...(byPhase.get(phaseOf(r.url)) ?? []), r]);
    // A requirement's chain: its own requests and its /vN probes, first start to last end.
    const chains = reqs.map((q) => {
      const own = escapePath(q.mod.path) ?? q.mod.path;
      const family = own.replace(/\/v\d+$/, '');
      const mine = rs.filter((r) => { const m = moduleOf(r.url); return m === own || m.replace(/\/v\d+$/, '') === family; });
      if (mine.length === 0) return undefined;
      const s = Math.min(...mine.map((r) => r.queued));
      const e = Math.max(...mine.map((r) => r.end));
      return { path: q.mod.path, ms: e - s, requests: mine.length, waited: s - t0 };
    }).filter((c) => c !== undefined);
    const ms = (xs: number[]) => Math.round(median(xs));
    return {
      requirements: reqs.length, wallMs: Math.round(wall), startUpMs: Math.round(first), afterLastMs: Math.round(wall - last),
      requests: rs.length, maxInFlight,
      phases: Object.fromEntries([...byPhase].map(([k, v]) => [k, {
        n: v.length, medianMs: ms(v.map((r) => r.end - r.start)), medianQueuedMs: ms(v.map((r) => r.start - r.queued)), maxMs: Math.round(Math.max(...v.map((r) => r.end - r.start))), notOk: v.filter((r) => r.kind !== 'ok').length,
      }])),
      chain: { medianMs: ms(chains.map((c) => c.ms)), maxMs: Math.round(Math.max(...chains.map((c) => c.ms))), medianRequests: median(chains.map((c) => c.requests)), medianStartMs: ms(chains.map((c) => c.waited)), lastStartMs: Math.round(Math.max(...chains.map((c) => c.waited))) },
      slowest: chains.sort((x, y) => y.ms - x.ms).slice(0, 5).map((c) => `${c.path} ${Math.round(c.ms)} ms / ${c.requests} requests`),
    };
  } finally {
    trace.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const live = await liveProxy();
  if (!live.reachable) {
    console.log(`skipped: no module proxy reachable (GOPROXY=${live.goproxy})`);
    return;
  }
  const file = process.argv[2] ?? 'golangci__golangci-lint.mod';
  const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'corpus', 'realworld', file), 'utf8');
  console.log(JSON.stringify({ file, proxy: live.url, rttMs: live.rttMs, ...(await profileCheck(text, live.url)) }, null, 1));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
