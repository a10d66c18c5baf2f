// Real-world benchmark: real go.mod files of three sizes (the requirements of
// three corpus files, test/fixtures/corpus/realworld) on the machine's real
// module proxy, each tool cold (empty module cache, empty caches of its own)
// and warm (the same caches, a new process), in one run:
// 1. the editor: our language server from didOpen to the end of its check (the
//    inlay hints are there), next to gopls' "Check for upgrades"
//    (gopls.check_upgrades over LSP) until its upgrade diagnostics arrive;
// 2. the command line: `check --json` next to `go list -m -u -json all`;
// 3. vulnerabilities: our findings next to `govulncheck -scan module -format
//    json`, on the same go.mod and the same database (a file:// copy in the v1
//    layout, written from the OSV files of the golang.org/x/vulndb module),
//    in time and in the IDs found.
// gopls and govulncheck are installed here, at pinned versions, with
// `go install` from the module proxy (into .tools/bench). Without a reachable
// proxy it says so and writes nothing. Writes bench/real-world-report.md/.json.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { parseFile } from '../server/src/core/gomod/parse';
import { escapePath, escapeVersion } from '../server/src/core/module/escape';
import type { HttpTransport } from '../server/src/core/proxy/httpTransport';
import { REPO_ROOT } from '../test/support/corpus';
import { parseJsonStream } from '../test/support/goList';
import { oracleGos } from '../test/support/goOracle';
import { liveEnv, liveHttp, liveProxy } from '../test/support/liveProxy';
import { LspTestClient } from '../test/support/lspClient';
import { type OsvJson, writeVulnDb } from '../test/support/vulnDb';
import { importingWorkspace } from './importingWorkspace';
import { type Profile, profileCheck } from './proxyProfile';
import { writeReport } from './reportFiles';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const TOOLS = path.join(REPO_ROOT, '.tools', 'bench');
const GOPLS = 'golang.org/x/tools/gopls@v0.23.0';
const GOVULNCHECK = 'golang.org/x/vuln/cmd/govulncheck@v1.9.0';
const VULNDB = 'golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018';
const SIZES = [
  { name: 'grpc-go', file: 'grpc__grpc-go.mod' },
  { name: 'minio', file: 'minio__minio.mod' },
  { name: 'golangci-lint', file: 'golangci__golangci-lint.mod' },
];
const TIMEOUT_MS = 600_000;

type Env = Record<string, string>;

function run(file: string, args: string[], cwd: string, env: Env, timeoutMs = TIMEOUT_MS): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** A home of its own (module cache, build cache, our cache): cold when new, warm when used again. */
function homeEnv(home: string, proxyUrl: string, extra: Env = {}): Env {
  mkdirSync(home, { recursive: true });
  return liveEnv(home, proxyUrl, extra);
}

/** Whether the proxy serves what the go command asks about a requirement: its list, and the version's .info and .mod. */
async function served(http: HttpTransport, proxyUrl: string, modPath: string, version: string): Promise<boolean> {
  const [p, v] = [escapePath(modPath), escapeVersion(version)];
  if (p === undefined || v === undefined) return false;
  const base = `${proxyUrl}/${p}/@v/`;
  const answers = await Promise.all([`${base}list`, `${base}${v}.info`, `${base}${v}.mod`].map((u) => http.get(new URL(u))));
  return answers.every((a) => a.kind === 'ok');
}

/**
 * The requirements of a corpus file that this proxy serves (a partial mirror
 * refuses some versions, and gopls' upgrade check then fails as a whole), as
 * a module of our own with a main package (gopls needs one).
 */
async function workspace(root: string, name: string, file: string, proxyUrl: string): Promise<{ dir: string; requirements: string[]; inFile: number }> {
  const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'corpus', 'realworld', file), 'utf8');
  const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const http = liveHttp(16, 30_000);
  const ok = await Promise.all(p.directives.require.map((r) => served(http, proxyUrl, r.mod.path, r.mod.version)));
  await http.close();
  const kept = p.directives.require.filter((_, i) => ok[i]);
  const reqs = kept.map((r) => `\t${r.mod.path} ${r.mod.version}${r.indirect ? ' // indirect' : ''}`);
  const dir = path.join(root, 'ws', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'go.mod'), `module example.com/bench/${name}\n\ngo ${p.directives.go?.version ?? '1.21'}\n\nrequire (\n${reqs.join('\n')}\n)\n`);
  writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  return { dir, requirements: kept.map((r) => r.mod.path), inFile: p.directives.require.length };
}


