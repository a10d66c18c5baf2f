// `go-mod-hygiene check [--json] [--offline] [--no-cache] [--fail-on warning|error] [PATH]`.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { createGoContext } from '../core/analysis/goContext';
import { buildInput } from '../core/analysis/input';
import { analyze, type Analysis } from '../core/analysis/pipeline';
import { tidyDiff } from '../core/gocmd/tidyDiff';
import { fileKindOf } from '../core/gomod/parse';
import { defaultCacheDir } from '../core/proxy/diskCache';
import type { Finding, Severity } from '../core/rules/finding';
import { decodeGoBytes } from '../core/text/goText';
import { nodeGoContextHost, readTextFile } from '../node/nodeHost';
import { readRegularFileSync } from '../node/regularFile';

export interface CheckIo {
  out(s: string): void;
  err(s: string): void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reports a usage error (message and usage text) and returns the exit status. */
  usage(message: string): number;
}

interface CheckArgs {
  json: boolean;
  offline: boolean;
  noCache: boolean;
  times: boolean;
  tidy: boolean;
  failOn?: 'warning' | 'error';
  target: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function parseCheckArgs(args: string[], cwd: string): CheckArgs | string {
  const a: CheckArgs = { json: false, offline: false, noCache: false, times: false, tidy: false, target: cwd };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i];
    if (x === '--json') a.json = true;
    else if (x === '--offline') a.offline = true;
    else if (x === '--no-cache') a.noCache = true;
    else if (x === '--times') a.times = true;
    else if (x === '--tidy') a.tidy = true;
    else if (x === '--fail-on' || x.startsWith('--fail-on=')) {
      const v = x.includes('=') ? x.slice(x.indexOf('=') + 1) : args[++i];
      if (v !== 'warning' && v !== 'error') return `--fail-on takes "warning" or "error", not ${JSON.stringify(v ?? '')}`;
      a.failOn = v;
    } else if (x.startsWith('-') && x !== '-') return `unknown flag for check: ${x}`;
    else positional.push(x);
  }
  if (positional.length > 1) return 'check takes at most one PATH';
  if (positional[0]) a.target = path.resolve(cwd, positional[0]);
  return a;
}

function locate(target: string): { file: string } | { error: string } {
  try {
    const st = statSync(target);
    if (st.isDirectory()) {
      const file = path.join(target, 'go.mod');
      return existsSync(file) ? { file } : { error: `no go.mod in ${target}` };
    }
    return { file: target };
  } catch {
    return { error: `${target}: no such file or directory` };
  }
}

const colours = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', bold: '\x1b[1m' };

function textReport(a: Analysis, display: string, source: string, colour: boolean): string {
  const c = (k: keyof typeof colours, s: string) => (colour ? colours[k] + s + colours.reset : s);
  const lines = [`${c('bold', display)}: ${a.modules.length} requirement${a.modules.length === 1 ? '' : 's'} checked through ${source}`];
  const sorted = [...a.findings].sort((x, y) => RANK[x.severity] - RANK[y.severity] || x.start.offset - y.start.offset);
  let last: Severity | undefined;
  for (const f of sorted) {
    if (f.severity !== last) {
      lines.push('', c(f.severity, f.severity === 'info' ? 'Information' : f.severity[0].toUpperCase() + f.severity.slice(1) + 's'));
      last = f.severity;
    }
    lines.push(`  ${display}:${f.start.line}:${f.start.col}  ${c(f.severity, f.code)}  ${f.message}`);
  }
  const count = (s: Severity) => a.findings.filter((f) => f.severity === s).length;
  const summary = (['error', 'warning', 'info', 'hint'] as Severity[]).map((s) => `${count(s)} ${s === 'info' ? 'info' : s + (count(s) === 1 ? '' : 's')}`).join(', ');
  lines.push('', a.findings.length === 0 ? 'No findings.' : summary);
  return lines.join('\n') + '\n';
}

function jsonFinding(f: Finding, file: string) {
  return {
    code: f.code, severity: f.severity, message: f.message, file,
    line: f.start.line, column: f.start.col, endLine: f.end.line, endColumn: f.end.col,
    ...(f.module ? { module: f.module } : {}), ...(f.suggestedVersion ? { suggestedVersion: f.suggestedVersion } : {}),
  };
}

export async function runCheck(rawArgs: string[], io: CheckIo): Promise<number> {
  const args = parseCheckArgs(rawArgs, io.cwd);
  if (typeof args === 'string') return io.usage(args);
  const located = locate(args.target);
  if ('error' in located) {
    io.err(`go-mod-hygiene: ${located.error}\n`);
    return 2;
  }
  const file = located.file;
  const display = path.relative(io.cwd, file) || file;
  const read = readRegularFileSync(file);
  if (!read.ok) {
    io.err(`go-mod-hygiene: cannot read ${display}: ${read.reason}\n`);
    return 2;
  }
  const text = decodeGoBytes(read.bytes);
  const dir = path.dirname(file);
  const kind = fileKindOf(file);
  const goSumPath = path.join(dir, 'go.sum');
  const sumRead = readRegularFileSync(goSumPath);
  if (!sumRead.ok && sumRead.code !== 'missing') {
    io.err(`go-mod-hygiene: cannot read ${path.relative(io.cwd, goSumPath) || goSumPath}: ${sumRead.reason}\n`);
    return 2;
  }

  const homeDir = io.env.HOME ?? homedir();
  const engine = await createGoContext(nodeGoContextHost({ env: io.env, cwd: dir, homeDir, log: (m) => io.err(`go-mod-hygiene: ${m}\n`) }), { offline: args.offline, cacheDir: args.noCache ? undefined : defaultCacheDir(io.env, homeDir, process.platform) });
  if ('error' in engine) {
    io.err(`go-mod-hygiene: ${engine.error}\n`);
    return 2;
  }
  const progress = io.stderrIsTty && !args.json
    ? (done: number, total: number) => io.err(`\rchecking requirements: ${done}/${total}${done === total ? '\r\x1b[K' : ''}`)
    : undefined;
  try {
    const input = buildInput({ text, filename: display, kind, dir }, { exists: existsSync, readFile: readTextFile }, io.env, (f) => path.relative(io.cwd, f) || f);
    const go = engine.go;
    if (args.tidy && !go) io.err('go-mod-hygiene: --tidy needs the go command, which was not found\n');
    const analysis = await analyze(input, {
      repo: engine.client, exists: existsSync, majors: true, times: args.times, progress,
      tidy: args.tidy && go ? () => tidyDiff(go, dir) : undefined,
    });
    if (args.json) {
      io.out(JSON.stringify({ modules: analysis.modules, findings: analysis.findings.map((f) => jsonFinding(f, display)) }, null, 2) + '\n');
    } else {
      io.out(textReport(analysis, display, engine.describeProxies, io.stdoutIsTty && !io.env.NO_COLOR));
    }
    if (!args.failOn) return 0;
    const threshold = RANK[args.failOn];
    return analysis.findings.some((f) => RANK[f.severity] <= threshold) ? 1 : 0;
  } finally {
    await engine.close();
  }
}
