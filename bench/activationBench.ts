// Activation benchmark: the server side of the extension's start-up, which is
// most of the "Activated in N ms" the client logs. In one run, with REPS
// repetitions interleaved (the machine is noisy), medians of:
//   - `node -e 0` and `node dist/cli.js --version`, spawn to exit;
//   - spawning `node --max-semi-space-size=2 dist/cli.js lsp --stdio` to the
//     answer of an LSP initialize request over stdio;
//   - in a fresh node, the compile time of each bundle, and the require() time
//     (compile and evaluate) of dist/cli.js with `lsp` and with `--version`;
// and, from `node --cpu-prof` of the server start, what the server is busy
// with before it answers initialize. Node's own start is measured again with
// NODE_EXTRA_CA_CERTS set (code-server passes it on from its environment, as
// do corporate set-ups): node then builds its whole root certificate store
// before it runs any JavaScript. With `--baseline <dist dir>` (another
// checkout's build), or `--compare name=<dist dir>` (any number), those builds
// are measured in the same run, side by side.
// Writes bench/activation-report.md and .json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../shared/nodeFlags';
import { REPO_ROOT } from '../test/support/corpus';
import { isolatedEnv } from '../test/support/isolatedEnv';
import { writeReport } from './reportFiles';

const REPS = Number(process.env.GMH_BENCH_REPS ?? 15);
const PROFILES = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2).toFixed(1));
};

/** Runs node with these arguments; resolves with the wall time to exit and what it wrote to fd 3. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; fd3: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], env });
    let fd3 = '';
    let stderr = '';
    p.stdio[3]!.on('data', (d) => (fd3 += String(d)));
    p.stderr!.on('data', (d) => (stderr += String(d)));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, fd3 }) : reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/** Spawns the language server as the VS Code client does, and times it to the initialize answer. */
async function initializeMs(cli: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<number> {
  const t0 = performance.now();
  const p = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, cli, 'lsp', '--stdio', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((r) => p.on('close', () => r()));
  const conn = createMessageConnection(new StreamMessageReader(p.stdout), new StreamMessageWriter(p.stdin));
  conn.listen();
  try {
    const answer = conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } }, initializationOptions: { trusted: true } });
    await Promise.race([answer, exited.then(() => Promise.reject(new Error(`the server exited before answering initialize: ${stderr}`)))]);
    return performance.now() - t0;
  } finally {
    await conn.sendRequest('shutdown', null).catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
    await exited;
    conn.dispose();
  }
}

// Runs in a fresh node (with `-e`): the compile time of a bundle (as the CJS
// loader compiles it), or its require() time with the given command line and
// the built-in modules that loaded.
const IN_CHILD = `
const fs = require('node:fs'), vm = require('node:vm');
const [file, mode, ...args] = process.argv.slice(1);
performance.now(); // loads perf_hooks before the list is taken: the timing is not the bundle's
const before = new Set(process.moduleLoadList);
let ms;
if (mode === 'compile') {
  const src = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const t0 = performance.now();
  vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  ms = performance.now() - t0;
} else {
  process.argv = [process.execPath, file, ...args];
  const t0 = performance.now();
  require(file);
  ms = performance.now() - t0;
}
const builtins = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
fs.writeSync(3, JSON.stringify({ ms, builtins }));
process.exit(0);`;

async function inChild(env: NodeJS.ProcessEnv, file: string, mode: string, ...args: string[]): Promise<{ ms: number; builtins: string[] }> {
  return JSON.parse((await runNode([...SERVER_NODE_FLAGS, '-e', IN_CHILD, file, mode, ...args], env)).fd3) as { ms: number; builtins: string[] };
}

/** What a profile sample is busy with: the outermost package on its stack, else the innermost own folder. */
function groupOf(source: string): { pkg?: string; own?: string } {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return { pkg: pkg[1] };
  const own = /(server\/src\/(?:core\/[^/]+|[^/]+)|client\/src|shared)/.exec(source);
  return { own: own ? own[1].replace(/\.ts$/, '') : source };
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }

/** Milliseconds of a --cpu-prof profile by what they were spent on (see groupOf); idle time left out. */
function profileBreakdown(file: string, dist: string): Record<string, number> {
  const inBundle = (url: string) => url.startsWith(pathToFileURL(dist).href + '/');
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const maps = new Map<string, SourceMap | undefined>();
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      // Only the map the bundle names: a production build leaves the last development map in place.
      const bundle = fileURLToPath(url);
      const named = readFileSync(bundle, 'utf8').trimEnd().endsWith(`//# sourceMappingURL=${path.basename(bundle)}.map`);
      maps.set(url, named ? new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8'))) : undefined);
    }
    return maps.get(url);
  };
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const groupCache = new Map<number, { pkg?: string; own?: string } | null>();
  const frameGroup = (n: ProfileNode) => {
    if (!groupCache.has(n.id)) {
      const { url, lineNumber, columnNumber } = n.callFrame;
      const map = inBundle(url) ? mapFor(url) : undefined;
      const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string } | undefined;
      groupCache.set(n.id, entry?.originalSource ? groupOf(entry.originalSource) : inBundle(url) ? { own: 'bundle (no source map)' } : null);
    }
    return groupCache.get(n.id);
  };
  const out: Record<string, number> = {};
  prof.samples.forEach((id, i) => {
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    let pkg: string | undefined;
    let own: string | undefined;
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const g = frameGroup(n);
      if (g?.pkg) pkg = g.pkg; // keeps the outermost
      if (g?.own && !own) own = g.own; // keeps the innermost
    }
    const fn = leaf.callFrame.functionName;
    const key = pkg ?? own ?? (fn === 'compileFunction' ? 'compiling bundles' : fn === '(garbage collector)' ? 'garbage collection' : 'node itself (bootstrap, loader, built-ins)');
    out[key] = (out[key] ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000;
  });
  return out;
}

