// The hover for a module: version in use and its date, latest and its date,
// newest major, retraction and deprecation in full, known vulnerabilities,
// the replacement in effect, privacy, and a pkg.go.dev link for public
// modules only.
import type { FactsRecord } from '../facts/requirementFacts';
import type { ParsedFile } from '../gomod/parse';
import { isDirectoryPath } from '../gomod/directives';
import { replacementFor } from '../gomod/replacement';
import { escapeMarkdown as esc } from './markdownText';
import { requirementVulnParagraphs } from './vulnHover';

export interface HoverFacts {
  path: string;
  version: string;
  record?: FactsRecord;
  /** Publish times known so far, by version. */
  times: Map<string, string>;
  /**
   * GONOPROXY (GOPRIVATE by default) matches: the module is never sent to a
   * proxy. It is resolved from version control, or not checked, and why.
   */
  notProxied: false | { resolved: 'version-control' } | { resolved: false; why: string };
  /** A pkg.go.dev link may be shown: the module is known to be public (no GOPRIVATE, GONOPROXY or GONOSUMDB match). */
  publicLink: boolean;
  /** Why facts are not shown (checking turned off, untrusted settings...). */
  note?: string;
  /**
   * Facts are being gathered for this module version (a requirement of this
   * file), so a missing record means "not yet". Otherwise nothing will come
   * (a go.work replace, a replacement's version): no "Checking" that never ends.
   */
  lookedUp: boolean;
  /** The hovered module version is the right-hand side of this replace: what it replaces. */
  replacementOf?: { path: string; version: string };
}

/** Shown for a module with no tagged version at all. */
export const NO_TAGS = 'No tagged versions, only pseudo-versions: the go command reads only tags like `v1.2.3` (`sub/v1.2.3` for a module in directory `sub`) as versions; tags such as `release-1` or `v1.2` are ignored.';

const day = (t: string | undefined) => (t ? ` (published ${t.slice(0, 10)})` : '');

export function hoverMarkdown(p: ParsedFile, h: HoverFacts): string {
  const lines: string[] = [];
  const version = h.version ? ` ${h.version}${day(h.times.get(h.version))}` : '';
  lines.push(`**${esc(h.path)}**${esc(version)}`);
  const r = h.record;
  if (h.notProxied && !h.notProxied.resolved) {
    lines.push('', `Private module (GOPRIVATE/GONOPROXY): never sent to a proxy, and not checked here: ${esc(h.notProxied.why)}.`);
  } else if (!r) {
    if (h.note) lines.push('', h.note);
    else if (h.lookedUp) lines.push('', 'Checking this module…');
  } else {
    const f = r.facts;
    if (f.failure && f.failure.kind !== 'no-match') lines.push('', `Could not check: ${esc(f.failure.message)}`);
    if (r.versionMissing) lines.push('', `This version does not exist: ${esc(r.versionMissing)}`);
    if (f.update) lines.push('', `Update: **${f.update.Version}**${day(f.update.Time ?? h.times.get(f.update.Version))}`);
    // A version that does not exist is not up to date with anything: the latest is named on its own.
    else if (f.latest && r.versionMissing) lines.push('', `Latest: ${f.latest.Version}${day(f.latest.Time ?? h.times.get(f.latest.Version))}`);
    else if (f.latest && !f.failure) lines.push('', `Up to date${f.latest.Version !== h.version ? ` (latest: ${f.latest.Version}${day(f.latest.Time ?? h.times.get(f.latest.Version))})` : ''}.`);
    if (f.latest && f.update && f.latest.Version !== f.update.Version) lines.push('', `Latest: ${f.latest.Version}${day(f.latest.Time ?? h.times.get(f.latest.Version))}`);
    if (r.major) lines.push('', `Newest major version: **${esc(r.major.path)} ${r.major.version}** (a different module path)`);
    if (r.incompatibleModule) lines.push('', `A pre-modules (\`+incompatible\`) version: the module now publishes **${esc(r.incompatibleModule)}** with a go.mod. Switch to it (and its import path) for updates.`);
    if (f.retracted) lines.push('', `**Retracted** by its author: ${f.retracted.map(esc).join('; ')}`);
    if (f.deprecated) lines.push('', `**Deprecated**: ${esc(f.deprecated)}`);
    // The classic "my tag does not show": a repository whose tags the go command does not read as versions.
    if (r.tagged && r.tagged.length === 0 && f.latest && !f.failure) lines.push('', NO_TAGS);
    if (h.notProxied) lines.push('', 'Private module (GOPRIVATE/GONOPROXY): resolved from version control by the go command, with your git configuration; its path goes to its own host only.');
  }
  // Of the required version only (an exclude line names another one). The database is asked for
  // private modules too: only its index is downloaded, no module path is sent.
  const required = p.directives.require.find((x) => x.mod.path === h.path)?.mod.version;
  if (required === h.version) for (const paragraph of requirementVulnParagraphs(r?.vulns)) lines.push('', paragraph);
  const replacement = replaceWords(p, h);
  if (replacement) lines.push('', replacement);
  // No link to a page that does not exist: a module no proxy knows, or (for the version) a missing version.
  if (h.publicLink && !isDirectoryPath(h.path) && r?.facts.failure?.kind !== 'not-found') {
    const at = h.version && !r?.versionMissing ? `@${h.version}` : '';
    lines.push('', `[pkg.go.dev](https://pkg.go.dev/${encodeURI(h.path)}${encodeURI(at)})`);
  }
  return lines.join('\n');
}

/**
 * What a replace does to the hovered module, in words. The right-hand side of
 * a replace is the replacement, never "replaced by" itself; a replace to the
 * same path pins a version. A go.work replace applies to every module of the
 * workspace and wins over theirs (go.dev/ref/mod#go-work-file-replace).
 */
function replaceWords(p: ParsedFile, h: HoverFacts): string | undefined {
  const scope = p.kind === 'work' ? ' for every module of this workspace (a go.work replace wins over those in go.mod files)' : '';
  if (h.replacementOf) {
    const of = h.replacementOf.version ? `${esc(h.replacementOf.path)} ${h.replacementOf.version}` : `every version of ${esc(h.replacementOf.path)}`;
    return `The replacement for ${of}: builds use this version${scope}.`;
  }
  const replaced = replacementFor(p.directives, h.path, h.version);
  if (!replaced) return undefined;
  const which = replaced.old.version ? `Version ${replaced.old.version}` : 'Every version';
  if (isDirectoryPath(replaced.new.path)) return `${which} is replaced by the local directory \`${replaced.new.path}\`${scope}: builds use that, not the module.`;
  if (replaced.new.path === h.path) return `${which} is pinned to **${replaced.new.version}** by a replace${scope}: builds use ${replaced.new.version}, whatever version is required.`;
  return `${which} is replaced by **${esc(replaced.new.path)} ${replaced.new.version}**${scope}: builds use that module instead.`;
}
