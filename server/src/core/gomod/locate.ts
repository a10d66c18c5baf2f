// What is at a position in a go.mod: which requirement, replace or exclude
// entry, and whether the module path or the version is under the cursor.
import { argTokens, type Line, type Token } from './ast';
import type { ParsedFile } from './parse';

export interface ModuleAt {
  kind: 'require' | 'exclude' | 'replace-old' | 'replace-new' | 'retract';
  path: string;
  version: string;
  /** The token under the position. */
  token: Token;
  part: 'path' | 'version';
  line: Line;
}

const within = (t: Token | undefined, offset: number) => t !== undefined && offset >= t.start.offset && offset <= t.end.offset;

export function moduleAt(p: ParsedFile, offset: number): ModuleAt | undefined {
  const d = p.directives;
  for (const r of d.require) {
    const [pathTok, versionTok] = argTokens(r.line);
    if (within(pathTok, offset)) return { kind: 'require', path: r.mod.path, version: r.mod.version, token: pathTok, part: 'path', line: r.line };
    if (within(versionTok, offset)) return { kind: 'require', path: r.mod.path, version: r.mod.version, token: versionTok, part: 'version', line: r.line };
  }
  for (const x of d.exclude) {
    const [pathTok, versionTok] = argTokens(x.line);
    if (within(pathTok, offset)) return { kind: 'exclude', path: x.mod.path, version: x.mod.version, token: pathTok, part: 'path', line: x.line };
    if (within(versionTok, offset)) return { kind: 'exclude', path: x.mod.path, version: x.mod.version, token: versionTok, part: 'version', line: x.line };
  }
  for (const r of d.replace) {
    const args = argTokens(r.line);
    const arrow = args.findIndex((t) => t.text === '=>');
    const oldToks = args.slice(0, arrow);
    const newToks = args.slice(arrow + 1);
    const hit = (toks: Token[], kind: 'replace-old' | 'replace-new', path: string, version: string): ModuleAt | undefined => {
      if (within(toks[0], offset)) return { kind, path, version, token: toks[0], part: 'path', line: r.line };
      if (within(toks[1], offset)) return { kind, path, version, token: toks[1], part: 'version', line: r.line };
      return undefined;
    };
    const found = hit(oldToks, 'replace-old', r.old.path, r.old.version) ?? hit(newToks, 'replace-new', r.new.path, r.new.version);
    if (found) return found;
  }
  return undefined;
}