async function profiledStart(dist: string, env: NodeJS.ProcessEnv): Promise<Record<string, number>[]> {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < PROFILES; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gmh-activation-prof-'));
    try {
      await initializeMs(path.join(dist, 'cli.js'), env, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']);
      runs.push(profileBreakdown(path.join(dir, readdirSync(dir)[0]), dist));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return runs;
}

interface Figures { versionMs: number[]; initializeMs: number[]; initializeExtraCaMs: number[]; requireLspMs: number[]; requireVersionMs: number[]; compileMs: Record<string, number[]>; lspBuiltins: string[] }

const bundlesOf = (dist: string) => readdirSync(dist).filter((f) => f.endsWith('.js')).sort();

async function main(): Promise<void> {
  const variants: Record<string, string> = { current: path.join(REPO_ROOT, 'dist') };
  process.argv.forEach((a, i) => {
    const value = process.argv[i + 1];
    if (a === '--baseline' && value) variants.baseline = path.resolve(value);
    const named = a === '--compare' && value ? /^([\w.-]+)=(.+)$/.exec(value) : null;
    if (named) variants[named[1]] = path.resolve(named[2]);
  });
  const home = mkdtempSync(path.join(tmpdir(), 'gmh-activation-home-'));
  const env = isolatedEnv(home);
  const bare: number[] = [];
  const bareExtraCa: number[] = [];
  const caFile = [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'].find((f) => f && existsSync(f));
  const caEnv = { ...env, NODE_EXTRA_CA_CERTS: caFile };
  const figures: Record<string, Figures> = {};
  for (const v of Object.keys(variants)) figures[v] = { versionMs: [], initializeMs: [], initializeExtraCaMs: [], requireLspMs: [], requireVersionMs: [], compileMs: {}, lspBuiltins: [] };
  try {
    for (let rep = -1; rep < REPS; rep++) {
      const keep = <T>(xs: T[], x: T) => void (rep >= 0 && xs.push(x)); // rep -1 warms the file cache
      keep(bare, (await runNode(['-e', '0'], env)).ms);
      if (caFile) keep(bareExtraCa, (await runNode(['-e', '0'], caEnv)).ms);
      for (const [v, dist] of Object.entries(variants)) {
        const f = figures[v];
        const cli = path.join(dist, 'cli.js');
        keep(f.versionMs, (await runNode([cli, '--version'], env)).ms);
        keep(f.initializeMs, await initializeMs(cli, env));
        if (caFile) keep(f.initializeExtraCaMs, await initializeMs(cli, caEnv));
        const lsp = await inChild(env, cli, 'require', 'lsp', '--stdio');
        keep(f.requireLspMs, lsp.ms);
        f.lspBuiltins = lsp.builtins;
        keep(f.requireVersionMs, (await inChild(env, cli, 'require', '--version')).ms);
        for (const b of bundlesOf(dist)) keep((f.compileMs[b] ??= []), (await inChild(env, path.join(dist, b), 'compile')).ms);
      }
    }
    const profiles: Record<string, Record<string, number>> = {};
    for (const [v, dist] of Object.entries(variants)) {
      const runs = await profiledStart(dist, env);
      const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
      profiles[v] = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] ?? 0))] as const).filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]));
    }
    report(variants, bare, figures, profiles, caFile ? { file: caFile, certificates: readFileSync(caFile, 'utf8').split('BEGIN CERTIFICATE').length - 1, bareMs: median(bareExtraCa) } : undefined);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The commit a build was made from, when its directory is in a git checkout (the baseline's worktree, say). */
function commitOf(dist: string): string {
  try {
    return ` (${execFileSync('git', ['-C', path.dirname(dist), 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()})`;
  } catch {
    return '';
  }
}

type Timed = 'versionMs' | 'initializeMs' | 'initializeExtraCaMs' | 'requireLspMs' | 'requireVersionMs';

interface ExtraCa { file: string; certificates: number; bareMs: number }

function report(variants: Record<string, string>, bare: number[], figures: Record<string, Figures>, profiles: Record<string, Record<string, number>>, extraCa: ExtraCa | undefined): void {
  const names = Object.keys(variants);
  const bareMs = median(bare);
  const summary = Object.fromEntries(names.map((v) => {
    const f = figures[v];
    return [v, {
      dist: variants[v],
      versionMs: median(f.versionMs),
      initializeMs: median(f.initializeMs),
      initializeOverBareNode: Number((median(f.initializeMs) / bareMs).toFixed(2)),
      initializeExtraCaMs: extraCa ? median(f.initializeExtraCaMs) : undefined,
      requireLspMs: median(f.requireLspMs),
      requireVersionMs: median(f.requireVersionMs),
      lspBuiltins: f.lspBuiltins,
      compileMs: Object.fromEntries(Object.entries(f.compileMs).map(([b, xs]) => [b, median(xs)])),
      bundleBytes: Object.fromEntries(bundlesOf(variants[v]).map((b) => [b, statSync(path.join(variants[v], b)).size])),
      serverBusyBeforeInitializeMs: profiles[v],
    }];
  }));
  const ref = summary.baseline ? 'baseline' : undefined;
  // Each figure, and next to it its ratio to the baseline's.
  const cell = (v: string, k: Timed) => ` ${summary[v][k]} ms${ref && v !== ref ? ` (${(summary[v][k]! / summary[ref][k]!).toFixed(2)} ×)` : ''} |`;
  const head = (label: string) => `| ${label} |${names.map((v) => ` ${v} |`).join('')}\n| --- |${names.map(() => ' ---: |').join('')}`;
  const row = (label: string, k: Timed) => `| ${label} |${names.map((v) => cell(v, k)).join('')}`;
  const bundles = [...new Set(names.flatMap((v) => Object.keys(summary[v].bundleBytes)))];
  const sizeAndCompile = (v: string, b: string) => {
    const bytes = summary[v].bundleBytes[b];
    return bytes === undefined ? ' – | – |' : ` ${(bytes / 1024).toFixed(0)} KiB | ${summary[v].compileMs[b]} ms |`;
  };
  const groups = [...new Set(names.flatMap((v) => Object.keys(profiles[v])))];
  const md = `# Activation benchmark

The server side of the extension's activation ("Activated in N ms" in the output: from activate() until the
language client's start() resolves, which is the server's spawn, its load, and the initialize round trip).
Medians of ${REPS} interleaved runs; node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Builds: ${names.map((v) => `\`${v}\` ${variants[v].startsWith(REPO_ROOT + path.sep) ? path.relative(REPO_ROOT, variants[v]) : variants[v]}${commitOf(variants[v])}`).join(', ')}${ref ? '; ratios are to `baseline`' : ''}.

