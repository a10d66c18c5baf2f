// `go-mod-hygiene check [flags] [PATH]`: the findings of a go.mod, or of a
// go.work and every module it uses, and an exit status for CI (see cli.ts).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { createGoContext, type GoContext } from '../core/analysis/goContext';
import { buildInput } from '../core/analysis/input';
import { analyze } from '../core/analysis/pipeline';
import { tidyDiff } from '../core/gocmd/tidyDiff';
import { fileKindOf } from '../core/gomod/parse';
import { defaultCacheDir } from '../core/proxy/diskCache';
import { type CheckArgs, parseCheckArgs } from './checkArgs';
import { type FileResult, jsonReport, RANK, textReport } from './report';
import { checkTargets } from './targets';
import { wrapWidth } from './wrap';
import { nodeGoContextHost, readTextFile } from '../node/nodeHost';
import { readRegularFileSync } from '../node/regularFile';

export interface CheckIo {
  out(s: string): void;
  err(s: string): void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reports a usage error (message and usage text) and returns the exit status. */
  usage(message: string): number;
}

/** Where vulnerabilities come from, for the report's first line; undefined when the check is off. */
function describeVulnSource(engine: { vulnLocation: GoContext['vulnLocation'] }): string | undefined {
  const l = engine.vulnLocation;
  return 'error' in l || l.kind === 'off' ? undefined : l.redacted;
}

/** 1 when a finding reaches --fail-on (error by default), else 0. */
export function findingsStatus(results: FileResult[], failOn: CheckArgs['failOn']): number {
  if (failOn === 'none') return 0;
  return results.some((r) => r.analysis.findings.some((f) => RANK[f.severity] <= RANK[failOn])) ? 1 : 0;
}

export async function runCheck(rawArgs: string[], io: CheckIo): Promise<number> {
  const args = parseCheckArgs(rawArgs, io.cwd);
  if (typeof args === 'string') return io.usage(args);
  const display = (f: string) => path.relative(io.cwd, f) || f;
  const fail = (message: string) => {
    io.err(`go-mod-hygiene: ${message}\n`);
    return 2;
  };
  const targets = checkTargets(args.target, io.env, display);
  if ('error' in targets) return fail(targets.error);
  for (const { file } of targets.files) {
    if (fileKindOf(file) !== 'mod') continue;
    const goSum = path.join(path.dirname(file), 'go.sum');
    const sum = readRegularFileSync(goSum);
    if (!sum.ok && sum.code !== 'missing') return fail(`cannot read ${display(goSum)}: ${sum.reason}`);
  }

  const first = path.dirname(targets.files[0].file);
  const homeDir = io.env.HOME ?? homedir();
  const engine = await createGoContext(nodeGoContextHost({ env: io.env, cwd: first, homeDir, log: (m) => io.err(`go-mod-hygiene: ${m}\n`) }), {
    offline: args.offline,
    cacheDir: args.noCache ? undefined : defaultCacheDir(io.env, homeDir, process.platform),
    vulnerabilities: args.noVulns ? { disabledBy: '--no-vulns' } : undefined,
  });
  if ('error' in engine) return fail(engine.error);
  const progress = io.stderrIsTty && !args.json
    ? (done: number, total: number) => io.err(`\rchecking requirements: ${done}/${total}${done === total ? '\r\x1b[K' : ''}`)
    : undefined;
  // The modules of a workspace are checked in that workspace, whatever GOWORK says outside it.
  const env = targets.workFile ? { ...io.env, GOWORK: targets.workFile } : io.env;
  try {
    const go = engine.go;
    if (args.tidy && !go) io.err('go-mod-hygiene: --tidy needs the go command, which was not found\n');
    const results: FileResult[] = [];
    for (const { file, text } of targets.files) {
      const dir = path.dirname(file);
      const kind = fileKindOf(file);
      const input = buildInput({ text, filename: display(file), kind, dir }, { exists: existsSync, readFile: readTextFile }, env, display);
      const analysis = await analyze(input, {
        repo: engine.client, exists: existsSync, majors: true, times: args.times, progress,
        vulns: engine.vulns, goVersion: engine.goEnv.goVersion,
        tidy: args.tidy && go && kind === 'mod' ? () => tidyDiff(go, dir) : undefined,
      });
      results.push({ display: display(file), analysis });
    }
    if (args.json) io.out(jsonReport(results));
    else {
      const width = wrapWidth({ flag: args.width, stdoutIsTty: io.stdoutIsTty, columns: io.columns, env: io.env });
      io.out(textReport(results, { source: engine.describeProxies, vulnSource: describeVulnSource(engine), colour: io.stdoutIsTty && !io.env.NO_COLOR, width }));
    }
    return findingsStatus(results, args.failOn);
  } finally {
    await engine.close();
  }
}
