// The known vulnerabilities in a hover: for a requirement, those of the module
// version a build uses (its replacement's, when a replace names a version);
// on the go or toolchain line, those of the standard library and the go
// command in the Go release that builds the module. Each entry with its id
// (linked to its page), aliases, summary, fixed version and packages; the
// version that fixes them all; and what only govulncheck can tell. Long lists
// stay short: the first entries in full, the rest by id.
import type { BuildingToolchain, VulnRecord } from '../facts/vulnFacts';
import { goReleaseTag, type Vulnerability } from '../vuln/match';
import { plural } from '../text/plural';
import { escapeMarkdown as esc, markdownLink, oneLine } from './markdownText';

/** Entries shown in full; the rest are named by id. */
export const HOVER_VULNS_IN_FULL = 10;
/** Ids named after those, before "and N more". */
const HOVER_VULNS_BY_ID = 20;
const MAX_ALIASES = 3;
const MAX_PACKAGES = 5;
const MAX_SUMMARY = 200;

const GOVULNCHECK = 'Whether your code reaches the vulnerable symbols is what govulncheck tells: run `govulncheck ./...` in the module.';

type Checked = Extract<VulnRecord, { kind: 'checked' }>;

/** How a version is written: the module's own ("v1.4.0"), or a Go release ("go1.22.5"). */
type VersionName = (v: string) => string;
const moduleVersion: VersionName = (v) => v;

function aliasText(v: Vulnerability): string {
  if (v.aliases.length === 0) return '';
  const shown = v.aliases.slice(0, MAX_ALIASES).map((a) => esc(oneLine(a, 64)));
  const more = v.aliases.length > MAX_ALIASES ? `, +${v.aliases.length - MAX_ALIASES}` : '';
  return ` (${shown.join(', ')}${more})`;
}

function packageText(v: Vulnerability): string {
  if (v.packages.length === 0) return '';
  const code = (p: string) => '`' + oneLine(p, 200).replace(/`/g, "'") + '`';
  const shown = v.packages.slice(0, MAX_PACKAGES).map(code).join(', ');
  const more = v.packages.length > MAX_PACKAGES ? ` and ${v.packages.length - MAX_PACKAGES} more` : '';
  return ` ${v.packages.length === 1 ? 'Package' : 'Packages'}: ${shown}${more}.`;
}

function entryLine(v: Vulnerability, name: VersionName): string {
  const summary = v.summary.trim() ? ` ${esc(oneLine(v.summary, MAX_SUMMARY)).replace(/([^.!?…])$/, '$1.')}` : '';
  const fixed = v.fixed ? ` Fixed in ${esc(name(v.fixed))}.` : ' No fix yet.';
  return `- ${markdownLink(oneLine(v.id, 64), v.url)}${aliasText(v)}:${summary}${fixed}${packageText(v)}`;
}

/** The entries: the first ones in full, then the others by id, then a count. */
export function vulnList(vulns: readonly Vulnerability[], name: VersionName = moduleVersion): string[] {
  const lines = vulns.slice(0, HOVER_VULNS_IN_FULL).map((v) => entryLine(v, name));
  const rest = vulns.slice(HOVER_VULNS_IN_FULL);
  if (rest.length > 0) {
    const ids = rest.slice(0, HOVER_VULNS_BY_ID).map((v) => esc(oneLine(v.id, 64)));
    const beyond = rest.length - ids.length;
    lines.push(`- and ${rest.length} more: ${ids.join(', ')}${beyond > 0 ? ` and ${beyond} others` : ''}`);
  }
  return lines;
}

/** What would fix them all, or why nothing named here does. */
function fixSentence(r: Checked, upgrade: (to: string, all: string) => string): string {
  const all = r.vulns.length === 1 ? 'it' : 'them all';
  if (r.upgradeTo) return upgrade(r.upgradeTo, all);
  if (r.replaced) return `Builds use the replacement, so upgrading the requirement changes nothing: point the replace directive at a fixed version of ${esc(r.path)}.`;
  const unfixed = r.vulns.filter((v) => !v.fixed).length;
  if (unfixed === r.vulns.length) return r.vulns.length === 1 ? 'No fixed version is known yet.' : 'No fixed version is known for any of them yet.';
  if (unfixed > 0) return `${plural(unfixed, 'of them has', 'of them have')} no fixed version yet.`;
  // Fixed versions are known, but none published above this one fixes all and is not retracted, or the versions could not be listed.
  return `No published version is known to fix ${all}.`;
}

function dbDate(r: Checked): string {
  return /^\d{4}-\d{2}-\d{2}/.test(r.dbModified) ? ` (database of ${r.dbModified.slice(0, 10)})` : '';
}

/** The vulnerability paragraphs of a requirement's hover; none when the check is off. */
export function requirementVulnParagraphs(r: VulnRecord | undefined): string[] {
  if (!r) return [];
  if (r.kind === 'skipped') return [`Known vulnerabilities are not checked: ${esc(r.why)}.`];
  if (r.kind === 'failed') return [`Known vulnerabilities could not be checked: ${esc(r.message)}.`];
  if (r.vulns.length === 0) {
    return [`No known vulnerabilities${r.replaced ? ` in its replacement ${esc(r.path)} ${esc(r.version)}` : ''}${dbDate(r)}.`];
  }
  const as = r.replaced ? `, checked as its replacement **${esc(r.path)} ${esc(r.version)}**` : '';
  return [
    `**${plural(r.vulns.length, 'known vulnerability', 'known vulnerabilities')}**${as}${dbDate(r)}:`,
    vulnList(r.vulns).join('\n'),
    `${fixSentence(r, (to, all) => `Upgrade to **${esc(to)}** to fix ${all}.`)} ${GOVULNCHECK}`,
  ];
}

/** Why this Go release is the one checked. */
function releaseWords(t: BuildingToolchain): string {
  switch (t.from) {
    case 'toolchain line': return 'the release the toolchain line names';
    case 'go line': return 'the release the go line names (there is no toolchain line)';
    case 'local go command': return 'the local go command, newer than the go and toolchain lines, so builds use it (GOTOOLCHAIN=auto)';
  }
}

/** The hover of the go or toolchain line: the Go release that builds the module, and its known vulnerabilities. */
export function toolchainHoverMarkdown(r: VulnRecord): string {
  if (r.kind === 'skipped') return `Known vulnerabilities of the Go release are not checked: ${esc(r.why)}.`;
  if (r.kind === 'failed') return `Known vulnerabilities of the Go release could not be checked: ${esc(r.message)}.`;
  const t = r.toolchain;
  const head = t ? `**${esc(t.tag)}**: ${releaseWords(t)}.` : `**${esc(goReleaseTag(r.version))}**`;
  if (r.vulns.length === 0) return [head, '', `No known vulnerabilities in the standard library or the go command${dbDate(r)}.`].join('\n');
  const upgrade = (to: string, all: string) => {
    const tag = goReleaseTag(to);
    return t?.from === 'local go command'
      ? `**${esc(tag)}** fixes ${all}: install a newer Go.`
      : `**${esc(tag)}** fixes ${all}: raise the toolchain line (\`go get toolchain@${tag.replace(/`/g, '')}\`).`;
  };
  return [
    head,
    '',
    `**${plural(r.vulns.length, 'known vulnerability', 'known vulnerabilities')}** in the standard library or the go command${dbDate(r)}:`,
    '',
    vulnList(r.vulns, goReleaseTag).join('\n'),
    '',
    `${fixSentence(r, upgrade)} ${GOVULNCHECK}`,
  ].join('\n');
}
