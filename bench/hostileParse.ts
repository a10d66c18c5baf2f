// Pathological go.mod files for the parsing benchmark: how long our parser and
// `go mod edit -json` take on them, how long the size limit takes to refuse
// them, and how much memory the CLI and the language server use on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MOD_DIRECTIVES } from '../server/src/core/gomod/directives';
import { parseFile } from '../server/src/core/gomod/parse';
import { parseSyntax } from '../server/src/core/gomod/parser';
import { LspTestClient } from '../test/support/lspClient';
import { REPO_ROOT } from '../test/support/corpus';

export interface HostileCase {
  name: string;
  text: string;
  /** Our raw parse (no size limit) must finish within this, or the benchmark fails: recovery must stay linear. */
  boundMs?: number;
}

export interface HostileResult {
  name: string;
  bytes: number;
  lines: number;
  limitCheckMs: number;
  finding?: string;
  rawParseMs?: number;
  tokensRead?: number;
  goModEditJsonMs?: number;
  goFirstLine?: string;
  cliCheckMaxRssMb?: number;
  serverRssAfterOpenMb?: number;
}

export function hostileCases(generate: (lines: number) => string): HostileCase[] {
  return [
    { name: 'unclosed blocks x20000', text: 'module m\n' + 'require (\n'.repeat(20000), boundMs: 2000 },
    // Words, so that every one becomes a token: the worst case for memory per byte.
    { name: '10 MB single line', text: 'module m\nrequire ' + 'a '.repeat(5_000_000) + '\n' },
    { name: '50,000-line go.mod', text: generate(50_000), boundMs: 3000 },
    { name: '200,000-line go.mod', text: generate(200_000), boundMs: 10000 },
  ];
}

function once(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function medianOf(runs: number, fn: () => void): number {
  const xs = Array.from({ length: runs }, () => once(fn)).sort((a, b) => a - b);
  return xs[Math.floor(runs / 2)];
}

/** Peak RSS of `go-mod-hygiene check` on the directory, from GNU time, when it is installed. */
function cliMaxRssMb(dir: string, home: string): number | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const env = { PATH: process.env.PATH ?? '', HOME: home, GOENV: 'off', GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', XDG_CACHE_HOME: path.join(home, 'cache') };
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '--json', dir], { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const kb = /(\d+)\s*$/.exec(r.stderr)?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

export async function runHostile(cases: HostileCase[], goBin: string | undefined, workDir: string, goEnv: Record<string, string | undefined>): Promise<HostileResult[]> {
  const results: HostileResult[] = [];
  const client = new LspTestClient();
  await client.initialize(null);
  try {
    for (const [i, c] of cases.entries()) {
      const dir = path.join(workDir, `hostile-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'go.mod'), c.text);
      const opts = { filename: 'go.mod', kind: 'mod' as const };
      const r: HostileResult = {
        name: c.name,
        bytes: Buffer.byteLength(c.text),
        lines: c.text.split('\n').length - 1,
        limitCheckMs: medianOf(5, () => parseFile(c.text, opts)),
        finding: parseFile(c.text, opts).tooLarge?.message,
      };
      // The 10 MB line is the memory worst case; parsing it raw is what the size limit exists to avoid.
      if (c.boundMs !== undefined) {
        let tokens = 0;
        r.rawParseMs = medianOf(3, () => (tokens = parseSyntax(c.text, 'go.mod', { directives: MOD_DIRECTIVES }).tokensRead));
        r.tokensRead = tokens;
        if (r.rawParseMs > c.boundMs) throw new Error(`${c.name}: raw parse took ${r.rawParseMs.toFixed(0)} ms, over the bound of ${c.boundMs} ms`);
      }
      if (goBin) {
        let first = '';
        r.goModEditJsonMs = medianOf(3, () => {
          const g = spawnSync(goBin, ['mod', 'edit', '-json', 'go.mod'], { cwd: dir, env: goEnv, encoding: 'utf8', maxBuffer: 256 << 20 });
          first = g.status === 0 ? 'ok' : g.stderr.split('\n').find((l) => l.startsWith('go.mod:')) ?? g.stderr.split('\n')[0];
        });
        r.goFirstLine = first.slice(0, 120);
      }
      r.cliCheckMaxRssMb = cliMaxRssMb(dir, workDir);
      const uri = pathToFileURL(path.join(dir, 'go.mod')).toString();
      const from = client.notifications.length;
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go.mod', version: 1, text: c.text } });
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, from, 60_000);
      r.serverRssAfterOpenMb = client.rssMb();
      await client.notify('textDocument/didClose', { textDocument: { uri } });
      rmSync(dir, { recursive: true, force: true });
      results.push(r);
    }
  } finally {
    await client.dispose();
  }
  return results;
}

export function hostileTable(results: HostileResult[]): string {
  const f = (x: number | undefined, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
  const rows = results.map((r) =>
    `| ${r.name} | ${r.bytes} | ${r.lines} | ${f(r.limitCheckMs, 2)} | ${f(r.rawParseMs)} | ${r.tokensRead ?? 'n/a'} | ${f(r.goModEditJsonMs)} | ${f(r.cliCheckMaxRssMb, 0)} | ${f(r.serverRssAfterOpenMb, 0)} |`);
  return `## Pathological files

Our \`parseFile\` refuses each with one \`file-too-large\` finding (limits: 1 MiB and 20,000 lines;
see server/src/core/gomod/sizeLimit.ts); "limit check" is how long that takes. "Raw parse" is the syntax parser
alone with no size limit (medians of 3; not run on the 10 MB line, whose tokens the limit exists to avoid), with a
bound that fails the benchmark if unclosed-block recovery turns quadratic again. The go command is
\`GOTOOLCHAIN=local go mod edit -json\`, process included. Memory: peak RSS of \`check --json\` (GNU time), and the
language server's RSS after the didOpen diagnostics (one server for all four files, opened in order).

| file | bytes | lines | limit check ms | raw parse ms | tokens read | go mod edit -json ms | CLI check peak RSS MB | server RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

go's first line of output: ${results.map((r) => `${r.name}: \`${r.goFirstLine ?? 'n/a'}\``).join('; ')}.
`;
}

export function goVersion(goBin: string, env: Record<string, string | undefined>): string {
  return execFileSync(goBin, ['version'], { env, encoding: 'utf8' }).trim();
}
