// Setting a requirement's version in the text. `go get` cannot move away from
// a version that does not exist: it loads the module graph of the go.mod as it
// is first, and fails on the missing version's go.mod. So for those
// requirements the copy the go command works on names the new version already,
// and go get then completes the graph and go.sum.
import type { ParsedFile } from './parse';
import { parseFile } from './parse';
import { argTokens } from './ast';
import { applyEdits, type OffsetEdit } from './textDiff';

export function setRequireVersions(text: string, modules: { path: string; version: string }[], parsed?: ParsedFile): string {
  if (modules.length === 0) return text;
  const p = parsed ?? parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const want = new Map(modules.map((m) => [m.path, m.version]));
  const edits: OffsetEdit[] = [];
  for (const r of p.directives.require) {
    const version = want.get(r.mod.path);
    const tok = argTokens(r.line)[1];
    if (version === undefined || !tok || r.mod.version === version) continue;
    edits.push({ start: tok.start.offset, end: tok.end.offset, text: version });
  }
  return applyEdits(text, edits);
}
