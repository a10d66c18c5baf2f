// not-tidy: what `go mod tidy -diff` would change in go.mod, as findings on
// the lines it would change. Pure: the go command's answer comes in
// (gocmd/tidyDiff.ts), and line positions come from the current parse, so an
// answer from the last save still points at the right lines after edits.
import type { TidyDiff } from '../gocmd/tidyDiff';
import type { ParsedFile } from '../gomod/parse';
import { type Finding, finding } from './finding';
import { argTokens } from '../gomod/ast';
import { lineRange, tokenRange } from './lineParts';

interface DiffLine {
  path: string;
  text: string;
}

/** Requirement lines removed and added in the go.mod part of tidy's diff, and whether that part changes anything. */
export function parseTidyDiff(diff: string): { removed: DiffLine[]; added: DiffLine[]; goModChanged: boolean } {
  const removed: DiffLine[] = [];
  const added: DiffLine[] = [];
  let inGoMod = false;
  let goModChanged = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- ') || line.startsWith('+++ ')) {
      inGoMod = /go\.mod\s*$/.test(line.trim());
      continue;
    }
    if (!inGoMod || line.startsWith('@@')) continue;
    const sign = line[0];
    if (sign !== '-' && sign !== '+') continue;
    goModChanged = true;
    const body = line.slice(1).trim().replace(/^require\s+/, '');
    const m = /^("?)([^\s"]+)\1\s+(v\S+)(.*)$/.exec(body);
    if (!m) continue;
    (sign === '-' ? removed : added).push({ path: m[2], text: body });
  }
  return { removed, added, goModChanged };
}

export function tidyFindings(p: ParsedFile, answer: TidyDiff): Finding[] {
  if (p.kind !== 'mod' || answer.kind === 'tidy') return [];
  const where = p.directives.module?.line ?? p.directives.require[0]?.line;
  if (!where) return [];
  if (answer.kind === 'failed') {
    return [{ ...finding('not-tidy', where.start, where.end, `Could not ask the go command whether go.mod is tidy (go mod tidy -diff: ${answer.why}).`), severity: 'info' }];
  }
  const { removed, added, goModChanged } = parseTidyDiff(answer.diff);
  // A diff of go.sum alone is gosum-missing's to report: not-tidy is about go.mod.
  if (!goModChanged) return [];
  const addedPaths = new Map(added.map((a) => [a.path, a]));
  const removedPaths = new Set(removed.map((x) => x.path));
  const out: Finding[] = [];
  const firstRequire = new Map<string, (typeof p.directives.require)[number]>();
  for (const q of p.directives.require) if (!firstRequire.has(q.mod.path)) firstRequire.set(q.mod.path, q);
  for (const x of removed) {
    const req = firstRequire.get(x.path);
    if (!req) continue;
    const at = tokenRange(argTokens(req.line)[0], req.line);
    const replacement = addedPaths.get(x.path);
    // Tidy rewrites a block it shortens ("require (...)" to "require x v1"): the same requirement moved is no change to it.
    if (replacement && replacement.text.replace(/\s+/g, ' ') === x.text.replace(/\s+/g, ' ')) continue;
    out.push(finding('not-tidy', at.start, at.end, replacement
      ? `Run go mod tidy: it would rewrite this requirement as "${replacement.text}".`
      : `No package of this module needs ${x.path}: run go mod tidy to remove this requirement.`, { module: x.path }));
  }
  for (const a of added) {
    if (removedPaths.has(a.path)) continue;
    const at = lineRange(where);
    out.push(finding('not-tidy', at.start, at.end, `A package of this module needs ${a.path}, which go.mod does not require: run go mod tidy to add "${a.text}".`, { module: a.path }));
  }
  if (out.length === 0) {
    const at = lineRange(where);
    out.push(finding('not-tidy', at.start, at.end, 'go.mod is not tidy: run go mod tidy.'));
  }
  return out;
}
