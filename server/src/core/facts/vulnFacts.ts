// Known vulnerabilities of one requirement, or of the toolchain that builds the
// module: what the database says of the module version that a build uses. A
// version-to-version replacement is checked as its replacement; a directory
// replacement is code on disk that no database describes.
import type { Require } from '../gomod/directives';
import { compare } from '../semver/goSemver';
import type { VulnDatabase } from '../vuln/database';
import { candidateIds, goReleaseVersion, lowestFixingVersion, type MatchOptions, vulnerabilitiesOf, type Vulnerability } from '../vuln/match';
import { STDLIB_MODULE, TOOLCHAIN_MODULE, type VulnEntry } from '../vuln/osv';
import type { Retraction } from './moduleFacts';

/** The module version a build uses for a requirement: itself, its replacement, or a directory. */
export type VulnTarget = { path: string; version: string; replaced?: boolean } | { localDir: string };

export type VulnRecord =
  | {
    kind: 'checked';
    /** The module version that was checked (a replacement's, when replaced). */
    path: string;
    version: string;
    replaced?: boolean;
    vulns: Vulnerability[];
    /** The lowest version that fixes all of them and is not retracted, when the module's versions are known. */
    upgradeTo?: string;
    /** db.json's modified, of the database that answered. */
    dbModified: string;
    /** For the toolchain's record: which Go release was checked, and why that one. */
    toolchain?: BuildingToolchain;
  }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; message: string };

export interface VulnDeps {
  db: VulnDatabase;
  match: MatchOptions;
}

/** What one module version's check found, with the entries that matched (to choose an upgrade). */
export interface VulnGathering {
  record: VulnRecord;
  entries: VulnEntry[];
}

async function check(deps: VulnDeps, modules: string[], version: string): Promise<{ kind: 'ok'; dbModified: string; vulns: Vulnerability[]; entries: VulnEntry[] } | { kind: 'failed'; message: string }> {
  const index = await deps.db.index();
  if (index.kind === 'error') return { kind: 'failed', message: index.message };
  const ids = modules.flatMap((m) => candidateIds(index.value.byPath.get(m), version));
  if (ids.length === 0) return { kind: 'ok', dbModified: index.value.modified, vulns: [], entries: [] };
  const got = await deps.db.entries(ids);
  if (got.kind === 'error') return { kind: 'failed', message: got.message };
  const vulns = modules.flatMap((m) => vulnerabilitiesOf(m, version, got.value, deps.match));
  const matched = new Set(vulns.map((v) => v.id));
  return { kind: 'ok', dbModified: index.value.modified, vulns: dedupe(vulns), entries: got.value.filter((e) => matched.has(e.id)) };
}

/** One id can be listed under stdlib and toolchain both: report it once. */
function dedupe(vulns: Vulnerability[]): Vulnerability[] {
  const seen = new Map<string, Vulnerability>();
  for (const v of vulns) if (!seen.has(v.id)) seen.set(v.id, v);
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function gatherVulns(deps: VulnDeps, target: VulnTarget): Promise<VulnGathering> {
  if ('localDir' in target) {
    return { record: { kind: 'skipped', why: `it is replaced by the directory ${target.localDir}, whose code no vulnerability database describes` }, entries: [] };
  }
  const found = await check(deps, [target.path], target.version);
  if (found.kind === 'failed') return { record: found, entries: [] };
  const record: VulnRecord = { kind: 'checked', path: target.path, version: target.version, vulns: found.vulns, dbModified: found.dbModified };
  if (target.replaced) record.replaced = true;
  return { record, entries: found.entries };
}

/**
 * With the module's published versions known, the version a quick fix moves
 * to. A replaced requirement gets none: upgrading it would not change what
 * the build uses.
 */
export function withUpgrade(g: VulnGathering, published: readonly string[] | undefined, retractions: readonly Retraction[], isExcluded: (v: string) => boolean, match: MatchOptions): VulnRecord {
  const r = g.record;
  if (r.kind !== 'checked' || r.vulns.length === 0 || r.replaced || !published) return r;
  const retracted = (v: string) => isExcluded(v) || retractions.some((x) => compare(x.low, v) <= 0 && compare(v, x.high) <= 0);
  const upgradeTo = lowestFixingVersion(r.path, r.version, g.entries, published, retracted, match);
  return upgradeTo ? { ...r, upgradeTo } : r;
}

/** The Go release that builds a module, and what chose it. */
export interface BuildingToolchain {
  /** As Go names it: "go1.21.5". */
  tag: string;
  /** As the database writes it: "v1.21.5". */
  version: string;
  from: 'toolchain line' | 'go line' | 'local go command';
}

/**
 * The Go release that would build the module: the toolchain line (or, without
 * one, the go line, which is what the toolchain line then defaults to), or the
 * local go command when that is newer, as GOTOOLCHAIN=auto would choose.
 * A toolchain's suffix ("go1.22.1-custom") names a build of that release.
 */
export function buildingToolchain(lines: { toolchain?: string; go?: string }, localGo: string | undefined): BuildingToolchain | undefined {
  const release = (name: string) => name.split(/[\s-]/)[0];
  const named = lines.toolchain && lines.toolchain !== 'default'
    ? { tag: release(lines.toolchain), from: 'toolchain line' as const }
    : lines.go ? { tag: `go${lines.go}`, from: 'go line' as const } : undefined;
  const line = named && goReleaseVersion(named.tag);
  const localTag = localGo ? release(localGo) : undefined;
  const local = localTag ? goReleaseVersion(localTag) : undefined;
  if (local && (!line || compare(local, line) > 0)) return { tag: localTag!, version: local, from: 'local go command' };
  if (named && line) return { tag: named.tag, version: line, from: named.from };
  return undefined;
}

/** The standard library's and the go command's vulnerabilities in the release that builds the module. */
export async function gatherToolchainVulns(deps: VulnDeps, lines: { toolchain?: string; go?: string }, localGo: string | undefined): Promise<VulnRecord> {
  const building = buildingToolchain(lines, localGo);
  if (!building) return { kind: 'skipped', why: 'the go and toolchain lines name no Go release' };
  const found = await check(deps, [STDLIB_MODULE, TOOLCHAIN_MODULE], building.version);
  if (found.kind === 'failed') return found;
  // The fix for the toolchain is a newer Go release: the highest fixed version among them (each is the lowest that fixes its own).
  const fixes = found.vulns.map((v) => v.fixed);
  const upgradeTo = fixes.length > 0 && fixes.every((f) => f) ? (fixes as string[]).sort(compare).at(-1) : undefined;
  return { kind: 'checked', path: STDLIB_MODULE, version: building.version, vulns: found.vulns, dbModified: found.dbModified, toolchain: building, ...(upgradeTo ? { upgradeTo } : {}) };
}

/** The module version a build uses for a requirement, after the replace directive that applies. */
export function vulnTargetOf(req: Require, replacement: { new: { path: string; version: string } } | undefined): VulnTarget {
  if (!replacement) return { path: req.mod.path, version: req.mod.version };
  if (replacement.new.version === '') return { localDir: replacement.new.path };
  return { path: replacement.new.path, version: replacement.new.version, replaced: true };
}
