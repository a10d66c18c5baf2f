// go.sum must hold at least the go.mod checksum (`path version/go.mod h1:...`)
// of every requirement, or the go command stops with "missing go.sum entry".
import type { ParsedFile } from '../gomod/parse';
import { isDirectoryPath } from '../gomod/directives';
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

/** `goSum` undefined: there is no go.sum file. */
export function goSumRules(p: ParsedFile, goSum: string | undefined): Finding[] {
  if (p.kind !== 'mod' || p.directives.require.length === 0) return [];
  const replacedByDir = new Set(p.directives.replace.filter((r) => isDirectoryPath(r.new.path) && r.old.version === '').map((r) => r.old.path));
  const needed = p.directives.require.filter((r) => !replacedByDir.has(r.mod.path));
  if (goSum === undefined) {
    const line = p.directives.module?.line ?? needed[0]?.line;
    if (!line || needed.length === 0) return [];
    return [finding('gosum-missing', line.start, line.end,
      `There is no go.sum file: run go mod tidy to create it. Without it the go command cannot verify the ${needed.length} required module${needed.length === 1 ? '' : 's'}.`)];
  }
  const have = goSumEntries(goSum);
  const out: Finding[] = [];
  for (const r of needed) {
    if (have.has(`${r.mod.path} ${r.mod.version}/go.mod`)) continue;
    const at = tokenRange(argTokens(r.line)[1], r.line);
    out.push(finding('gosum-missing', at.start, at.end,
      `go.sum has no checksum for ${r.mod.path} ${r.mod.version}: run go mod tidy (or go mod download ${r.mod.path}). Until then builds stop with "missing go.sum entry".`, { module: r.mod.path }));
  }
  return out;
}