async function install(goBin: string, pkg: string, env: Env): Promise<string> {
  const bin = path.join(TOOLS, path.basename(pkg.split('@')[0]));
  if (existsSync(bin) && existsSync(`${bin}.version`) && readFileSync(`${bin}.version`, 'utf8') === pkg) return bin;
  const r = await run(goBin, ['install', pkg], REPO_ROOT, { ...env, GOBIN: TOOLS });
  if (r.code !== 0) throw new Error(`go install ${pkg}: ${r.stderr}`);
  writeFileSync(`${bin}.version`, pkg);
  return bin;
}

/** gopls from its start to the upgrade diagnostics that "Check for upgrades" publishes on go.mod. */
async function goplsUpgrades(gopls: string, dir: string, env: Env, modules: string[]): Promise<{ ms: number; upgrades: number }> {
  const proc = spawn(gopls, ['serve'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += String(d)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(path.join(dir, 'go.mod')).toString();
  let done: (n: number) => void = () => undefined;
  const arrived = new Promise<number>((r) => (done = r));
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string }[] }) => {
    const n = p.diagnostics.filter((d) => /can be upgraded/.test(d.message)).length;
    if (p.uri === uri && n > 0) done(n);
  });
  conn.onRequest(() => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.listen();
  const t0 = performance.now();
  try {
    const root = pathToFileURL(dir).toString();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }], capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: readFileSync(path.join(dir, 'go.mod'), 'utf8') } });
    await conn.sendRequest('workspace/executeCommand', { command: 'gopls.check_upgrades', arguments: [{ URI: uri, Modules: modules }] });
    const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`gopls: no upgrade diagnostics within ${TIMEOUT_MS} ms\n${stderr.slice(-2000)}`)), TIMEOUT_MS).unref());
    const upgrades = await Promise.race([arrived, timeout]);
    return { ms: performance.now() - t0, upgrades };
  } finally {
    conn.dispose();
    proc.kill();
  }
}

/**
 * Our language server from its start to the update hints shown (the first
 * inlay-hint refresh after which they are there), and to the end of its first
 * check, newer majors included (they are looked for after the updates are shown).
 */
async function oursUpgrades(dir: string, env: Env): Promise<{ ms: number; hints: number; doneMs: number }> {
  const t0 = performance.now();
  const client = new LspTestClient(env);
  client.settings = { debounceMs: 0 };
  try {
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } }, { trusted: true });
    const uri = pathToFileURL(path.join(dir, 'go.mod')).toString();
    const text = readFileSync(path.join(dir, 'go.mod'), 'utf8');
    const label = (h: { label: string | { value: string }[] }) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const updateHints = async () => {
      const hints = (await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } })) as { label: string | { value: string }[] }[] | null;
      return (hints ?? []).filter((h) => label(h).includes('→')).length;
    };
    const refreshesBefore = client.serverRequests.length;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
    const isDone = (n: { method: string; params: { uri?: string; state?: string } }) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done';
    let shown: { ms: number; hints: number } | undefined;
    for (let seen = refreshesBefore; !client.notifications.some(isDone);) {
      const refresh = client.serverRequests.slice(seen).findIndex((r) => r.method === 'workspace/inlayHint/refresh');
      if (refresh >= 0 && !shown) {
        const ms = performance.now() - t0;
        const hints = await updateHints();
        if (hints > 0) shown = { ms, hints };
        seen += refresh + 1;
      }
      if (performance.now() - t0 > TIMEOUT_MS) throw new Error('our server: no end of check');
      await new Promise((r) => setTimeout(r, 2));
    }
    const doneMs = performance.now() - t0;
    // A check that could not reach the proxy also ends, quickly: that is a failure, not a figure.
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1);
    const failed = (published?.params.diagnostics as { code?: string; message: string }[] | undefined)?.find((d) => d.code === 'lookup-failed');
    if (failed) throw new Error(`our check failed: ${failed.message}`);
    const hints = await updateHints();
    return { ms: shown?.ms ?? doneMs, hints, doneMs };
  } finally {
    await client.dispose();
  }
}

