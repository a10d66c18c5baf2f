// Rules that need only the go.mod text and the file system: replace and
// exclude lines that do nothing, or do something surprising.
import * as path from 'node:path';
import { compare } from '../semver/goSemver';
import { isDirectoryPath } from '../gomod/directives';
import type { ParsedFile } from '../gomod/parse';
import { type Finding, finding } from './finding';
import { argTokens } from '../gomod/ast';
import { lineRange, tokenRange } from './lineParts';

export interface TextRuleDeps {
  /** The directory holding the go.mod, for resolving local replacement paths. */
  dir: string | undefined;
  exists(p: string): boolean;
}

/**
 * From go 1.17 on, go.mod lists every module the build needs (graph pruning,
 * go.dev/ref/mod#graph-pruning), so a path absent from require is not in the graph.
 */
function listsWholeGraph(p: ParsedFile): boolean {
  return p.directives.go !== undefined && compare('v' + p.directives.go.version, 'v1.17') >= 0;
}

export function textRules(p: ParsedFile, deps: TextRuleDeps): Finding[] {
  const out: Finding[] = [];
  const required = new Map(p.directives.require.map((r) => [r.mod.path, r.mod.version]));
  const whole = listsWholeGraph(p);

  for (const r of p.directives.replace) {
    const args = argTokens(r.line);
    const oldRange = tokenRange(args[0], r.line);
    const want = required.get(r.old.path);
    if (p.kind === 'mod' && want === undefined && whole) {
      out.push(finding('replace-unused', oldRange.start, oldRange.end,
        `${r.old.path} is not required, so this replace has no effect: remove it, or require the module. Only the main module's requirements and their dependencies are replaced.`, { module: r.old.path }));
    } else if (p.kind === 'mod' && want !== undefined && r.old.version !== '' && r.old.version !== want) {
      out.push(finding('replace-version-mismatch', oldRange.start, oldRange.end,
        `This replace has no effect, as ${want} is required: change ${r.old.version} to ${want}, or drop the version on the left of "=>" to replace every version. It applies only to ${r.old.path}@${r.old.version}.`, { module: r.old.path }));
    }
    if (isDirectoryPath(r.new.path)) {
      const arrow = args.findIndex((t) => t.text === '=>');
      const target = tokenRange(args[arrow + 1], r.line);
      // In go.work, local replaces are the point: only a go.mod's are a hazard.
      if (p.kind === 'mod') out.push(finding('replace-local-path', target.start, target.end,
        `${r.old.path} is replaced by the local directory ${r.new.path}: keep this out of released modules (a go.work file is the usual place for local development). Builds use that directory whatever version is required, so upgrades (go get) change nothing that is built.`, { module: r.old.path }));
      if (deps.dir !== undefined) {
        const abs = path.resolve(deps.dir, r.new.path.replace(/\\/g, path.sep));
        const problem = !deps.exists(abs) ? 'does not exist' : !deps.exists(path.join(abs, 'go.mod')) ? 'has no go.mod file' : undefined;
        if (problem) {
          out.push(finding('replace-target-missing', target.start, target.end,
            `The replacement directory ${r.new.path} ${problem}: fix the path, restore the directory, or remove the replace. Until then the go command cannot build ${r.old.path} (looked for ${abs}).`, { module: r.old.path }));
        }
      }
    }
  }

  for (const x of p.directives.exclude) {
    const args = argTokens(x.line);
    const want = required.get(x.mod.path);
    if (want === x.mod.version) {
      const at = tokenRange(args[1], x.line);
      out.push(finding('exclude-required-version', at.start, at.end,
        `${x.mod.path} ${x.mod.version} is both required and excluded: require another version, or remove the exclude. The go command ignores the excluded version and silently uses the next higher version instead.`, { module: x.mod.path }));
    } else if (want === undefined && whole && p.kind === 'mod') {
      const at = lineRange(x.line);
      out.push(finding('exclude-unused', at.start, at.end,
        `${x.mod.path} is not required by this module, so excluding ${x.mod.version} has no effect. Remove the exclude.`, { module: x.mod.path }));
    }
  }
  return out;
}
