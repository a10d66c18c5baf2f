// Hostile-proxy benchmark: the language server checks a go.mod whose every
// requirement is served by a misbehaving loopback proxy (endless chunked
// bodies for lists and go.mod files, lists of 380,000 and 500,000 lines), while
// a hover is asked every 50 ms. Measures the server's peak resident memory and
// the hover answer times during the check. Writes bench/hostile-report.md and .json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BODY_LIMITS, IN_FLIGHT_BYTES, MAX_LIST_VERSIONS } from '../server/src/core/proxy/limits';
import { SERVER_NODE_FLAGS } from '../shared/nodeFlags';
import { LspTestClient } from '../test/support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../test/support/moduleFixtures';
import { spawn } from 'node:child_process';
import { moduleName as name } from './hostileProxyProcess';
import { writeReport } from './reportFiles';

const N = 200;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-hostilebench-'));
  const tree = buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'), { generated: N });
  const proxyProc = spawn(process.execPath, [path.join(__dirname, 'hostileProxyProcess.js'), tree.root, String(N)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const proxy = {
    url: await new Promise<string>((resolve, reject) => {
      let out = '';
      proxyProc.stdout!.on('data', (d) => {
        out += String(d);
        if (out.includes('\n')) resolve(out.trim());
      });
      proxyProc.once('exit', (code) => reject(new Error(`the proxy process exited (${code})`)));
    }),
    close: async () => void proxyProc.kill('SIGTERM'),
  };
  const client = new LspTestClient({ GOPROXY: proxy.url });
  client.settings = { debounceMs: 0 };
  try {
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } });
    const rssStart = client.rssMb() ?? 0;
    const text = `module example.com/bench\n\ngo 1.21\n\nrequire (\n${Array.from({ length: N }, (_, i) => `\t${name(i)} v1.0.0`).join('\n')}\n)\n`;
    const file = path.join(dir, 'go.mod');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    let peak = rssStart;
    const sampler = setInterval(() => (peak = Math.max(peak, client.rssMb() ?? 0)), 50);
    const t0 = performance.now();
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
    const done = () => client.notifications.some((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done');
    const hovers: number[] = [];
    while (!done() && performance.now() - t0 < 300_000) {
      const h0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5 + (hovers.length % N), character: 4 } });
      hovers.push(performance.now() - h0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const checkMs = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, client.rssMb() ?? 0);
    hovers.sort((a, b) => a - b);
    const at = (q: number) => Number(hovers[Math.min(hovers.length - 1, Math.floor(hovers.length * q))].toFixed(1));
    const report = {
      date: new Date().toISOString(), node: process.version, requirements: N,
      checkMs: Math.round(checkMs), hovers: hovers.length,
      hoverMs: { median: at(0.5), p95: at(0.95), max: Number(hovers[hovers.length - 1].toFixed(1)) },
      serverRssPeakMb: Math.round(peak), serverRssAtStartMb: Math.round(rssStart),
      caps: { list: BODY_LIMITS.list, info: BODY_LIMITS.info, latest: BODY_LIMITS.latest, mod: BODY_LIMITS.mod, inFlight: IN_FLIGHT_BYTES },
    };
    const md = `# Hostile proxy benchmark

The language server (\`node ${SERVER_NODE_FLAGS.join(' ')} dist/cli.js lsp --stdio\`, real stdio LSP) checks a go.mod with ${N}
requirements, all served by a loopback proxy that misbehaves: a quarter of the lists never end (chunked), a
quarter have 380,000 lines and a quarter 500,000 lines (both over the caps), and a
quarter of the modules have go.mod bodies that never end. A hover is asked every 50 ms until the check is done
(${report.hovers} hovers over ${report.checkMs} ms). ${process.version}, ${report.date.slice(0, 10)}, 2 cores.

| measure | value | target |
| --- | ---: | ---: |
| server memory (RSS), peak during the check | ${report.serverRssPeakMb} MB | < 150 MB |
| server memory (RSS) at start | ${report.serverRssAtStartMb} MB | |
| hover answer, median | ${report.hoverMs.median} ms | |
| hover answer, 95th percentile | ${report.hoverMs.p95} ms | < 100 ms |
| hover answer, slowest | ${report.hoverMs.max} ms | |

Caps (server/src/core/proxy/limits.ts): list ${BODY_LIMITS.list >> 20} MiB and ${MAX_LIST_VERSIONS} versions, .info and @latest ${BODY_LIMITS.info >> 10} KiB,
.mod ${BODY_LIMITS.mod >> 20} MiB (the go command's codehost.MaxGoMod), and ${IN_FLIGHT_BYTES >> 20} MiB for all bodies being read at once.
`;
    writeReport('hostile-report', md, report);
  } finally {
    await client.dispose();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
