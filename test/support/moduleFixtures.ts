// Module versions written as cmd/go's test proxy writes them (txtar files named
// <escaped path with / as _>_<escaped version>.txt; see
// $GOROOT/src/cmd/go/testdata/mod/README), turned into a static GOPROXY tree
// that works both over HTTP (proxyServer.ts) and as a file:// proxy
// (go.dev/ref/mod#goproxy-protocol).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { checkPathMajor, canonicalVersion, splitPathVersion } from '../../server/src/core/module/pathMajor';
import { compare, isValid, prerelease } from '../../server/src/core/semver/goSemver';
import { REPO_ROOT } from './corpus';

export const fixtureModulesDir = path.join(REPO_ROOT, 'test', 'fixtures', 'modules');

/** The Time of an .info a fixture does not spell out: proxies always send one, and tests need it stable. */
export const defaultInfoTime = '2024-01-01T00:00:00Z';

export interface ProxyTree {
  root: string;
  /** The same tree as a GOPROXY entry for the go command's file:// proxy. */
  fileUrl: string;
  /** Module path -> every version served (pseudo-versions included), in semver order. */
  modules: Map<string, string[]>;
  /** Module path -> the version its @latest names, for the modules that have one. */
  latest: Map<string, string>;
}

export interface BuildOptions {
  /** Adds example.com/gen/m000... modules (8 versions each, some retracted or deprecated) for benchmarks. */
  generated?: number;
}

interface ModuleVersion {
  path: string;
  version: string;
  info?: string;
  mod?: string;
  files: { name: string; data: Buffer }[];
}

