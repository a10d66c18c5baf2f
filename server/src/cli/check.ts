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
import { jsonReport, RANK, textReport } from './report';
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
      io.out(jsonReport(analysis, display));
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
