// Which files `check PATH` reads. A go.mod, or a go.work with every module it
// uses: in a workspace the go command builds all of them together
// (go.dev/ref/mod#workspaces), so each used module's go.mod is checked too.
// A directory stands for its go.work when it has one (and GOWORK is not off,
// as for the go command), else for its go.mod.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, parseFile } from '../core/gomod/parse';
import { decodeGoBytes } from '../core/text/goText';
import { readRegularFileSync } from '../node/regularFile';

export interface CheckFile {
  /** Absolute path. */
  file: string;
  text: string;
}

export interface CheckTargets {
  files: CheckFile[];
  /** The go.work the modules are checked in, when PATH is a workspace. */
  workFile?: string;
}

/** A message for the user (no stack, no errno) when a file cannot be read. */
export type TargetProblem = { error: string };

function read(file: string, display: (f: string) => string): CheckFile | TargetProblem {
  const r = readRegularFileSync(file);
  return r.ok ? { file, text: decodeGoBytes(r.bytes) } : { error: `cannot read ${display(file)}: ${r.reason}` };
}

function entryFile(target: string, env: Record<string, string | undefined>): string | TargetProblem {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return { error: `${target}: no such file or directory` };
  }
  if (!isDir) return target;
  const work = path.join(target, 'go.work');
  if (env.GOWORK !== 'off' && existsSync(work)) return work;
  const mod = path.join(target, 'go.mod');
  return existsSync(mod) ? mod : { error: `no go.mod or go.work in ${target}` };
}

/**
 * The used modules whose go.mod can be read; a missing one is the go.work's own
 * use-target-missing finding, not a reason to stop.
 */
function usedModules(work: CheckFile): string[] {
  const parsed = parseFile(work.text, { filename: work.file, kind: 'work' });
  const dir = path.dirname(work.file);
  const seen = new Set<string>();
  for (const u of parsed.directives.use) {
    const goMod = path.join(path.resolve(dir, u.path.replace(/\\/g, path.sep)), 'go.mod');
    if (existsSync(goMod)) seen.add(goMod);
  }
  return [...seen];
}

export function checkTargets(target: string, env: Record<string, string | undefined>, display: (f: string) => string): CheckTargets | TargetProblem {
  const entry = entryFile(target, env);
  if (typeof entry !== 'string') return entry;
  const first = read(entry, display);
  if ('error' in first) return first;
  if (fileKindOf(entry) !== 'work') return { files: [first] };
  const files: CheckFile[] = [first];
  for (const goMod of usedModules(first)) {
    const m = read(goMod, display);
    if ('error' in m) return m;
    files.push(m);
  }
  return { files, workFile: entry };
}
