// Rules on the vulnerability database's answers: one finding per vulnerable
// requirement (the count, the ids, the version that fixes them all), one on
// the go or toolchain line for the standard library and the go command, and
// one finding for a database that could not be read, whatever the number of
// requirements it failed for.
import { argTokens, type Line } from '../gomod/ast';
import type { RequirementFacts } from '../facts/requirementFacts';
import type { VulnRecord } from '../facts/vulnFacts';
import { plural } from '../text/plural';
import { goReleaseTag, type Vulnerability } from '../vuln/match';
import { type Finding, finding } from './finding';
import { tokenRange } from './lineParts';

/** "GO-2024-0001, GO-2024-0002 and 3 more". */
export function idList(vulns: readonly Vulnerability[], max = 3): string {
  const ids = vulns.map((v) => v.id);
  if (ids.length <= max) return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}` : ids.join('');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

function fixSentence(r: Extract<VulnRecord, { kind: 'checked' }>, name: (v: string) => string): string {
  const all = r.vulns.length === 1 ? 'it' : 'them all';
  if (r.upgradeTo) return `Upgrade to ${name(r.upgradeTo)}, which fixes ${all}.`;
  if (r.vulns.every((v) => !v.fixed)) return r.vulns.length === 1 ? 'No fixed version is known yet.' : 'No fixed version is known for any of them yet.';
  const unfixed = r.vulns.filter((v) => !v.fixed).length;
  if (unfixed > 0) return `${plural(unfixed, 'of them has', 'of them have')} no fixed version yet.`;
  return 'No published version fixes them all.';
}

function versionToken(line: Line) {
  const [, versionTok] = argTokens(line);
  return tokenRange(versionTok, line);
}

export function vulnRules(items: readonly RequirementFacts[], toolchain?: { line: Line; vulns?: VulnRecord }): Finding[] {
  const out: Finding[] = [];
  const failed: { first: Line; message: string; count: number } = { first: undefined as unknown as Line, message: '', count: 0 };
  for (const it of items) {
    const r = it.vulns;
    if (r?.kind === 'failed') {
      if (failed.count++ === 0) {
        failed.first = it.req.line;
        failed.message = r.message;
      }
      continue;
    }
    if (r?.kind !== 'checked' || r.vulns.length === 0) continue;
    const { req } = it;
    const at = versionToken(req.line);
    const as = r.replaced ? ` (checked as its replacement ${r.path} ${r.version})` : '';
    const n = plural(r.vulns.length, 'known vulnerability', 'known vulnerabilities');
    out.push(finding('vulnerability', at.start, at.end,
      `${req.mod.path} ${req.mod.version} has ${n}${as}: ${idList(r.vulns)}. ${fixSentence(r, (v) => v)}`,
      { module: req.mod.path, ...(r.upgradeTo ? { suggestedVersion: r.upgradeTo } : {}) }));
  }
  const t = toolchain?.vulns;
  if (t?.kind === 'failed' && failed.count++ === 0) {
    failed.first = toolchain!.line;
    failed.message = t.message;
  }
  if (toolchain && t?.kind === 'checked' && t.vulns.length > 0 && t.toolchain) {
    const at = versionToken(toolchain.line);
    out.push(finding('toolchain-vulnerability', at.start, at.end,
      `${t.toolchain.tag} (the ${t.toolchain.from === 'local go command' ? 'local go command, newer than the go and toolchain lines' : t.toolchain.from}) has ${plural(t.vulns.length, 'known vulnerability', 'known vulnerabilities')} in the standard library or the go command: ${idList(t.vulns)}. ${fixSentence(t, goReleaseTag)}`,
      t.upgradeTo ? { suggestedVersion: goReleaseTag(t.upgradeTo) } : {}));
  }
  if (failed.count > 0) {
    const at = versionToken(failed.first);
    out.push(finding('vulnerability-check-failed', at.start, at.end,
      `Known vulnerabilities could not be checked: ${failed.message}. Everything else is checked as usual.`));
  }
  return out;
}
