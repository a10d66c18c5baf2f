// The architecture as a test (dependency-cruiser, rules in .dependency-cruiser.cjs):
// no import cycles, an engine that imports nothing of the editor or of a face,
// faces that never import each other, and engine folders ordered bottom-up
// like golang.org/x/mod: each folder imports only folders below it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

/** Engine folders, bottom first: a folder imports only folders before it. */
const ENGINE_LAYERS = ['text', 'semver', 'module', 'gomod', 'goenv', 'gocmd', 'proxy', 'direct', 'vuln', 'facts', 'rules', 'analysis', 'present'];

interface Cruised {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

async function cruiseRepo(): Promise<Cruised> {
  // dependency-cruiser is an ES module; this test file is CommonJS.
  const load = new Function('m', 'return import(m)') as (m: string) => Promise<any>;
  const { cruise } = await load('dependency-cruiser');
  const { default: extractTSConfig } = await load('dependency-cruiser/config-utl/extract-ts-config');
  const config = require(path.join(REPO_ROOT, '.dependency-cruiser.cjs'));
  const tsConfigFile = path.join(REPO_ROOT, 'tsconfig.base.json');
  const result = await cruise(['server/src', 'client/src', 'shared'], {
    ...config.options, baseDir: REPO_ROOT, validate: true, ruleSet: { forbidden: config.forbidden }, tsConfig: { fileName: tsConfigFile },
  }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  return result.output as Cruised;
}

const cruised = cruiseRepo();

test('the dependency rules hold: no cycles, no editor in the engine, no face importing another face', async () => {
  const { modules, summary } = await cruised;
  assert.ok(modules.length > 80, `cruised ${modules.length} files`);
  const lines = summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`);
  assert.deepEqual(lines, []);
  const unresolved = modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} -> ${d.resolved}`));
  assert.deepEqual(unresolved, [], 'every import resolves (a rule cannot check what it cannot see)');
});

test('engine folders import only the folders below them', async () => {
  const { modules } = await cruised;
  const rank = new Map(ENGINE_LAYERS.map((name, i) => [name, i]));
  const folderOf = (file: string) => /^server\/src\/core\/([^/]+)\//.exec(file)?.[1];
  const wrong: string[] = [];
  const seen = new Set<string>();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    seen.add(from);
    assert.ok(rank.has(from), `server/src/core/${from}/ is in ENGINE_LAYERS (and files live in a folder: ${m.source})`);
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (to && to !== from && !(rank.get(to)! < rank.get(from)!)) wrong.push(`${m.source} -> ${d.resolved}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual([...seen].sort(), [...rank.keys()].sort(), 'every layer exists');
  assert.ok(!modules.some((m) => /^server\/src\/core\/[^/]+\.ts$/.test(m.source)), 'no engine file outside a folder');
});
