// go.sum must hold at least the go.mod checksum (`path version/go.mod h1:...`)
// of every requirement, or the go command stops with "missing go.sum entry".
import type { ParsedFile } from '../gomod/parse';
import { isDirectoryPath, type Require } from '../gomod/directives';
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

/** The requirements whose go.mod checksum go.sum must hold (a local directory has no checksum). */
function requirementsNeedingSums(p: ParsedFile): Require[] {
  if (p.kind !== 'mod') return [];
  const replacedByDir = new Set(p.directives.replace.filter((r) => isDirectoryPath(r.new.path) && r.old.version === '').map((r) => r.old.path));
  return p.directives.require.filter((r) => !replacedByDir.has(r.mod.path));
}

/** The requirements go.sum has no go.mod checksum for (all of them when there is no go.sum): what a download fills in. */
export function requirementsWithoutSums(p: ParsedFile, goSum: string | undefined): Require[] {
  const needed = requirementsNeedingSums(p);
  if (goSum === undefined) return needed;
  const have = goSumEntries(goSum);
  return needed.filter((r) => !have.has(`${r.mod.path} ${r.mod.version}/go.mod`));
}

/** `goSum` undefined: there is no go.sum file. */
export function goSumRules(p: ParsedFile, goSum: string | undefined): Finding[] {
  if (p.kind !== 'mod' || p.directives.require.length === 0) return [];
  const needed = requirementsNeedingSums(p);
  if (goSum === undefined) {
    const line = p.directives.module?.line ?? needed[0]?.line;
    if (!line || needed.length === 0) return [];
    return [finding('gosum-missing', line.start, line.end,
      `There is no go.sum file, so the go command cannot verify the ${needed.length} required module${needed.length === 1 ? '' : 's'}. Run go mod tidy to create it.`)];
  }
  const out: Finding[] = [];
  for (const r of requirementsWithoutSums(p, goSum)) {
    const at = tokenRange(argTokens(r.line)[1], r.line);
    out.push(finding('gosum-missing', at.start, at.end,
      `go.sum has no checksum for ${r.mod.path} ${r.mod.version}, so builds stop with "missing go.sum entry". Run go mod tidy (or go mod download ${r.mod.path}).`, { module: r.mod.path }));
  }
  return out;
}
