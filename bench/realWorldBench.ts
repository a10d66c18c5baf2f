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

/** Our language server from its start to the end of its first check of go.mod. */
async function oursUpgrades(dir: string, env: Env): Promise<{ ms: number; hints: number }> {
  const t0 = performance.now();
  const client = new LspTestClient(env);
  client.settings = { debounceMs: 0 };
  try {
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, inlayHint: { refreshSupport: true } }, window: { workDoneProgress: true } }, { trusted: true });
    const uri = pathToFileURL(path.join(dir, 'go.mod')).toString();
    const text = readFileSync(path.join(dir, 'go.mod'), 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text } });
    await client.waitFor((n) => n.method === 'goModHygiene/status' && n.params.uri === uri && n.params.state === 'done', 0, TIMEOUT_MS);
    const ms = performance.now() - t0;
    const hints = (await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } })) as { label: string | { value: string }[] }[] | null;
    const label = (h: { label: string | { value: string }[] }) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    return { ms, hints: (hints ?? []).filter((h) => label(h).includes('→')).length };
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

/** (module, id) pairs govulncheck reports in module mode. */
function govulncheckIds(stdout: string): Set<string> {
  const out = new Set<string>();
  for (const m of parseJsonStream(stdout) as { finding?: { osv: string; trace?: { module?: string }[] } }[]) {
    const mod = m.finding?.trace?.[0]?.module;
    if (m.finding && mod && mod !== 'stdlib' && mod !== 'toolchain') out.add(`${mod} ${m.finding.osv}`);
  }
  return out;
}

function ourIds(stdout: string): Set<string> {
  const out = new Set<string>();
  for (const m of (JSON.parse(stdout) as { modules: { Path: string; Vulnerabilities?: { ID: string }[] }[] }).modules) {
    for (const v of m.Vulnerabilities ?? []) out.add(`${m.Path} ${v.ID}`);
  }
  return out;
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);
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
    const db = await vulnDb(go.bin, root, homeEnv(path.join(root, 'dbhome'), live.url));
    const rows: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      const ws = await workspace(root, size.name, size.file, live.url);
      const home = (who: string) => path.join(root, 'homes', size.name, who);
      const row: Record<string, unknown> = { name: size.name, requirements: ws.requirements.length, inFile: ws.inFile };
      // 1. The editor, cold then warm, each tool in its own home.
      for (const phase of ['cold', 'warm'] as const) {
        const ours = await oursUpgrades(ws.dir, homeEnv(home('ours-lsp'), live.url));
        const theirs = await goplsUpgrades(gopls, ws.dir, homeEnv(home('gopls'), live.url), ws.requirements);
        row[`editor-${phase}`] = { oursMs: Math.round(ours.ms), hints: ours.hints, goplsMs: Math.round(theirs.ms), goplsUpgrades: theirs.upgrades };
      }
      // 2. The command line.
      for (const phase of ['cold', 'warm'] as const) {
        const ours = await run(process.execPath, [CLI, 'check', '--json', '--no-vulns', '--fail-on', 'none'], ws.dir, homeEnv(home('ours-cli'), live.url));
        const theirs = await run(go.bin, ['list', '-m', '-u', '-json', '-e', 'all'], ws.dir, homeEnv(home('go-list'), live.url));
        row[`cli-${phase}`] = { oursMs: Math.round(ours.ms), goListMs: Math.round(theirs.ms), oursExit: ours.code, goListExit: theirs.code };
      }
      // 3. Vulnerabilities, on the same database (warm module caches from step 2).
      const ours = await run(process.execPath, [CLI, 'check', '--json', '--fail-on', 'none'], ws.dir, homeEnv(home('ours-cli'), live.url, { GOVULNDB: db.url }));
      const theirs = await run(govulncheck, ['-scan', 'module', '-format', 'json', '-db', db.url], ws.dir, homeEnv(home('go-list'), live.url));
      const a = ourIds(ours.stdout);
      const b = govulncheckIds(theirs.stdout);
      row.vulns = {
        oursMs: Math.round(ours.ms), govulncheckMs: Math.round(theirs.ms), ours: a.size, govulncheck: b.size,
        onlyOurs: [...a].filter((x) => !b.has(x)), onlyGovulncheck: [...b].filter((x) => !a.has(x)), govulncheckExit: theirs.code, govulncheckStderr: theirs.stderr.slice(0, 500),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    const report = { date: new Date().toISOString(), node: process.version, cores: cpus().length, go: go.version, gopls: GOPLS, govulncheck: GOVULNCHECK, vulndb: VULNDB, vulnEntries: db.entries, proxy: live.url, proxyRttMs: live.rttMs, rows };
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

## Editor: from start to the upgrades shown (ours: the end of the first check, inlay hints there; gopls: its "can be upgraded" diagnostics after gopls.check_upgrades)

| go.mod | requirements | cold: ours | gopls | | warm: ours | gopls | |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.requirements} of ${r.inFile} | ${line(r, 'editor-cold', 'goplsMs')} | ${line(r, 'editor-warm', 'goplsMs')} |`).join('\n')}

Upgrades found (ours: update hints; gopls: upgrade diagnostics): ${rows.map((r) => `${r.name} ${(r['editor-cold'] as { hints: number }).hints} / ${(r['editor-cold'] as { goplsUpgrades: number }).goplsUpgrades}`).join(', ')}.

## Command line: \`check --json\` next to \`go list -m -u -json all\`

| go.mod | requirements | cold: ours | go list | | warm: ours | go list | |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.requirements} of ${r.inFile} | ${line(r, 'cli-cold', 'goListMs')} | ${line(r, 'cli-warm', 'goListMs')} |`).join('\n')}

## Vulnerabilities: our findings next to \`govulncheck -scan module -format json\`, same go.mod, same database (${db.entries} OSV entries of ${VULNDB}, as a file:// v1 database)

| go.mod | ours | govulncheck | | (module, ID) pairs: ours | govulncheck | only ours | only govulncheck |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => {
  const v = r.vulns as { oursMs: number; govulncheckMs: number; ours: number; govulncheck: number; onlyOurs: string[]; onlyGovulncheck: string[] };
  return `| ${r.name} | ${s(v.oursMs)} | ${s(v.govulncheckMs)} | ${ratio(v.govulncheckMs, v.oursMs)}x | ${v.ours} | ${v.govulncheck} | ${v.onlyOurs.length} | ${v.onlyGovulncheck.length} |`;
}).join('\n')}

${rows.every((r) => (r.vulns as { govulncheck: number }).govulncheck === 0) ? `
**Not a result yet:** govulncheck reported findings for the standard library only (left out of this table). Its
module scan takes the modules from the packages the code imports (its SBOM lists only the main module and stdlib
here, since these workspaces' main.go imports nothing), while we check every required version; and its query mode
(\`-mode query path@version\`) prints the candidate entries without the version filter (it lists GO-2026-4559, which
affects golang.org/x/net 0.50.0 to 0.51.0, for v0.7.0). A fair comparison needs code that imports each module; until
then our matching is checked against a second reading of the OSV rules (test/unit/vulnCorpusAgreement.test.ts), not
against govulncheck itself.
` : ''}
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
