// Parsing benchmark: a generated 5,000-line go.mod, read by our parser and by
// `go mod edit -json` (the go command) in the same run. Writes bench/report.md
// and bench/report.json. Figures are medians; the machine is noisy, so the
// ratios are what to compare between runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { editJson, formatFile, parseFile } from '../server/src/core/gomod/parse';
import { disableGoTelemetry } from '../test/support/goList';
import { findGo } from '../test/support/goOracle';
import { prng } from '../test/support/mutate';
import { goVersion, hostileCases, hostileTable, runHostile } from './hostileParse';
import { writeReport } from './reportFiles';

const LINES = 5000;

/** A deterministic go.mod of about `lines` lines in the shapes real files have. */
export function generateGoMod(lines: number): string {
  const rand = prng(5000);
  const out = ['// Generated for the parsing benchmark.', 'module example.com/big/service', '', 'go 1.22.3', '', 'toolchain go1.22.5', '', 'require ('];
  const version = (i: number) =>
    i % 7 === 0
      ? `v${i % 3}.0.0-2024${String(1 + (i % 12)).padStart(2, '0')}0112${String(i % 60).padStart(2, '0')}00-${(i * 2654435761 >>> 0).toString(16).padStart(12, 'a').slice(0, 12)}`
      : `v${i % 3}.${Math.floor(rand() * 40)}.${Math.floor(rand() * 20)}${i % 11 === 0 ? '-rc.1' : ''}`;
  const modPath = (i: number) => `github.com/org${i % 97}/project-${i}${i % 3 >= 2 ? '/v' + (i % 3) : ''}`;
  let i = 0;
  while (out.length < lines * 0.8) {
    out.push(`\t${modPath(i)} ${version(i)}${i % 4 === 0 ? ' // indirect' : ''}`);
    if (i % 50 === 49) out.push('', `\t// group ${i}`);
    i++;
  }
  out.push(')', '', 'replace (');
  for (let k = 0; out.length < lines * 0.92; k++) out.push(k % 2 ? `\t${modPath(k)} => ../local/p${k}` : `\t${modPath(k)} ${version(k)} => example.com/fork/p${k} v1.0.${k}`);
  out.push(')', '', 'exclude (');
  for (let k = 0; out.length < lines * 0.98; k++) out.push(`\t${modPath(k)} v${k % 3}.${k}.0`);
  out.push(')', '', 'retract (');
  for (let k = 0; out.length < lines - 2; k++) out.push(`\tv1.${k}.0 // broken release ${k}`);
  out.push(')');
  return out.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const text = generateGoMod(LINES);
  const lineCount = text.split('\n').length - 1;
  const opts = { filename: 'go.mod', kind: 'mod' as const };
  const parsed = parseFile(text, opts);
  const problems = [...parsed.syntaxErrors, ...parsed.errors];
  if (problems.length) throw new Error(`generated go.mod does not parse: ${problems[0].pos.line}: ${problems[0].message}`);

  const parseMs = time(() => parseFile(text, opts), 30);
  const jsonMs = time(() => editJson(text, opts), 30);
  const formatMs = time(() => formatFile(text, opts), 30);

  const goBin = findGo();
  let goMs: number | undefined;
  let goStartMs: number | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-bench-'));
  disableGoTelemetry(dir);
  const env = { PATH: process.env.PATH, HOME: dir, GOTOOLCHAIN: 'local', GOFLAGS: '', GOWORK: 'off', GOENV: 'off', GOCACHE: path.join(dir, 'cache') };
  if (goBin) {
    writeFileSync(path.join(dir, 'go.mod'), text);
    const small = path.join(dir, 'small');
    execFileSync('mkdir', [small]);
    writeFileSync(path.join(small, 'go.mod'), 'module example.com/small\n');
    const go = (cwd: string) => () => execFileSync(goBin, ['mod', 'edit', '-json', 'go.mod'], { cwd, env, maxBuffer: 64 << 20 });
    goMs = time(go(dir), 15);
    goStartMs = time(go(small), 15);
  }
  const hostile = await runHostile(hostileCases(generateGoMod), goBin, dir, env);
  rmSync(dir, { recursive: true, force: true });

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    input: { lines: lineCount, requirements: parsed.directives.require.length, replaces: parsed.directives.replace.length, bytes: Buffer.byteLength(text) },
    medianMs: { parse: parseMs, parseToJson: jsonMs, format: formatMs, goModEditJson: goMs, goModEditJsonOneLineFile: goStartMs },
    go: goBin ? goVersion(goBin, env) : undefined,
    hostile,
    ratios: goMs === undefined ? undefined : {
      goCommandOverParseToJson: goMs / jsonMs,
      goCommandMinusStartupOverParseToJson: goStartMs === undefined ? undefined : (goMs - goStartMs) / jsonMs,
    },
  };
  const f = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(2));
  const md = `# Parsing benchmark

Input: a generated go.mod of ${report.input.lines} lines (${report.input.requirements} requirements, ${report.input.replaces} replaces, ${report.input.bytes} bytes). Median of 30 runs after warm-up (go: 15 runs). ${report.node}, ${report.date.slice(0, 10)}.

| what | median ms |
| --- | ---: |
| parse (syntax, comments, directives) | ${f(parseMs)} |
| parse + \`go mod edit -json\` output | ${f(jsonMs)} |
| parse + \`go mod edit -fmt\` output | ${f(formatMs)} |
| peer: \`go mod edit -json\` on the same file (go command, process included) | ${f(goMs)} |
| peer: \`go mod edit -json\` on a one-line go.mod (process start-up alone) | ${f(goStartMs)} |

Ratios in this run: the go command takes ${f(report.ratios?.goCommandOverParseToJson)}x our parse-to-JSON time; without its process start-up, ${f(report.ratios?.goCommandMinusStartupOverParseToJson)}x.
Go: ${report.go ?? 'not found'}.

${hostileTable(hostile)}`;
  writeReport('report', md, report);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`parse benchmark failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