/** module.EscapePath / EscapeVersion: each upper-case letter becomes "!" + its lower case. */
export function escapeModulePath(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

export function unescapeModulePath(s: string): string {
  return s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

// module.IsPseudoVersion.
const pseudoRE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
export function isPseudoVersion(v: string): boolean {
  return (v.match(/-/g) ?? []).length >= 2 && isValid(v) && pseudoRE.test(v);
}

/** txtar: an optional comment, then "-- name --" marker lines, each followed by that file's bytes. */
export function parseTxtar(text: string): { comment: string; files: { name: string; data: string }[] } {
  const files: { name: string; data: string }[] = [];
  const parts = text.split(/^-- (.+?) --[ \t\r]*$\n?/m);
  for (let i = 1; i < parts.length; i += 2) files.push({ name: parts[i].trim(), data: parts[i + 1] });
  return { comment: parts[0], files };
}

function readFixtureDir(dir: string): { versions: ModuleVersion[]; latest: Map<string, string | undefined> } {
  const versions: ModuleVersion[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const base = name.slice(0, -'.txt'.length);
    const i = base.lastIndexOf('_v');
    if (i < 0) throw new Error(`${path.join(dir, name)}: a fixture name must be <path>_<version>.txt`);
    const modPath = unescapeModulePath(base.slice(0, i).replaceAll('_', '/'));
    const version = unescapeModulePath(base.slice(i + 1));
    const a = parseTxtar(readFileSync(path.join(dir, name), 'utf8'));
    const mv: ModuleVersion = { path: modPath, version, files: [] };
    for (const f of a.files) {
      if (f.name === '.info') mv.info = f.data;
      else if (f.name === '.mod') mv.mod = f.data;
      else mv.files.push({ name: f.name, data: Buffer.from(f.data) });
    }
    versions.push(mv);
  }
  const latest = new Map<string, string | undefined>();
  let list = '';
  try {
    list = readFileSync(path.join(dir, 'latest.list'), 'utf8');
  } catch {
    // No latest.list: no module in this directory has an @latest endpoint.
  }
  for (const line of list.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (f.length > 0) latest.set(f[0], f[1]);
  }
  return { versions, latest };
}

/** Writes the proxy tree for every fixture in fixtureDirs (later directories win) into outDir. */
export function buildProxyTree(fixtureDirs: string[], outDir: string, opts: BuildOptions = {}): ProxyTree {
  const byModule = new Map<string, Map<string, ModuleVersion>>();
  const latestWanted = new Map<string, string | undefined>();
  const add = (mv: ModuleVersion) => {
    if (!byModule.has(mv.path)) byModule.set(mv.path, new Map());
    byModule.get(mv.path)!.set(mv.version, mv);
  };
  for (const dir of fixtureDirs) {
    const { versions, latest } = readFixtureDir(dir);
    versions.forEach(add);
    for (const [p, v] of latest) latestWanted.set(p, v);
  }
  generateModules(opts.generated ?? 0).forEach(add);

  outDir = path.resolve(outDir);
  const tree: ProxyTree = { root: outDir, fileUrl: pathToFileURL(outDir).href, modules: new Map(), latest: new Map() };
  for (const [modPath, versions] of [...byModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = [...versions.keys()].sort(compare);
    tree.modules.set(modPath, sorted);
    const dir = path.join(outDir, escapeModulePath(modPath), '@v');
    mkdirSync(dir, { recursive: true });
    // Like cmd/go's test proxy: tags only, and only versions valid for the path's major suffix.
    const pathMajor = splitPathVersion(modPath).pathMajor;
    const listed = sorted.filter((v) => !isPseudoVersion(v) && canonicalVersion(v) === v && checkPathMajor(v, pathMajor) === undefined);
    writeFileSync(path.join(dir, 'list'), listed.map((v) => v + '\n').join(''));
    for (const v of sorted) {
      const mv = versions.get(v)!;
      const file = path.join(dir, escapeModulePath(v));
      writeFileSync(file + '.info', infoJson(mv));
      // A fixture without .mod stands for a proxy that cannot serve it (Go's retract_missingmod).
      if (mv.mod !== undefined) writeFileSync(file + '.mod', mv.mod);
      writeFileSync(file + '.zip', moduleZip(mv));
    }
    if (latestWanted.has(modPath)) {
      const v = latestWanted.get(modPath) ?? goProxyLatest(sorted);
      if (!versions.has(v)) throw new Error(`latest.list: ${modPath} has no version ${v}`);
      writeFileSync(path.join(outDir, escapeModulePath(modPath), '@latest'), infoJson(versions.get(v)!));
      tree.latest.set(modPath, v);
    }
  }
  for (const p of latestWanted.keys()) if (!byModule.has(p)) throw new Error(`latest.list names unknown module ${p}`);
  return tree;
}

/** What cmd/go's test proxy (and proxy.golang.org) answers for @latest. */
function goProxyLatest(sorted: string[]): string {
  const rev = [...sorted].reverse();
  return (
    rev.find((v) => !isPseudoVersion(v) && prerelease(v) === '') ??
    rev.find((v) => !isPseudoVersion(v)) ??
    rev[0]
  );
}

function infoJson(mv: ModuleVersion): string {
  const parsed = mv.info !== undefined ? (JSON.parse(mv.info) as Record<string, unknown>) : {};
  const time = parsed.Time ?? (isPseudoVersion(mv.version) ? pseudoTime(mv.version) : defaultInfoTime);
  return JSON.stringify({ ...parsed, Version: parsed.Version ?? mv.version, Time: time });
}

/** The commit time a pseudo-version carries: vX.Y.Z-...yyyymmddhhmmss-hash. */
function pseudoTime(v: string): string {
  const t = /(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)-[A-Za-z0-9]+(\+.*)?$/.exec(v)!;
  return `${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:${t[6]}Z`;
}

/** A module zip (go.dev/ref/mod#zip-files): entries <path>@<version>/<file>, stored, no directories. */
function moduleZip(mv: ModuleVersion): Buffer {
  // cmd/go's test proxy: a name starting with "/" is the zip entry name as is.
  return storedZip(mv.files.map((f) => ({ name: f.name.startsWith('/') ? f.name.slice(1) : `${mv.path}@${mv.version}/${f.name}`, data: f.data })));
}

/** A minimal ZIP (PKWARE APPNOTE 4.3): STORE method, sizes and CRC-32 in the local headers. */
export function storedZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    // Version 2.0, flag 0x800 (UTF-8 names), method 0, DOS date 1980-01-01 00:00 for reproducible bytes.
    const common = [20, 0x800, 0, 0, 0x21];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.forEach((v, i) => local.writeUInt16LE(v, 4 + 2 * i));
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common.forEach((v, i) => central.writeUInt16LE(v, 6 + 2 * i));
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Rationale the generated modules give for their retracted version. */
export const generatedRetractRationale = 'broken build';
const generatedVersions = ['v0.1.0', 'v0.2.0', 'v1.0.0', 'v1.0.1', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.4.0-rc.1'];

/**
 * example.com/gen/mNNN, eight versions each (v1.3.0 is the latest release). Every
 * third module retracts v1.1.0 and every seventh is deprecated, both in v1.3.0's go.mod.
 */
function generateModules(n: number): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  for (let i = 0; i < n; i++) {
    const modPath = `example.com/gen/m${String(i).padStart(3, '0')}`;
    generatedVersions.forEach((version, k) => {
      let gomod = `module ${modPath}\n\ngo 1.21\n`;
      if (version === 'v1.3.0' && i % 7 === 0) gomod = `// Deprecated: use example.com/gen/m${String(i + 1).padStart(3, '0')} instead.\n` + gomod;
      if (version === 'v1.3.0' && i % 3 === 0) gomod += `\nretract v1.1.0 // ${generatedRetractRationale}\n`;
      const time = new Date(Date.UTC(2023, 0, 1 + k * 30, 0, i % 60)).toISOString().replace('.000', '');
      out.push({
        path: modPath,
        version,
        mod: gomod,
        info: JSON.stringify({ Version: version, Time: time }),
        files: [
          { name: 'go.mod', data: Buffer.from(gomod) },
          { name: 'gen.go', data: Buffer.from(`package m${i}\n`) },
        ],
      });
    });
  }
  return out;
}