/** The v1 database from x/vulndb's OSV files, once. */
async function vulnDb(goBin: string, root: string, env: Env): Promise<{ url: string; entries: number }> {
  const r = await run(goBin, ['mod', 'download', '-json', VULNDB], root, env);
  const moduleDir = (JSON.parse(r.stdout) as { Dir?: string; Error?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download ${VULNDB}: ${r.stdout}${r.stderr}`);
  const osvDir = path.join(moduleDir, 'data', 'osv');
  const entries = readdirSync(osvDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(osvDir, f), 'utf8')) as OsvJson);
  const db = writeVulnDb(path.join(root, 'vulndb'), entries, { forms: ['json'] });
  return { url: db.fileUrl, entries: entries.length };
}

interface VulnView {
  /** The module versions the scan covered. */
  modules: Map<string, string>;
  /** "module ID" pairs found. */
  pairs: Set<string>;
}

/** What govulncheck's module scan covered (its SBOM) and found, the standard library left out. */
function govulncheckView(stdout: string): VulnView {
  const view: VulnView = { modules: new Map(), pairs: new Set() };
  type Message = { SBOM?: { modules?: { path: string; version?: string }[] }; finding?: { osv: string; trace?: { module?: string }[] } };
  for (const m of parseJsonStream(stdout) as Message[]) {
    for (const mod of m.SBOM?.modules ?? []) if (mod.version) view.modules.set(mod.path, mod.version);
    const mod = m.finding?.trace?.[0]?.module;
    if (m.finding && mod && mod !== 'stdlib' && mod !== 'toolchain') view.pairs.add(`${mod} ${m.finding.osv}`);
  }
  view.modules.delete('stdlib');
  return view;
}

function ourView(stdout: string): VulnView {
  const view: VulnView = { modules: new Map(), pairs: new Set() };
  for (const m of (JSON.parse(stdout) as { modules: { Path: string; Version: string; Vulnerabilities?: { ID: string }[] }[] }).modules) {
    view.modules.set(m.Path, m.Version);
    for (const v of m.Vulnerabilities ?? []) view.pairs.add(`${m.Path} ${v.ID}`);
  }
  return view;
}

/** The two views on the module versions both covered: the pairs each found, and those only one did. */
function compareVulns(ours: VulnView, theirs: VulnView) {
  const both = new Set([...ours.modules].filter(([p, v]) => theirs.modules.get(p) === v).map(([p]) => p));
  const on = (pairs: Set<string>) => [...pairs].filter((x) => both.has(x.split(' ')[0]));
  const a = on(ours.pairs);
  const b = new Set(on(theirs.pairs));
  return {
    modulesCompared: both.size,
    pairsOurs: a.length,
    pairsGovulncheck: b.size,
    onlyOurs: a.filter((x) => !b.has(x)),
    onlyGovulncheck: [...b].filter((x) => !a.includes(x)),
    // Ours on requirements govulncheck did not cover (no importable package here), not compared.
    oursElsewhere: [...ours.pairs].filter((x) => !both.has(x.split(' ')[0])).length,
  };
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);

/**
 * The two targets on the largest file: the update hints at least 20 times
 * sooner than gopls' upgrade diagnostics (the editor, cold), and a cold check
 * within three round trips plus start-up. Start-up is the process's own
 * (\`--version\`, measured) plus the check's time before its first request.
 */
function targets(big: Record<string, unknown>, rttMs: number, processStartMs: number): string {
  const editor = big['editor-cold'] as { oursMs: number; goplsMs: number };
  const cli = big['cli-cold'] as { oursMs: number };
  const p = big.profile as Profile;
  const startUp = processStartMs + p.startUpMs;
  const budget = 3 * rttMs + startUp;
  const requests = p.wallMs - p.startUpMs - p.afterLastMs;
  const times = editor.goplsMs / editor.oursMs;
  return `Targets, on ${big.name} (${big.requirements} requirements): the update hints came ${times.toFixed(1)}x sooner than gopls' upgrade diagnostics (target 20x: ${times >= 20 ? 'met' : 'not met'}). `
    + `Three round trips plus start-up are 3 × ${rttMs} ms + ${startUp} ms = ${budget} ms; the cold check's ${p.requests} requests (at most ${p.maxInFlight} in flight) took ${s(requests)} from the first to the last answer, `
    + `and the whole check ${s(cli.oursMs)} from process start to exit, cache writes included (${startUp + requests <= budget ? 'met' : 'not met'}: the proxy's time to answer a burst, not the round trip, bounds it).`;
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const live = await liveProxy();
  if (!live.reachable) {
    console.log(`skipped: no module proxy reachable (GOPROXY=${live.goproxy}); bench/real-world-report.md is left as it was`);
    return;
  }
  const go = oracleGos().at(-1);
  if (!go) throw new Error('no go command');
  // Every tool finds this go first on PATH: ours, gopls and govulncheck run the same go command.
  process.env.PATH = `${path.dirname(go.bin)}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  const root = mkdtempSync(path.join(tmpdir(), 'gmh-realworld-'));
  mkdirSync(TOOLS, { recursive: true });
  try {
    const toolEnv = homeEnv(path.join(TOOLS, 'home'), live.url);
    const gopls = await install(go.bin, GOPLS, toolEnv);
    const govulncheck = await install(go.bin, GOVULNCHECK, toolEnv);
    // The command line's own start, without a check: the median of five.
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) starts.push((await run(process.execPath, [CLI, '--version'], root, toolEnv)).ms);
    const processStartMs = Math.round(starts.sort((x, y) => x - y)[2]);
    const db = await vulnDb(go.bin, root, homeEnv(path.join(root, 'dbhome'), live.url));
    const rows: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      const ws = await workspace(root, size.name, size.file, live.url);
      const home = (who: string) => path.join(root, 'homes', size.name, who);
      const row: Record<string, unknown> = { name: size.name, requirements: ws.requirements.length, inFile: ws.inFile };
      // 0. Where our cold time goes, request by request (our caches empty; in process).
      row.profile = await profileCheck(readFileSync(path.join(ws.dir, 'go.mod'), 'utf8'), live.url);
      // 1. The editor, cold then warm, each tool in its own home.
      for (const phase of ['cold', 'warm'] as const) {
        const ours = await oursUpgrades(ws.dir, homeEnv(home('ours-lsp'), live.url));
        const theirs = await goplsUpgrades(gopls, ws.dir, homeEnv(home('gopls'), live.url), ws.requirements);
        row[`editor-${phase}`] = { oursMs: Math.round(ours.ms), oursDoneMs: Math.round(ours.doneMs), hints: ours.hints, goplsMs: Math.round(theirs.ms), goplsUpgrades: theirs.upgrades };
      }
      // 2. The command line.
      for (const phase of ['cold', 'warm'] as const) {
        const ours = await run(process.execPath, [CLI, 'check', '--json', '--no-vulns', '--fail-on', 'none'], ws.dir, homeEnv(home('ours-cli'), live.url));
        const theirs = await run(go.bin, ['list', '-m', '-u', '-json', '-e', 'all'], ws.dir, homeEnv(home('go-list'), live.url));
        row[`cli-${phase}`] = { oursMs: Math.round(ours.ms), goListMs: Math.round(theirs.ms), oursExit: ours.code, goListExit: theirs.code };
      }
      // 3. Vulnerabilities, on the same database: ours on the go.mod, govulncheck on a copy whose
      // main package imports a package of each module (its module scan reads the imports).
      const ours = await run(process.execPath, [CLI, 'check', '--json', '--fail-on', 'none'], ws.dir, homeEnv(home('ours-cli'), live.url, { GOVULNDB: db.url }));
      const importing = await importingWorkspace(go.bin, ws.dir, path.join(root, 'ws-vuln', size.name), homeEnv(home('go-list'), live.url), ws.requirements);
      const theirs = await run(govulncheck, ['-scan', 'module', '-format', 'json', '-db', db.url], importing.dir, homeEnv(home('go-list'), live.url));
      row.vulns = {
        oursMs: Math.round(ours.ms), govulncheckMs: Math.round(theirs.ms), imported: importing.imported.size, notImportable: importing.notImportable,
        ...compareVulns(ourView(ours.stdout), govulncheckView(theirs.stdout)), govulncheckExit: theirs.code, govulncheckStderr: theirs.stderr.slice(0, 500),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    const report = { date: new Date().toISOString(), node: process.version, cores: cpus().length, go: go.version, gopls: GOPLS, govulncheck: GOVULNCHECK, vulndb: VULNDB, vulnEntries: db.entries, proxy: live.url, proxyRttMs: live.rttMs, processStartMs, rows };
    type Pair = { oursMs: number; goplsMs?: number; goListMs?: number };
    const line = (r: Record<string, unknown>, key: string, peer: 'goplsMs' | 'goListMs') => {
      const x = r[key] as Pair;
      return `${s(x.oursMs)} | ${s(x[peer]!)} | ${ratio(x[peer]!, x.oursMs)}x`;
    };
    const md = `# Real-world benchmark

${report.date.slice(0, 10)}, Node ${report.node}, ${report.cores} cores, ${report.go}, ${GOPLS.split('@')[0].split('/').pop()} ${GOPLS.split('@')[1]}, govulncheck ${GOVULNCHECK.split('@')[1]}.
\`npm run bench:real\` (bench/realWorldBench.ts) rewrites this file. Proxy: ${live.url} (the machine's GOPROXY), measured round trip
${live.rttMs} ms on a kept-alive connection. Go.mod files: the requirements of three corpus files
(test/fixtures/corpus/realworld), less the versions this proxy does not serve (it is a partial mirror; "19 of 20" below).
Cold: empty module cache and empty caches of the tool; warm: the same caches, a new
process. The last column is how many times longer the peer took.

## Editor: from start to the upgrades shown (ours: the update inlay hints there; gopls: its "can be upgraded" diagnostics after gopls.check_upgrades)

| go.mod | requirements | cold: ours | gopls | | warm: ours | gopls | |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.requirements} of ${r.inFile} | ${line(r, 'editor-cold', 'goplsMs')} | ${line(r, 'editor-warm', 'goplsMs')} |`).join('\n')}

Upgrades found (ours: update hints; gopls: upgrade diagnostics): ${rows.map((r) => `${r.name} ${(r['editor-cold'] as { hints: number }).hints} / ${(r['editor-cold'] as { goplsUpgrades: number }).goplsUpgrades}`).join(', ')}.
Newer major versions, which gopls does not look for, follow the update hints: our check ended, majors included, at
${rows.map((r) => `${r.name} ${s((r['editor-cold'] as { oursDoneMs: number }).oursDoneMs)} / ${s((r['editor-warm'] as { oursDoneMs: number }).oursDoneMs)}`).join(', ')} (cold / warm).

## Command line: \`check --json\` next to \`go list -m -u -json all\`

| go.mod | requirements | cold: ours | go list | | warm: ours | go list | |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.requirements} of ${r.inFile} | ${line(r, 'cli-cold', 'goListMs')} | ${line(r, 'cli-warm', 'goListMs')} |`).join('\n')}

## Vulnerabilities: our findings next to \`govulncheck -scan module -format json\`, same go.mod, same database (${db.entries} OSV entries of ${VULNDB}, as a file:// v1 database)

govulncheck's module scan takes its modules from the packages the code imports, so it runs in a copy of the
workspace whose main.go imports one package of each module (bench/importingWorkspace.ts: the shallowest package
the go command lists without errors); the module sources are downloaded before it is timed. We check the go.mod
itself. The pairs are compared on the module versions both covered (govulncheck's SBOM against our requirements),
the standard library left out.

| go.mod | ours | govulncheck | | modules compared | (module, ID) pairs: ours | govulncheck | only ours | only govulncheck |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => {
  const v = r.vulns as { oursMs: number; govulncheckMs: number; modulesCompared: number; pairsOurs: number; pairsGovulncheck: number; onlyOurs: string[]; onlyGovulncheck: string[] };
  return `| ${r.name} | ${s(v.oursMs)} | ${s(v.govulncheckMs)} | ${ratio(v.govulncheckMs, v.oursMs)}x | ${v.modulesCompared} of ${r.requirements} | ${v.pairsOurs} | ${v.pairsGovulncheck} | ${v.onlyOurs.length} | ${v.onlyGovulncheck.length} |`;
}).join('\n')}

${rows.map((r) => {
  const v = r.vulns as { notImportable: string[]; oursElsewhere: number; onlyOurs: string[]; onlyGovulncheck: string[] };
  const differ = [...v.onlyOurs.map((x) => `only ours: ${x}`), ...v.onlyGovulncheck.map((x) => `only govulncheck: ${x}`)];
  return `- ${r.name}: ${v.notImportable.length} modules with no package to import here${v.notImportable.length ? ` (${v.notImportable.slice(0, 8).join(', ')}${v.notImportable.length > 8 ? ', …' : ''})` : ''}, where we found ${v.oursElsewhere} pairs that are not compared.${differ.length ? ` Differences: ${differ.join('; ')}.` : ''}`;
}).join('\n')}

## Where a cold check's time goes (\`npm run bench:profile\`: every request of one \`check --json --no-vulns --no-cache\`, in process)

| go.mod | requirements | check | start-up | requests | most in flight | list (median) | info | mod | per requirement (median / slowest) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => {
  const p = r.profile as Profile;
  const ph = (k: string) => (p.phases[k] ? `${p.phases[k].n} × ${p.phases[k].medianMs} ms` : '–');
  return `| ${r.name} | ${p.requirements} | ${s(p.wallMs)} | ${p.startUpMs} ms | ${p.requests} | ${p.maxInFlight} | ${ph('list')} | ${ph('info')} | ${ph('mod')} | ${p.chain.medianMs} / ${p.chain.maxMs} ms |`;
}).join('\n')}

"list" includes the next major's probe (\`/vN/@v/list\`, mostly 404), asked for together with the module's own list;
info and mod (the latest version's, for the update's time, retractions and deprecation) follow the list. The
kept-alive round trip was ${live.rttMs} ms; the proxy's answers in a burst take far longer than that (the medians above).
${targets(rows.at(-1)!, live.rttMs ?? 0, processStartMs)}

The machines are noisy: compare the columns of one run, not runs of different days.
`;
    writeReport('real-world-report', md, report);
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
