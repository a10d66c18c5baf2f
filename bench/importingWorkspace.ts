// A copy of a benchmark workspace whose main package imports one package of
// every required module it can, for govulncheck. Its module scan
// (`-scan module`) takes the modules from the packages the code imports, not
// from go.mod, so a main.go that imports nothing shows it only the standard
// library. For each module the shallowest package that the go command lists
// without errors (its dependencies' included) is imported; modules with no
// such package (commands only, other platforms only, a dependency this proxy
// does not serve) are reported as not importable.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

type Env = Record<string, string>;

export interface ImportingWorkspace {
  dir: string;
  /** Module path to the package main.go imports from it. */
  imported: Map<string, string>;
  notImportable: string[];
}

const CANDIDATES_PER_MODULE = 4;

function goList(go: string, args: string[], cwd: string, env: Env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(go, ['list', '-e', ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 900_000 }, (err, stdout, stderr) => {
      // -e lists broken packages as such; a failure of the command itself has no output.
      if (err && !stdout) reject(new Error(`go list ${args.slice(0, 3).join(' ')} …: ${stderr.slice(0, 2000)}`));
      else resolve(stdout);
    });
  });
}

const depth = (p: string) => p.split('/').length;
const usable = (importPath: string) => !/(^|\/)(internal|testdata|vendor|examples?|_[^/]*)(\/|$)/.test(importPath);

export async function importingWorkspace(go: string, source: string, dest: string, env: Env, modules: string[]): Promise<ImportingWorkspace> {
  mkdirSync(dest, { recursive: true });
  copyFileSync(path.join(source, 'go.mod'), path.join(dest, 'go.mod'));
  if (existsSync(path.join(source, 'go.sum'))) copyFileSync(path.join(source, 'go.sum'), path.join(dest, 'go.sum'));
  writeFileSync(path.join(dest, 'main.go'), 'package main\n\nfunc main() {}\n');

  // 1. Every package of every module, found without loading their imports.
  const found = await goList(go, ['-find', '-f', '{{.ImportPath}}\t{{.Name}}\t{{with .Module}}{{.Path}}{{end}}', ...modules.map((m) => `${m}/...`)], dest, env);
  const candidates = new Map<string, string[]>();
  for (const line of found.split('\n')) {
    const [importPath, name, mod] = line.split('\t');
    if (!importPath || !mod || name === '' || name === 'main' || !usable(importPath.slice(mod.length))) continue;
    candidates.set(mod, [...(candidates.get(mod) ?? []), importPath]);
  }
  for (const [mod, list] of candidates) candidates.set(mod, list.sort((a, b) => depth(a) - depth(b) || a.length - b.length).slice(0, CANDIDATES_PER_MODULE));

  // 2. The candidates with their dependencies: the first of each module that loads cleanly.
  const all = [...candidates.values()].flat();
  const loaded = all.length ? await goList(go, ['-f', '{{.ImportPath}}\t{{if or .Error .DepsErrors}}broken{{end}}', ...all], dest, env) : '';
  const clean = new Set(loaded.split('\n').filter((l) => l && !l.endsWith('\tbroken')).map((l) => l.split('\t')[0]));
  const imported = new Map<string, string>();
  for (const [mod, list] of candidates) {
    const pkg = list.find((p) => clean.has(p));
    if (pkg) imported.set(mod, pkg);
  }
  const imports = [...imported.values()].sort().map((p) => `\t_ ${JSON.stringify(p)}`).join('\n');
  writeFileSync(path.join(dest, 'main.go'), `package main\n\nimport (\n${imports}\n)\n\nfunc main() {}\n`);
  return { dir: dest, imported, notImportable: modules.filter((m) => !imported.has(m)) };
}
