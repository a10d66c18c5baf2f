// The machine's real module proxy, for the live suites and benchmarks: the
// first URL of its own `go env GOPROXY` (the current go command's, as the
// machine is set up), whether it answers, and its round-trip time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { systemRoots } from '../../server/src/core/proxy/systemRoots';
import { oracleGos } from './goOracle';
import { isolatedEnv } from './isolatedEnv';

export interface LiveProxy {
  /** The machine's GOPROXY, as `go env` prints it. */
  goproxy: string;
  /** Its first proxy URL, without a trailing slash. */
  url: string;
  reachable: boolean;
  why?: string;
  /** Median of a few small requests (a module's version list). */
  rttMs?: number;
}

const PROBE_PATH = '/golang.org/x/mod/@v/list';
const PROBE_TIMEOUT_MS = 10_000;
const RTT_SAMPLES = 5;

function machineGoproxy(): string {
  const go = oracleGos().at(-1);
  if (go) {
    try {
      const v = execFileSync(go.bin, ['env', 'GOPROXY'], { env: { ...process.env, GOTOOLCHAIN: 'local' }, encoding: 'utf8', timeout: 30_000 }).trim();
      if (v) return v;
    } catch {
      // fall through to the environment and Go's default
    }
  }
  return process.env.GOPROXY || 'https://proxy.golang.org,direct';
}

/** Our own client for the real proxy, trusting what the go command trusts (a TLS-inspecting network's authority included). */
export function liveHttp(concurrency: number, timeoutMs: number): HttpTransport {
  return new HttpTransport({ concurrency, timeoutMs, maxBytes: 16 << 20, netrc: [], ca: systemRoots(process.env, process.platform, readText).pem });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function timedGet(http: HttpTransport, url: string): Promise<{ ok: boolean; ms: number; why?: string }> {
  const t0 = performance.now();
  const r = await http.get(new URL(url));
  return { ok: r.kind === 'ok', ms: performance.now() - t0, why: r.kind === 'ok' ? undefined : r.message };
}

export async function liveProxy(): Promise<LiveProxy> {
  const goproxy = machineGoproxy();
  const url = goproxy.split(/[,|]/).map((s) => s.trim()).find((s) => /^https?:\/\//.test(s))?.replace(/\/+$/, '');
  if (!url) return { goproxy, url: '', reachable: false, why: 'no proxy URL in it' };
  const http = liveHttp(1, PROBE_TIMEOUT_MS);
  try {
    const first = await timedGet(http, url + PROBE_PATH);
    if (!first.ok) return { goproxy, url, reachable: false, why: first.why };
    // Over the connection the first request opened: the round trip, not the handshake.
    const samples: number[] = [];
    for (let i = 0; i < RTT_SAMPLES; i++) samples.push((await timedGet(http, url + PROBE_PATH)).ms);
    samples.sort((a, b) => a - b);
    return { goproxy, url, reachable: true, rttMs: Math.round(samples[Math.floor(samples.length / 2)]) };
  } finally {
    await http.close();
  }
}

/**
 * An isolated environment with its own home that reaches the real proxy: that
 * proxy only (no "direct", no checksum database: neither is reachable here),
 * and, instead of the dead proxy isolatedEnv points at, the machine's own way
 * out if it has one.
 */
export function liveEnv(home: string, proxyUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  // Empty rather than absent: whoever lays this environment over isolatedEnv again
  // (the LSP test client does) must not get the dead proxy back.
  const way: Record<string, string> = { HTTP_PROXY: '', HTTPS_PROXY: '', NO_PROXY: '' };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
    if (process.env[k] !== undefined) way[k] = process.env[k]!;
  }
  return isolatedEnv(home, { GOPROXY: proxyUrl, GOFLAGS: '-mod=mod -modcacherw', ...way, ...extra });
}
