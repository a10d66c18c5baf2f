// Vulnerability benchmark, against a database the size of vuln.go.dev (about
// 1,400 modules and 4,300 index lines, test/support/vulnDbGenerator.ts) with
// entries on the loopback proxy's generated modules mixed in:
// 1. matching 1,000 requirements once the index and their entries are loaded;
// 2. the database requests of a cold and a warm `check` (the CLI, one process each);
// 3. a cold check with the database next to the same check with --no-vulns, at
//    20 ms latency on the proxy and the database, with the index download alone;
// 4. the language server's memory after a 1,000-requirement go.mod is checked
//    with the index loaded, over a real LSP connection.
// Writes bench/vuln-report.md and bench/vuln-report.json.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { VulnEntry } from '../server/src/core/vuln/osv';
import { candidateIds, vulnerabilitiesOf } from '../server/src/core/vuln/match';
import { isolatedEnv } from '../test/support/isolatedEnv';
import { LspTestClient } from '../test/support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../test/support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../test/support/proxyServer';
import { generateVulnDbEntries, type OsvJson, writeVulnDb } from '../test/support/vulnDb';
import { vulnDbClient } from '../test/support/vulnDbHarness';
import { median, writeReport } from './reportFiles';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const MATCH_REQUIREMENTS = 1000;
const MATCH_RUNS = 25;
const CHECK_REQUIREMENTS = 200;
const LATENCY_MS = 20;
// Pairs of runs, alternating; the figure is the median of the pairs' differences,
// which the machine's noise (hundreds of ms between runs) moves least.
const COLD_RUNS = 15;
const SERVER_REQUIREMENTS = 1000;
// V8 gives memory back when the process has been idle for a few seconds (its
// memory reducer); the figure is the resident size once that has happened.
const IDLE_S = 20;

const genPath = (i: number) => `example.com/gen/m${String(i).padStart(3, '0')}`;
const genVersion = (i: number) => ['v0.2.0', 'v1.0.0', 'v1.1.0', 'v1.3.0'][i % 4];

function goMod(n: number): string {
  const reqs = Array.from({ length: n }, (_, i) => `\t${genPath(i)} ${genVersion(i)}`);
  return `module example.com/bench\n\ngo 1.21\n\nrequire (\n${reqs.join('\n')}\n)\n`;
}

/** The generated database, plus an entry on every fifth proxy module (fixed in 1.1.0), so that checks find some. */
function databaseEntries(): { entries: OsvJson[]; dbModules: string[] } {
  const gen = generateVulnDbEntries({ seed: 2024 });
  const onProxy: OsvJson[] = [];
  for (let i = 0; i < SERVER_REQUIREMENTS; i += 5) {
    onProxy.push({
      id: `GO-2099-${String(5000 + i)}`, modified: '2024-05-01T00:00:00Z', summary: `A flaw in ${genPath(i)}`, details: '',
      affected: [{ package: { name: genPath(i), ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }], ecosystem_specific: { imports: [{ path: genPath(i) }] } }],
    });
  }
  return { entries: [...gen.entries, ...onProxy], dbModules: gen.modules };
}

