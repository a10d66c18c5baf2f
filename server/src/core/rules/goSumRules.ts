// go.sum must hold at least the go.mod checksum (`path version/go.mod h1:...`)
// of every requirement, or the go command stops with "missing go.sum entry".
import type { ParsedFile } from '../gomod/parse';
import { isDirectoryPath, type ModuleVersion, type Require } from '../gomod/directives';
import { replacementFor } from '../gomod/replacement';
import { type Finding, finding } from './finding';
import { argTokens } from '../gomod/ast';
import { tokenRange } from './lineParts';

export function goSumEntries(goSum: string): Set<string> {
  const have = new Set<string>();
  for (const line of goSum.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 3 && f[2].startsWith('h1:')) have.add(`${f[0]} ${f[1]}`);
  }
  return have;
}

/** A requirement and the module version whose go.mod checksum go.sum must hold for it: the replacement's, when a module replaces it. */
export interface NeededSum {
  req: Require;
  sum: ModuleVersion;
}

/** The checksums the requirements need; a local directory has none. */
function neededSums(p: ParsedFile): NeededSum[] {
  if (p.kind !== 'mod') return [];
  const out: NeededSum[] = [];
  for (const req of p.directives.require) {
    const r = replacementFor(p.directives, req.mod.path, req.mod.version);
    if (r && isDirectoryPath(r.new.path)) continue;
    // The go command checks the go.mod it loads: the replacement's ("example.com/a@v1.0.0 (replaced by example.com/b@v1.1.0): missing go.sum entry").
    out.push({ req, sum: r ? r.new : req.mod });
  }
  return out;
}

/** The requirements go.sum has no go.mod checksum for (all of them when there is no go.sum): what a download fills in. */
export function requirementsWithoutSums(p: ParsedFile, goSum: string | undefined): NeededSum[] {
  const needed = neededSums(p);
  if (goSum === undefined) return needed;
  const have = goSumEntries(goSum);
  return needed.filter((n) => !have.has(`${n.sum.path} ${n.sum.version}/go.mod`));
}

/** `goSum` undefined: there is no go.sum file. */
export function goSumRules(p: ParsedFile, goSum: string | undefined): Finding[] {
  if (p.kind !== 'mod' || p.directives.require.length === 0) return [];
  const needed = neededSums(p);
  if (goSum === undefined) {
    const line = p.directives.module?.line ?? needed[0]?.req.line;
    if (!line || needed.length === 0) return [];
    return [finding('gosum-missing', line.start, line.end,
      `There is no go.sum file: run go mod tidy to create it. Without it the go command cannot verify the ${needed.length} required module${needed.length === 1 ? '' : 's'}.`)];
  }
  const out: Finding[] = [];
  for (const { req: r, sum } of requirementsWithoutSums(p, goSum)) {
    const at = tokenRange(argTokens(r.line)[1], r.line);
    const what = sum === r.mod ? `${r.mod.path} ${r.mod.version}` : `${sum.path} ${sum.version} (which replaces ${r.mod.path} ${r.mod.version})`;
    out.push(finding('gosum-missing', at.start, at.end,
      `go.sum has no checksum for ${what}: run go mod tidy (or go mod download ${r.mod.path}). Until then builds stop with "missing go.sum entry".`, { module: r.mod.path }));
  }
  return out;
}
