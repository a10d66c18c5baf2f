// One engine measurement in a fresh process (so "cold" means cold and peak
// memory is this run's own): analyze a go.mod twice against a proxy, print JSON.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/core/analysis/pipeline';
import { engineClient } from '../test/support/engineClient';

async function main(): Promise<void> {
  const [proxyUrl, goModPath] = process.argv.slice(2);
  const text = readFileSync(goModPath, 'utf8');
  const { client, close } = engineClient({ goproxy: proxyUrl, timeoutMs: 30_000, concurrency: 64 });
  const input = { text, filename: 'go.mod', kind: 'mod' as const, checkGoSum: false };
  const deps = { repo: client, exists: () => true, majors: true };
  let t0 = performance.now();
  const cold = await analyze(input, deps);
  const coldMs = performance.now() - t0;
  t0 = performance.now();
  await analyze(input, deps);
  const warmMs = performance.now() - t0;
  await close();
  const updates = cold.modules.filter((m) => m.Update).length;
  process.stdout.write(JSON.stringify({ coldMs, warmMs, maxRssMb: process.resourceUsage().maxRSS / 1024, updates, modules: cold.modules.length }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(String(e) + '\n');
  process.exitCode = 1;
});
