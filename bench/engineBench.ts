// Engine benchmark: checking 50, 200 and 1,000 requirements against the
// loopback test proxy at 0, 20 and 50 ms latency per request, cold and warm,
// next to `go list -m -u -json <paths>` on the same proxy in the same run.
// Writes bench/engine-report.md and bench/engine-report.json.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isolatedGoEnv, runGo } from '../test/support/goList';
import { findGo } from '../test/support/goOracle';
import { buildProxyTree, fixtureModulesDir } from '../test/support/moduleFixtures';
import { startProxyServer } from '../test/support/proxyServer';
import { writeReport } from './reportFiles';

const SIZES = [50, 200, 1000];
const LATENCIES = [0, 20, 50];

function goMod(n: number): string {
  const reqs = Array.from({ length: n }, (_, i) => `\texample.com/gen/m${String(i).padStart(3, '0')} ${['v0.2.0', 'v1.0.0', 'v1.1.0', 'v1.3.0'][i % 4]}`);
  return `module example.com/bench\n\ngo 1.21\n\nrequire (\n${reqs.join('\n')}\n)\n`;
}

function runEngine(proxyUrl: string, file: string): Promise<{ coldMs: number; warmMs: number; maxRssMb: number; updates: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'engineRun.js'), proxyUrl, file], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr || String(err)));
      else resolve(JSON.parse(stdout));
    });
  });
}

async function main(): Promise<void> {
  const goBin = findGo();
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-enginebench-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'), { generated: Math.max(...SIZES) });
  const server = await startProxyServer({ root: tree.root });
  const rows: Record<string, unknown>[] = [];
  try {
    for (const n of SIZES) {
      const modDir = path.join(dir, `m${n}`);
      mkdirSync(modDir);
      const file = path.join(modDir, 'go.mod');
      writeFileSync(file, goMod(n));
      for (const latency of LATENCIES) {
        server.setLatency(latency);
        server.requests.length = 0;
        const ours = await runEngine(server.url, file);
        const requests = server.requests.length;
        let goMs: number | undefined;
        let goRequests: number | undefined;
        if (goBin) {
          const home = path.join(dir, `home-${n}-${latency}`);
          const work = path.join(home, 'work');
          mkdirSync(work, { recursive: true });
          writeFileSync(path.join(work, 'go.mod'), goMod(n));
          const paths = Array.from({ length: n }, (_, i) => `example.com/gen/m${String(i).padStart(3, '0')}`);
          server.requests.length = 0;
          const t0 = performance.now();
          const r = await runGo(goBin, ['list', '-m', '-u', '-json', ...paths], work, isolatedGoEnv(home, server.url), 600_000);
          goMs = performance.now() - t0;
          goRequests = server.requests.length;
          if (r.code !== 0) throw new Error(`go list failed: ${r.stderr.slice(0, 500)}`);
          rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
        }
        const row = {
          requirements: n, latencyMs: latency,
          coldMs: Math.round(ours.coldMs), warmMs: Number(ours.warmMs.toFixed(1)),
          requestsPerRequirement: Number((requests / n).toFixed(2)), peakRssMb: Math.round(ours.maxRssMb),
          goListMs: goMs === undefined ? undefined : Math.round(goMs),
          goListRequestsPerRequirement: goRequests === undefined ? undefined : Number((goRequests / n).toFixed(2)),
          speedup: goMs === undefined ? undefined : Number((goMs / ours.coldMs).toFixed(1)),
        };
        rows.push(row);
        process.stderr.write(JSON.stringify(row) + '\n');
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
  const table = rows.map((r) => `| ${r.requirements} | ${r.latencyMs} | ${r.coldMs} | ${r.warmMs} | ${r.requestsPerRequirement} | ${r.peakRssMb} | ${r.goListMs ?? 'n/a'} | ${r.goListRequestsPerRequirement ?? 'n/a'} | ${r.speedup ?? 'n/a'}x |`);
  const md = `# Engine benchmark

Checking a go.mod against the loopback test proxy (generated modules, 8 versions each, some retracted or deprecated),
with the given latency added to every proxy response. "Cold" is the first analysis in a fresh process (empty cache);
"warm" is the second, answered from the cache. Requests include probing for newer major versions. The peer is
\`go list -m -u -json <paths>\` on the same proxy, in the same run, with an empty module cache. ${process.version}, ${new Date().toISOString().slice(0, 10)}, 2 cores.

| requirements | latency ms | cold ms | warm ms | requests / requirement | peak RSS MB | go list ms | go list requests / requirement | go list / cold |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table.join('\n')}
`;
  writeReport('engine-report', md, rows);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
