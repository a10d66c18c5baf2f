// Workspaces (go.dev/ref/mod#workspaces): a go.work `use` must name a
// directory with a go.mod, and a go.work replace overrides the go.mod
// replaces of the same module for every module in the workspace.
import * as path from 'node:path';
import type { ParsedFile } from '../gomod/parse';
import { type Finding, finding } from './finding';
import { argTokens } from '../gomod/ast';
import { tokenRange } from './lineParts';

/** For a go.work file: `use` directories that are missing or have no go.mod. */
export function useTargetRules(work: ParsedFile, dir: string | undefined, exists: (p: string) => boolean): Finding[] {
  if (work.kind !== 'work' || dir === undefined) return [];
  const out: Finding[] = [];
  for (const u of work.directives.use) {
    const abs = path.resolve(dir, u.path.replace(/\\/g, path.sep));
    const problem = !exists(abs) ? 'does not exist' : !exists(path.join(abs, 'go.mod')) ? 'has no go.mod file' : undefined;
    if (!problem) continue;
    const at = tokenRange(argTokens(u.line)[0], u.line);
    out.push(finding('use-target-missing', at.start, at.end,
      `The workspace directory ${u.path} ${problem}: fix the path, create the module (go mod init), or remove the use directive. Until then the go command stops with an error for every module in this workspace (looked for ${abs}).`));
  }
  return out;
}

export interface WorkspaceContext {
  /** The go.work file that governs this go.mod, parsed. */
  work: ParsedFile;
  /** Its location, for messages. */
  workFile: string;
}

/** For a go.mod that is part of a workspace: its replaces that go.work overrides. */
export function overriddenReplaceRules(mod: ParsedFile, ctx: WorkspaceContext): Finding[] {
  if (mod.kind !== 'mod') return [];
  const out: Finding[] = [];
  // Grouped by path so that many replaces on both sides do not multiply.
  const workByPath = new Map<string, typeof ctx.work.directives.replace>();
  for (const x of ctx.work.directives.replace) {
    const list = workByPath.get(x.old.path);
    if (list) list.push(x);
    else workByPath.set(x.old.path, [x]);
  }
  for (const r of mod.directives.replace) {
    const w = workByPath.get(r.old.path)?.find((x) => x.old.version === '' || x.old.version === r.old.version || r.old.version === '');
    if (!w) continue;
    const at = tokenRange(argTokens(r.line)[0], r.line);
    const target = w.new.version ? `${w.new.path} ${w.new.version}` : w.new.path;
    out.push(finding('replace-overridden-by-work', at.start, at.end,
      `In workspace mode ${ctx.workFile} replaces ${r.old.path} with ${target}, which overrides this replace: builds from the workspace ignore it (GOWORK=off builds still use it).`, { module: r.old.path }));
  }
  return out;
}

/** The go.work that applies to a directory, as the go command finds it: $GOWORK, else the nearest one above. */
export function findWorkFile(dir: string, env: Record<string, string | undefined>, exists: (p: string) => boolean): string | undefined {
  const gowork = env.GOWORK;
  if (gowork === 'off') return undefined;
  if (gowork) return path.isAbsolute(gowork) ? gowork : undefined;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, 'go.work');
    if (exists(f)) return f;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The workspace a module directory belongs to: the go.work that governs it and
 * lists it in a `use` directive (a go.work that does not use the module does
 * not apply to it: the go command refuses to run there instead).
 */
export function workspaceFor(modDir: string, env: Record<string, string | undefined>, exists: (p: string) => boolean, readFile: (p: string) => string | undefined, parse: (text: string, filename: string) => ParsedFile): WorkspaceContext | undefined {
  const workFile = findWorkFile(modDir, env, exists);
  if (!workFile) return undefined;
  const text = readFile(workFile);
  if (text === undefined) return undefined;
  const work = parse(text, workFile);
  const workDir = path.dirname(workFile);
  const member = work.directives.use.some((u) => path.resolve(workDir, u.path.replace(/\\/g, path.sep)) === path.resolve(modDir));
  return member ? { work, workFile } : undefined;
}
