// Private modules benchmark: 20 modules on a loopback git server (smart HTTP,
// go-import meta tags) with 20 ms latency on every response, and 20 public
// modules on the loopback module proxy.
// 1. The cold check of the private part: `check --json` next to
//    `go list -m -u -json` on the same go.mod and setup, alternating, each with
//    an empty module cache.
// 2. `git ls-remote` of one repository alone: the least that resolving a
//    module from git by hand would cost, next to what the go command costs per
//    module (the choice the README explains).
// 3. The public part in the editor: time from opening a go.mod to the inlay
//    hints of its 20 public requirements, with and without the 20 private
//    ones beside them.
// Writes bench/private-report.md and bench/private-report.json.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startForwardProxy } from '../test/support/forwardProxy';
import { CORP_HOST, makeBareRepos, type RepoDescription } from '../test/support/gitRepos';
import { corpGitEnv, type GitServer, startGitServer } from '../test/support/gitServer';
import { runGo } from '../test/support/goList';
import { findGo } from '../test/support/goOracle';
import { isolatedEnv } from '../test/support/isolatedEnv';
import { LspTestClient } from '../test/support/lspClient';
import { buildProxyTree, fixtureModulesDir } from '../test/support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../test/support/proxyServer';
import { median, writeReport } from './reportFiles';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const PRIVATE = 20;
const PUBLIC = 20;
const LATENCY_MS = 20;
const RUNS = 3;
const EDITOR_RUNS = 7;

const privatePath = (i: number) => `${CORP_HOST}/svc/m${String(i).padStart(2, '0')}`;
const publicPath = (i: number) => `example.com/gen/m${String(i).padStart(3, '0')}`;

/** Each private module: four releases, the go.mod's requirement on the first. */
function repos(): RepoDescription[] {
  return Array.from({ length: PRIVATE }, (_, i) => {
    const mod = privatePath(i);
    const goMod = `module ${mod}\n\ngo 1.21\n`;
    return {
      name: `svc/m${String(i).padStart(2, '0')}`,
      goImport: mod,
      commits: ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1'].map((tag, k) => ({
        date: `2024-0${k + 1}-10T09:00:00Z`,
        files: { 'go.mod': goMod, 'm.go': `package m\n\nconst Release = "${tag}"\n` },
        tags: [tag],
      })),
    };
  });
}

function goModText(privateCount: number, publicCount: number): string {
  const reqs = [
    ...Array.from({ length: privateCount }, (_, i) => `\t${privatePath(i)} v1.0.0`),
    ...Array.from({ length: publicCount }, (_, i) => `\t${publicPath(i)} v1.0.0`),
  ];
  return `module example.com/bench\n\ngo 1.21\n\nrequire (\n${reqs.join('\n')}\n)\n`;
}

function writeModule(dir: string, name: string, text: string): string {
  const mod = path.join(dir, name);
  mkdirSync(mod, { recursive: true });
  writeFileSync(path.join(mod, 'go.mod'), text);
  return mod;
}

function timed(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number; stdout: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 }, (err, stdout) => {
      resolve({ ms: performance.now() - t0, code: err ? Number(err.code ?? 1) : 0, stdout });
    });
  });
}

