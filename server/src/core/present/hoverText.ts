// The hover for a module: version in use and its date, latest and its date,
// newest major, retraction and deprecation in full, the replacement in
// effect, privacy, and a pkg.go.dev link for public modules only.
import type { FactsRecord } from '../facts/requirementFacts';
import type { ParsedFile } from '../gomod/parse';
import { isDirectoryPath } from '../gomod/directives';
import { replacementFor } from '../gomod/replacement';

export interface HoverFacts {
  path: string;
  version: string;
  record?: FactsRecord;
  /** Publish times known so far, by version. */
  times: Map<string, string>;
  /** GONOPROXY (GOPRIVATE by default) matches: the module is never sent to a proxy. */
  notProxied: boolean;
  /** A pkg.go.dev link may be shown: the module is known to be public (no GOPRIVATE, GONOPROXY or GONOSUMDB match). */
  publicLink: boolean;
  /** Why facts are not shown (checking turned off, untrusted settings...). */
  note?: string;
}

const day = (t: string | undefined) => (t ? ` (published ${t.slice(0, 10)})` : '');
const esc = (s: string) => s.replace(/[\\`*_[\]<>]/g, (c) => '\\' + c);

export function hoverMarkdown(p: ParsedFile, h: HoverFacts): string {
  const lines: string[] = [];
  const version = h.version ? ` ${h.version}${day(h.times.get(h.version))}` : '';
  lines.push(`**${esc(h.path)}**${esc(version)}`);
  const r = h.record;
  if (h.notProxied) {
    lines.push('', 'Private module (GOPRIVATE/GONOPROXY): never sent to a proxy, so not checked here; the go command fetches it directly.');
  } else if (!r) {
    lines.push('', h.note ?? 'Checking this module…');
  } else {
    const f = r.facts;
    if (f.failure && f.failure.kind !== 'no-match') lines.push('', `Could not check: ${esc(f.failure.message)}`);
    if (r.versionMissing) lines.push('', `This version does not exist: ${esc(r.versionMissing)}`);
    if (f.update) lines.push('', `Update: **${f.update.Version}**${day(f.update.Time ?? h.times.get(f.update.Version))}`);
    // A version that does not exist is not up to date with anything: the latest is named on its own.
    else if (f.latest && r.versionMissing) lines.push('', `Latest: ${f.latest.Version}${day(h.times.get(f.latest.Version))}`);
    else if (f.latest && !f.failure) lines.push('', `Up to date${f.latest.Version !== h.version ? ` (latest: ${f.latest.Version}${day(h.times.get(f.latest.Version))})` : ''}.`);
    if (f.latest && f.update && f.latest.Version !== f.update.Version) lines.push('', `Latest: ${f.latest.Version}${day(h.times.get(f.latest.Version))}`);
    if (r.major) lines.push('', `Newest major version: **${esc(r.major.path)} ${r.major.version}** (a different module path)`);
    if (r.incompatibleModule) lines.push('', `A pre-modules (\`+incompatible\`) version: the module now publishes **${esc(r.incompatibleModule)}** with a go.mod. Switch to it (and its import path) for updates.`);
    if (f.retracted) lines.push('', `**Retracted** by its author: ${f.retracted.map(esc).join('; ')}`);
    if (f.deprecated) lines.push('', `**Deprecated**: ${esc(f.deprecated)}`);
  }
  const replaced = replacementFor(p.directives, h.path, h.version);
  if (replaced) {
    const target = isDirectoryPath(replaced.new.path) ? `the local directory \`${replaced.new.path}\`` : `${esc(replaced.new.path)} ${replaced.new.version}`;
    lines.push('', `Replaced by ${target}: builds use that, not this version.`);
  }
  // No link to a page that does not exist: a module no proxy knows, or (for the version) a missing version.
  if (h.publicLink && !isDirectoryPath(h.path) && r?.facts.failure?.kind !== 'not-found') {
    const at = h.version && !r?.versionMissing ? `@${h.version}` : '';
    lines.push('', `[pkg.go.dev](https://pkg.go.dev/${encodeURI(h.path)}${encodeURI(at)})`);
  }
  return lines.join('\n');
}