Spawn to exit of \`node -e 0\`, for comparison: ${bareMs} ms.

${head('spawn to')}
${row('exit of `node dist/cli.js --version`', 'versionMs')}
${row(`initialize answered by \`node ${SERVER_NODE_FLAGS.join(' ')} dist/cli.js lsp --stdio\``, 'initializeMs')}
| the same, over \`node -e 0\` |${names.map((v) => ` ${summary[v].initializeOverBareNode} × |`).join('')}
${extraCa ? `${row(`the same, with NODE_EXTRA_CA_CERTS (${extraCa.certificates} certificates)`, 'initializeExtraCaMs')}

With NODE_EXTRA_CA_CERTS=${extraCa.file}, \`node -e 0\` takes ${extraCa.bareMs} ms: node builds its root certificate store (its own and
these) before it starts V8. code-server hands its environment on to the extension host, and so to the server.
` : ''}
In a fresh node, require() of dist/cli.js (compile and evaluate, until the module returns):

${head('command line')}
${row('`lsp --stdio` (server listening)', 'requireLspMs')}
${row('`--version`', 'requireVersionMs')}
| built-in modules loaded by \`lsp --stdio\` |${names.map((v) => ` ${summary[v].lspBuiltins.length} |`).join('')}

${names.map((v) => `Public built-in modules \`${v}\` loads for \`lsp --stdio\`: ${summary[v].lspBuiltins.filter((m) => !m.startsWith('internal/')).join(', ')}.`).join('\n')}

Each bundle: size, and compile time in a fresh node (dist/extension.js cannot be evaluated outside VS Code):

| bundle |${names.map((v) => ` ${v} size | ${v} compile |`).join('')}
| --- |${names.map(() => ' ---: | ---: |').join('')}
${bundles.map((b) => `| ${b} |${names.map((v) => sizeAndCompile(v, b)).join('')}`).join('\n')}

What the server process is busy with from its start to the initialize answer (\`--cpu-prof\`, median ms of
${PROFILES} runs, idle time left out; the profiler slows the process down, so compare rows, not totals with the
figures above): each sample counts for the outermost package on its stack, else for the innermost folder of
this project's source; without a source map (production builds), only "bundle". A built-in module counts for the
first package that loads it, so a row can grow when another package stops loading net, stream or crypto.

${head('busy with')}
${groups.map((g) => `| ${g} |${names.map((v) => ` ${profiles[v][g] ?? 0} |`).join('')}`).join('\n')}
`;
  writeReport('activation-report', md, { date: new Date().toISOString(), node: process.version, reps: REPS, bareNodeMs: bareMs, extraCa, ...summary });
}

main().catch((e: unknown) => {
  process.stderr.write(`activation benchmark failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