/** 1. Matching alone: the index and every requirement's candidate entries are in memory. */
async function matching(fileUrl: string, dbModules: string[]) {
  const { db, close } = vulnDbClient(fileUrl, { timeoutMs: 30_000 });
  try {
    const index = await db.index();
    if (index.kind !== 'ok') throw new Error(index.message);
    // Half the requirements are modules the database names, at versions spread over their ranges.
    const reqs = Array.from({ length: MATCH_REQUIREMENTS }, (_, i) => (i % 2 === 0
      ? { path: dbModules[(i * 7) % dbModules.length], version: `v${i % 3}.${i % 20}.${i % 10}` }
      : { path: `example.com/app/dep${i}`, version: 'v1.2.3' }));
    const entriesOf = new Map<string, VulnEntry[]>();
    for (const r of reqs) {
      const ids = candidateIds(index.value.byPath.get(r.path), r.version);
      const got = ids.length > 0 ? await db.entries(ids) : { kind: 'ok' as const, value: [] };
      if (got.kind !== 'ok') throw new Error(got.message);
      entriesOf.set(`${r.path}@${r.version}`, got.value);
    }
    const opts = { now: Date.now() };
    const times: number[] = [];
    let found = 0;
    for (let run = 0; run < MATCH_RUNS; run++) {
      const t0 = performance.now();
      found = 0;
      for (const r of reqs) {
        // What the pipeline does per requirement once its entries are read: choose the candidates, then match.
        const ids = new Set(candidateIds(index.value.byPath.get(r.path), r.version).map((c) => c.id));
        const entries = entriesOf.get(`${r.path}@${r.version}`)!.filter((e) => ids.has(e.id));
        found += vulnerabilitiesOf(r.path, r.version, entries, opts).length;
      }
      times.push(performance.now() - t0);
    }
    const indexLines = [...index.value.byPath.values()].reduce((n, m) => n + m.vulns.length, 0);
    return { requirements: reqs.length, indexModules: index.value.byPath.size, indexLines, vulnerabilitiesFound: found, medianMs: Number(median(times).toFixed(2)), minMs: Number(Math.min(...times).toFixed(2)) };
  } finally {
    await close();
  }
}

interface CheckRun { ms: number; code: number; vulnerable: number; byEndpoint: Record<string, number> }

function endpointOf(p: string): string {
  if (p.startsWith('/ID/')) return 'ID/<id>.json.gz';
  return p.replace(/^\//, '');
}

/** One `check --json` in a fresh process, with its requests to the database counted per endpoint. */
function runCheck(dir: string, cacheHome: string, proxy: ProxyServer, vulndb: ProxyServer, extra: string[]): Promise<CheckRun> {
  const env = isolatedEnv(path.join(dir, 'home'), { GOPROXY: proxy.url, GOVULNDB: vulndb.url, XDG_CACHE_HOME: cacheHome });
  vulndb.requests.length = 0;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, 'check', '--json', ...extra, path.join(dir, 'app')], { env, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const ms = performance.now() - t0;
      const code = err ? Number(err.code) : 0;
      if (code > 1) return reject(new Error(`check failed (exit ${code}): ${stderr}`));
      const out = JSON.parse(stdout) as { modules: { Vulnerabilities?: unknown[] }[] };
      const byEndpoint: Record<string, number> = {};
      for (const r of vulndb.requests) byEndpoint[endpointOf(r.path)] = (byEndpoint[endpointOf(r.path)] ?? 0) + 1;
      resolve({ ms, code, vulnerable: out.modules.filter((m) => (m.Vulnerabilities?.length ?? 0) > 0).length, byEndpoint });
    });
  });
}

/** 3b. The index download alone at the same latency: db.json, then modules.json. */
async function indexDownloadMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const { db, close } = vulnDbClient(url, { timeoutMs: 30_000 });
    const t0 = performance.now();
    const index = await db.index();
    times.push(performance.now() - t0);
    await close();
    if (index.kind !== 'ok') throw new Error(index.message);
  }
  return median(times);
}

