// The text of a requirement's inlay hint: what is wrong with the version in
// use, and the update `go list -m -u` would offer.
import type { FactsRecord } from '../facts/requirementFacts';
import { updateKind } from '../semver/updateKind';

export interface HintChoices {
  updates: boolean;
  /** Newer major versions: a different module path (/vN, gopkg.in .vN). */
  majors: boolean;
  retracted: boolean;
  deprecated: boolean;
  upToDate: boolean;
}

/** The label and tooltip of the hint after a requirement line, or undefined for none. */
export function hintLabel(version: string, r: FactsRecord, show: HintChoices): { label: string; tooltip: string } | undefined {
  const f = r.facts;
  const labels: string[] = [];
  const tips: string[] = [];
  if (show.retracted && f.retracted) {
    labels.push('⚠ retracted');
    tips.push(`Retracted: ${f.retracted.join('; ')}`);
  }
  if (show.deprecated && f.deprecated) {
    labels.push('⚠ deprecated');
    tips.push(`Deprecated: ${f.deprecated}`);
  }
  if (show.updates && f.update && !r.versionMissing) {
    const kind = updateKind(version, f.update.Version);
    labels.push(`→ ${f.update.Version} (${kind})`);
    tips.push(`${kind} update available: ${f.update.Version}`);
  }
  if (show.majors && r.major) {
    const suffix = majorSuffix(r.major.path);
    labels.push(`⇡ ${r.major.version} (major${suffix ? `: ${suffix}` : ''})`);
    tips.push(`New major version: ${r.major.path} ${r.major.version}, a different module path (imports change)`);
  }
  if (labels.length === 0 && show.upToDate && !f.update && !f.failure) {
    labels.push('✓');
    tips.push('Up to date');
  }
  return labels.length > 0 ? { label: labels.join('  '), tooltip: tips.join('\n') } : undefined;
}

/** The part of a major version's path that names the major: "/v3", or ".v3" for gopkg.in. */
function majorSuffix(path: string): string | undefined {
  return /(\/v\d+|\.v\d+)$/.exec(path)?.[1];
}
