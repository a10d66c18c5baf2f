// The inlay hints of a requirement: what is wrong with the version in use,
// and the update `go list -m -u` would offer. One hint per fact, each drawn
// by the editor as its own chip with the same left padding, so the gap after
// the version and between hints is one and the same (no hand-made spaces).
import type { FactsRecord } from '../facts/requirementFacts';
import type { VulnRecord } from '../facts/vulnFacts';
import { updateKind } from '../semver/updateKind';
import { plural } from '../text/plural';

export interface HintChoices {
  updates: boolean;
  /** Newer major versions: a different module path (/vN, gopkg.in .vN). */
  majors: boolean;
  retracted: boolean;
  deprecated: boolean;
  /** Known vulnerabilities of the version a build uses (the requirement's, or its version replacement's). */
  vulnerabilities: boolean;
  upToDate: boolean;
}

/** A tooltip names this many ids at most: the hover has the whole list. */
const TOOLTIP_IDS = 10;

export interface HintLabel {
  label: string;
  tooltip: string;
}

/** The hints after a requirement line, in reading order (none when nothing is worth saying). */
export function hintLabels(version: string, r: FactsRecord, show: HintChoices): HintLabel[] {
  const f = r.facts;
  const hints: HintLabel[] = [];
  const add = (label: string, tooltip: string) => hints.push({ label, tooltip });
  if (show.retracted && f.retracted) {
    add('⚠ retracted', `Retracted: ${f.retracted.join('; ')}`);
  }
  if (show.deprecated && f.deprecated) {
    add('⚠ deprecated', `Deprecated: ${f.deprecated}`);
  }
  const v = r.vulns;
  if (show.vulnerabilities && v?.kind === 'checked' && v.vulns.length > 0) {
    add(`⚠ ${plural(v.vulns.length, 'vulnerability', 'vulnerabilities')}`, vulnTooltip(v));
  }
  if (show.updates && f.update && !r.versionMissing) {
    const kind = updateKind(version, f.update.Version);
    add(`→ ${f.update.Version} (${kind})`, `${kind} update available: ${f.update.Version}`);
  }
  if (show.majors && r.major) {
    const suffix = majorSuffix(r.major.path);
    add(`⇡ ${r.major.version} (major${suffix ? `: ${suffix}` : ''})`, `New major version: ${r.major.path} ${r.major.version}, a different module path (imports change)`);
  }
  if (hints.length === 0 && show.upToDate && !f.update && !f.failure) {
    add('✓', 'Up to date');
  }
  return hints;
}

/** "Known vulnerabilities: GO-2024-0001, GO-2024-0002. Upgrade to v1.4.0 fixes them all." */
function vulnTooltip(v: Extract<VulnRecord, { kind: 'checked' }>): string {
  const ids = v.vulns.map((x) => x.id);
  const shown = ids.length > TOOLTIP_IDS ? `${ids.slice(0, TOOLTIP_IDS).join(', ')} and ${ids.length - TOOLTIP_IDS} more` : ids.join(', ');
  const as = v.replaced ? ` (checked as its replacement ${v.path} ${v.version})` : '';
  const all = v.vulns.length === 1 ? 'it' : 'them all';
  const fix = v.upgradeTo ? ` Upgrade to ${v.upgradeTo} fixes ${all}.` : '';
  return `Known ${v.vulns.length === 1 ? 'vulnerability' : 'vulnerabilities'}${as}: ${shown}.${fix}`;
}

/** The part of a major version's path that names the major: "/v3", or ".v3" for gopkg.in. */
function majorSuffix(path: string): string | undefined {
  return /(\/v\d+|\.v\d+)$/.exec(path)?.[1];
}