/** 4. The language server after checking a 1,000-requirement go.mod with the index loaded. */
async function serverMemory(dir: string, proxy: ProxyServer, vulndb: ProxyServer, govulndb: string) {
  const client = new LspTestClient({ GOPROXY: proxy.url, GOVULNDB: govulndb });
  client.settings = { debounceMs: 100 };
  try {
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } });
    const file = path.join(dir, `server-${govulndb === 'off' ? 'off' : 'db'}`, 'go.mod');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, goMod(SERVER_REQUIREMENTS));
    const uri = pathToFileURL(file).toString();
    vulndb.requests.length = 0;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: goMod(SERVER_REQUIREMENTS) } });
    await client.waitFor((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done', 0, 180_000);
    const diagnostics = [...client.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    const vulnerable = (diagnostics?.params.diagnostics ?? []).filter((d: { code?: string }) => d.code === 'vulnerability').length;
    const afterCheck = client.rssMb();
    const samples: number[] = [];
    for (let s = 0; s < IDLE_S; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      samples.push(Math.round(client.rssMb() ?? 0));
    }
    const idle = client.rssMb();
    const entriesFetched = vulndb.requests.filter((r) => r.path.startsWith('/ID/')).length;
    return { requirements: SERVER_REQUIREMENTS, vulnerable, entriesFetched, rssAfterCheckMb: afterCheck && Math.round(afterCheck), rssIdleMb: idle && Math.round(idle), rssEverySecondMb: samples };
  } finally {
    await client.dispose();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulnbench-'));
  const { entries, dbModules } = databaseEntries();
  const written = writeVulnDb(path.join(dir, 'vulndb'), entries);
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'), { generated: SERVER_REQUIREMENTS });
  const proxy = await startProxyServer({ root: tree.root });
  const vulndb = await startProxyServer({ root: written.root });
  try {
    const match = await matching(written.fileUrl, dbModules);
    process.stderr.write(`matching: ${JSON.stringify(match)}\n`);

    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'go.mod'), goMod(CHECK_REQUIREMENTS));
    // 2. Cold, then warm: a second process on the same cache directory, within the cache time.
    const cache = path.join(dir, 'cache-warm');
    const cold = await runCheck(dir, cache, proxy, vulndb, []);
    const warm = await runCheck(dir, cache, proxy, vulndb, []);
    process.stderr.write(`requests: cold ${JSON.stringify(cold.byEndpoint)}, warm ${JSON.stringify(warm.byEndpoint)}\n`);

    // 3. Cold with and without the database, at the same latency on both servers, alternating.
    proxy.setLatency(LATENCY_MS);
    vulndb.setLatency(LATENCY_MS);
    const withDb: number[] = [];
    const without: number[] = [];
    let vulnerable = 0;
    for (let i = 0; i < COLD_RUNS; i++) {
      const a = await runCheck(dir, path.join(dir, `cache-with-${i}`), proxy, vulndb, []);
      const b = await runCheck(dir, path.join(dir, `cache-without-${i}`), proxy, vulndb, ['--no-vulns']);
      withDb.push(a.ms);
      without.push(b.ms);
      vulnerable = a.vulnerable;
    }
    const indexMs = await indexDownloadMs(vulndb.url);
    proxy.setLatency(0);
    vulndb.setLatency(0);
    const coldWith = median(withDb);
    const coldWithout = median(without);
    const extraMs = median(withDb.map((ms, i) => ms - without[i]));
    const budgetMs = LATENCY_MS + indexMs;

    const memory = await serverMemory(dir, proxy, vulndb, vulndb.url);
    // The same server and go.mod without the vulnerability check: the peer of the figure above.
    const memoryOff = await serverMemory(dir, proxy, vulndb, 'off');
    process.stderr.write(`memory: ${JSON.stringify(memory)}, without the database: ${JSON.stringify(memoryOff)}\n`);

    const warmDbJson = warm.byEndpoint['index/db.json.gz'] ?? 0;
    const warmOther = Object.entries(warm.byEndpoint).filter(([k]) => k !== 'index/db.json.gz').reduce((n, [, v]) => n + v, 0);
    const verdict = {
      matching: match.medianMs < 10,
      warmRequests: warmDbJson <= 1 && warmOther === 0,
      coldExtra: extraMs <= budgetMs,
      memory: memory.rssIdleMb !== undefined && memory.rssIdleMb < 100,
    };
    const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
    const report = {
      date: new Date().toISOString(), node: process.version, cores: cpus().length,
      database: { modules: match.indexModules, indexLines: match.indexLines, entries: entries.length },
      matching: match, requests: { cold: cold.byEndpoint, warm: warm.byEndpoint },
      cold: { requirements: CHECK_REQUIREMENTS, latencyMs: LATENCY_MS, runs: COLD_RUNS, withDbMs: Math.round(coldWith), noVulnsMs: Math.round(coldWithout), extraMs: Math.round(extraMs), indexDownloadMs: Math.round(indexMs), vulnerableFound: vulnerable, allWithMs: withDb.map(Math.round), allWithoutMs: without.map(Math.round) },
      memory, memoryWithoutDatabase: memoryOff, verdict,
    };
    const fmt = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    const md = `# Vulnerability benchmark

${report.date.slice(0, 10)}, Node ${report.node}, ${report.cores} cores. \`npm run bench\` (bench/vulnBench.ts) rewrites this file.
The database: ${report.database.entries} entries on ${report.database.modules} modules (${report.database.indexLines} lines in
\`index/modules.json\`), the size of vuln.go.dev, generated (test/support/vulnDbGenerator.ts), with an entry on every fifth
module of the loopback proxy's generated modules. Served over loopback HTTP (gzip) unless said otherwise.

| figure | measured | target | verdict |
| --- | --- | --- | --- |
| matching ${match.requirements} requirements (half of them modules the database names), index and entries in memory; median of ${MATCH_RUNS} | ${match.medianMs} ms (min ${match.minMs} ms; ${match.vulnerabilitiesFound} vulnerabilities found) | under 10 ms | ${yes(verdict.matching)} |
| database requests of a warm \`check\` (second process, same cache, within the cache time) | ${fmt(warm.byEndpoint)} | one \`db.json\`, or none | ${yes(verdict.warmRequests)} |
| database requests of the cold \`check\` before it | ${fmt(cold.byEndpoint)} | | |
| cold \`check\` of ${CHECK_REQUIREMENTS} requirements at ${LATENCY_MS} ms latency, with the database / with \`--no-vulns\` (medians of ${COLD_RUNS} alternating pairs) | ${report.cold.withDbMs} ms / ${report.cold.noVulnsMs} ms: ${report.cold.extraMs} ms more (median of the pairs' differences, ${(extraMs / LATENCY_MS).toFixed(1)} round trips); ${vulnerable} requirements vulnerable | at most one round trip plus the index download (${LATENCY_MS} + ${report.cold.indexDownloadMs} = ${Math.round(budgetMs)} ms) | ${yes(verdict.coldExtra)} |
| the index download alone at that latency (\`db.json\`, then \`modules.json\`) | ${report.cold.indexDownloadMs} ms | | |
| language server resident memory ${IDLE_S} s after checking ${memory.requirements} requirements, index loaded | ${memory.rssIdleMb ?? 'n/a'} MB (${memory.rssAfterCheckMb ?? 'n/a'} MB right after) | under 100 MB | ${yes(verdict.memory)} |
| the same without the database (\`GOVULNDB=off\`), same run | ${memoryOff.rssIdleMb ?? 'n/a'} MB (${memoryOff.rssAfterCheckMb ?? 'n/a'} MB right after) | | |
| entries the server fetched (\`ID/<id>.json\`) for those ${memory.requirements} requirements; ${memory.vulnerable} vulnerability warnings | ${memory.entriesFetched} of ${report.database.entries} | only entries of required modules | |

Individual cold runs, with the database: ${report.cold.allWithMs.join(', ')} ms; with \`--no-vulns\`: ${report.cold.allWithoutMs.join(', ')} ms.
Server resident memory each second after the check, with the database: ${memory.rssEverySecondMb.join(', ')} MB; without: ${memoryOff.rssEverySecondMb.join(', ')} MB.
The machines are noisy: compare the two columns of one run, not runs of different days.
`;
    writeReport('vuln-report', md, report);
  } finally {
    await proxy.close();
    await vulndb.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
