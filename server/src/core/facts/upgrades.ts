// "Upgrade all direct requirements (minor/patch)": every requirement without
// `// indirect` that has a known update within its major version. Indirect
// requirements follow from what the direct ones need (go get raises them when
// it must), and a new major version is a different module path
// (go.dev/ref/mod#major-version-suffixes), which no go.mod edit can adopt.
import type { FactsRecord } from './requirementFacts';
import { lookupTargets } from './requirementFacts';
import type { Line, Position } from '../gomod/ast';
import type { ParsedFile } from '../gomod/parse';
import { major } from '../semver/goSemver';

export interface Upgrade {
  path: string;
  from: string;
  version: string;
  line: Line;
}

export function minorPatchUpgrades(p: ParsedFile, known: (key: string) => FactsRecord | undefined): Upgrade[] {
  const out: Upgrade[] = [];
  for (const t of lookupTargets(p)) {
    if (t.req.indirect) continue;
    const r = known(t.key);
    const to = r?.facts.update?.Version;
    if (!r || !to || r.versionMissing || r.facts.failure) continue;
    if (major(to) !== major(t.req.mod.version)) continue;
    out.push({ path: t.req.mod.path, from: t.req.mod.version, version: to, line: t.req.line });
  }
  return out;
}

/** A `require ( ... )` block, or a run of single-line `require` directives. */
export interface RequireGroup {
  start: Position;
  lines: Line[];
}

export function requireGroups(p: ParsedFile): RequireGroup[] {
  const groups: RequireGroup[] = [];
  let run: RequireGroup | undefined;
  for (const s of p.syntax.stmts) {
    if (s.type === 'block' && s.tokens[0]?.text === 'require') {
      groups.push({ start: s.start, lines: s.lines });
      run = undefined;
    } else if (s.type === 'line' && s.tokens[0]?.text === 'require') {
      if (!run) groups.push((run = { start: s.start, lines: [] }));
      run.lines.push(s);
    } else if (s.type !== 'comments') {
      run = undefined;
    }
  }
  return groups;
}