/** Time from didOpen until every public requirement has its update hint. */
async function hintsMs(dir: string, env: Record<string, string>, goBin: string, text: string, name: string): Promise<number> {
  const client = new LspTestClient(env);
  client.settings = { debounceMs: 0, goBinary: goBin };
  try {
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, inlayHint: { refreshSupport: true } } }, { trusted: true });
    const mod = writeModule(dir, name, text);
    const uri = pathToFileURL(path.join(mod, 'go.mod')).toString();
    const firstPublicLine = 5 + text.split('\n').slice(5).findIndex((l) => l.includes('example.com/gen/'));
    const t0 = performance.now();
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
    for (;;) {
      const hints = (await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as { position: { line: number } }[] | null;
      const lines = new Set((hints ?? []).map((x) => x.position.line));
      let all = true;
      for (let l = firstPublicLine; l < firstPublicLine + PUBLIC; l++) if (!lines.has(l)) all = false;
      if (all) return performance.now() - t0;
      if (performance.now() - t0 > 120_000) throw new Error('the public hints did not arrive within 120 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await client.dispose();
  }
}

async function main(): Promise<void> {
  const goBin = findGo() ?? '/usr/local/go/bin/go';
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-privatebench-'));
  const descs = repos();
  makeBareRepos(path.join(dir, 'repos'), descs);
  const git: GitServer = await startGitServer({ root: path.join(dir, 'repos'), repos: descs });
  const fwd = await startForwardProxy({ host: '127.0.0.1', port: git.port });
  const proxy: ProxyServer = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy'), { generated: PUBLIC }).root });
  const env = (home: string) => {
    const corp = corpGitEnv(home, git, { metaViaProxy: fwd, goproxy: proxy.url });
    return { ...isolatedEnv(home), ...corp, PATH: `${path.dirname(goBin)}:${corp.PATH}` } as Record<string, string>;
  };
  try {
    git.setLatency(LATENCY_MS);
    proxy.setLatency(LATENCY_MS);
    // 1. The private part, cold: each run with its own home (module cache, our cache).
    const app = writeModule(dir, 'private-only', goModText(PRIVATE, 0));
    const ours: number[] = [];
    const goList: number[] = [];
    let gitRequestsOurs = 0;
    let gitRequestsGo = 0;
    for (let i = 0; i < RUNS; i++) {
      let before = git.requests.length;
      const a = await timed(process.execPath, [CLI, 'check', '--json'], app, env(mkdtempSync(path.join(dir, 'home-'))));
      if (!a.stdout.includes('"Update"')) throw new Error(`check found no updates: ${a.stdout.slice(0, 500)}`);
      ours.push(a.ms);
      gitRequestsOurs = git.requests.length - before;
      before = git.requests.length;
      const b = await timed(goBin, ['list', '-m', '-u', '-json', '-e', 'all'], app, env(mkdtempSync(path.join(dir, 'home-'))));
      if (b.code !== 0) throw new Error('go list failed');
      goList.push(b.ms);
      gitRequestsGo = git.requests.length - before;
    }
    // 2. One git ls-remote at the same latency: the floor of resolving a module from git by hand.
    const lsRemote: number[] = [];
    for (let i = 0; i < 5; i++) {
      const home = mkdtempSync(path.join(dir, 'home-'));
      const r = await timed('git', ['ls-remote', '--tags', `https://${CORP_HOST}/svc/m00`], home, env(home));
      if (r.code !== 0) throw new Error('git ls-remote failed');
      lsRemote.push(r.ms);
    }
    // 3. The public part in the editor, with and without the private part.
    const withPrivate: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < EDITOR_RUNS; i++) {
      withPrivate.push(await hintsMs(dir, env(mkdtempSync(path.join(dir, 'home-'))), goBin, goModText(PRIVATE, PUBLIC), `mixed-${i}`));
      without.push(await hintsMs(dir, env(mkdtempSync(path.join(dir, 'home-'))), goBin, goModText(0, PUBLIC), `public-${i}`));
    }
    const goVersion = (await runGo(goBin, ['version'], dir, env(dir))).stdout.trim();
    const report = {
      date: new Date().toISOString(), node: process.version, cores: cpus().length, go: goVersion, latencyMs: LATENCY_MS,
      private: { modules: PRIVATE, runs: RUNS, oursMs: Math.round(median(ours)), goListMs: Math.round(median(goList)), allOurs: ours.map(Math.round), allGoList: goList.map(Math.round), gitRequestsOurs, gitRequestsGo },
      lsRemoteMs: Math.round(median(lsRemote)),
      editor: { publicModules: PUBLIC, runs: EDITOR_RUNS, withPrivateMs: Math.round(median(withPrivate)), withoutMs: Math.round(median(without)), allWith: withPrivate.map(Math.round), allWithout: without.map(Math.round) },
    };
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const md = `# Private modules benchmark

${report.date.slice(0, 10)}, Node ${report.node}, ${report.cores} cores, ${report.go}. \`npm run bench\` (bench/privateBench.ts) rewrites this file.
${PRIVATE} private modules (four releases each) on a loopback git server (\`git http-backend\`, go-import meta tags, reached as
${CORP_HOST} through url.insteadOf), and ${PUBLIC} public modules on the loopback module proxy; ${LATENCY_MS} ms latency on every
response of both. Cold: an empty module cache and an empty cache of ours for every run.

| figure | measured | peer, same run | ratio |
| --- | --- | --- | --- |
| cold check of the ${PRIVATE} private requirements (\`check --json\`, which finds updates, retractions, deprecations and newer majors), median of ${RUNS} | ${report.private.oursMs} ms | \`go list -m -u -json -e all\`: ${report.private.goListMs} ms | ${ratio(report.private.oursMs, report.private.goListMs)} |
| git server requests of one run (ours also asks for each newer major, /v2 and up) | ${gitRequestsOurs} | go list: ${gitRequestsGo} | |
| one \`git ls-remote --tags\` at that latency (the least one module costs resolved from git by hand) | ${report.lsRemoteMs} ms | the check's wall time per private module (resolved ${PRIVATE} at once): ${Math.round(report.private.oursMs / PRIVATE)} ms | |
| editor: open to the inlay hints of all ${PUBLIC} public requirements, with ${PRIVATE} private requirements beside them, median of ${EDITOR_RUNS} | ${report.editor.withPrivateMs} ms | without the private ones: ${report.editor.withoutMs} ms | ${ratio(report.editor.withPrivateMs, report.editor.withoutMs)} |

Individual runs, check: ${ours.map(Math.round).join(', ')} ms; go list: ${goList.map(Math.round).join(', ')} ms. Editor with the private part:
${withPrivate.map(Math.round).join(', ')} ms; without: ${without.map(Math.round).join(', ')} ms.
The machines are noisy: compare the columns of one run, not runs of different days.
`;
    writeReport('private-report', md, report);
  } finally {
    await Promise.all([git.close(), fwd.close(), proxy.close()]);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
