// Rules that need module facts from the proxy: updates, newer majors,
// retractions, deprecations, versions or modules that do not exist, and
// lookups that failed (reported once per cause, not once per module).
import { argTokens, type Line } from '../gomod/ast';
import type { Require } from '../gomod/directives';
import type { ModuleFacts } from '../facts/moduleFacts';
import type { RequirementFacts } from '../facts/requirementFacts';
import { compare, major, prerelease } from '../semver/goSemver';
import { isPseudoVersion, pseudoVersionBase } from '../semver/pseudo';
import { updateKind } from '../semver/updateKind';
import { type Finding, finding } from './finding';
import { tokenRange } from './lineParts';
import { goPrivatePattern } from '../goenv/goPrivate';
import { DIRECT_LABEL } from '../proxy/lookup';

function day(time: string | undefined): string {
  return time ? ` (published ${time.slice(0, 10)})` : '';
}

function parts(line: Line) {
  const [pathTok, versionTok] = argTokens(line);
  return { path: tokenRange(pathTok, line), version: tokenRange(versionTok, line) };
}

// Messages: the first sentence says the fact and the action (the Problems view
// cuts the rest); the detail, such as the proxy's own words, comes after it.
export function factRules(items: RequirementFacts[]): Finding[] {
  const out: Finding[] = [];
  const failures = new Map<string, { severity: Finding['severity']; first: Require; paths: string[]; text: (n: number) => string }>();

  for (const it of items) {
    const { req, facts } = it;
    const at = parts(req.line);
    const module = req.mod.path;
    // When the module's list answered, a not-found is about the version, not the module.
    const f = it.versionMissing && facts.failure?.kind === 'not-found' ? undefined : facts.failure;
    if (f && f.kind === 'not-found' && f.proxy === DIRECT_LABEL) {
      out.push(finding('module-not-found', at.path.start, at.path.end,
        `${module} was not found in version control. Check the path for typos, and that the repository holds this module (a module in a subdirectory needs tags like sub/v1.2.3). The go command said: ${f.message}.`, { module }));
      continue;
    }
    if (f && f.kind === 'not-found') {
      const proxy = f.proxy ? ` on ${f.proxy}` : '';
      out.push(finding('module-not-found', at.path.start, at.path.end,
        `${module} was not found${proxy}. Check the path for typos; if it is a private module, add it to GOPRIVATE (for example: go env -w GOPRIVATE=${goPrivatePattern(module)}) so that it is fetched directly and its path is never sent to a public proxy. The proxy said: ${f.message}.`, { module }));
      continue;
    }
    // A private module (GOPRIVATE/GONOPROXY) is not checked on purpose, for good: a finding
    // would sit there forever. The hover, the configuration report and the CLI's summary say so.
    if (f?.kind === 'direct' && f.reason === 'private') continue;
    if (f && f.kind !== 'no-match') {
      const key = f.kind === 'unavailable' ? `unavailable ${f.proxy} ${causeOf(f.message, module)}` : f.kind === 'direct' ? `direct ${f.reason}` : f.kind;
      const group = failures.get(key) ?? { severity: 'warning' as const, first: req, paths: [], text: failureText(f) };
      if (f.kind === 'direct') group.severity = 'info';
      group.paths.push(module);
      failures.set(key, group);
      continue;
    }
    if (it.versionMissing) {
      out.push(finding('version-not-found', at.version.start, at.version.end,
        `${module} ${req.mod.version} does not exist${facts.latest ? `; the latest version is ${facts.latest.Version}` : ''}. Change the version: the go command fails to load this module. The proxy said: ${it.versionMissing}.${newerThanKnown(req.mod.version, facts.latest?.Version) ? NEW_TAG_HINT : ''}`, { module, suggestedVersion: facts.update?.Version ?? facts.latest?.Version }));
    }
    if (facts.retracted) {
      const why = facts.retracted.join('; ').replace(/[.!?]$/, '');
      const to = facts.update ? `upgrade to ${facts.update.Version}` : 'no newer version is available, so consider an older unretracted version';
      out.push(finding('retracted-version', at.version.start, at.version.end,
        `${module} ${req.mod.version} is retracted: ${to}. Its author's reason: ${why}.`, { module, suggestedVersion: facts.update?.Version }));
    }
    if (facts.deprecated) {
      out.push(finding('deprecated-module', at.path.start, at.path.end,
        `${module} is deprecated: ${facts.deprecated}`, { module }));
    }
    // A version that does not exist already points at the fix; an update hint would repeat it.
    if (facts.update && !it.versionMissing) {
      const kind = updateKind(req.mod.version, facts.update.Version);
      out.push(finding('update-available', at.version.start, at.version.end,
        `${module} ${req.mod.version} → ${facts.update.Version} (${kind} update)${day(facts.update.Time)}.`, { module, suggestedVersion: facts.update.Version }));
    }
    if (it.major) {
      out.push(finding('major-available', at.path.start, at.path.end,
        `A newer major version exists: ${it.major.path} ${it.major.version}. It is a different module path, so upgrading means changing import paths.`, { module }));
    }
    if (isPseudoVersion(req.mod.version) && it.tagged) {
      const base = pseudoVersionBase(req.mod.version) ?? '';
      const releases = it.tagged.filter((v) => prerelease(v) === '' && (base === '' || compare(v, base) >= 0) && major(v) === major(req.mod.version));
      const best = releases[releases.length - 1];
      if (best) {
        out.push(finding('pseudo-version-has-release', at.version.start, at.version.end,
          `${module} is pinned to a pseudo-version (an untagged commit): prefer the tagged release ${best}. A tagged release is reviewable, cacheable and can be retracted.`, { module, suggestedVersion: best }));
      }
    }
    if (it.incompatibleModule) {
      out.push(finding('incompatible-has-module', at.version.start, at.version.end,
        `${module} ${req.mod.version} is a pre-modules (+incompatible) version: switch to ${it.incompatibleModule} (and its import path), which the module now publishes with a go.mod.`, { module }));
    }
  }

  for (const g of failures.values()) {
    const at = parts(g.first.line);
    const message = g.text(g.paths.length) + (g.paths.length > 1 ? ` Affected: ${g.paths.slice(0, 5).join(', ')}${g.paths.length > 5 ? ` and ${g.paths.length - 5} more` : ''}.` : '');
    out.push({ ...finding('lookup-failed', at.path.start, at.path.end, message, { module: g.first.mod.path }), severity: g.severity });
  }
  return out;
}

/** A failure message with the module-specific parts removed, to group failures by cause. */
function causeOf(message: string, module: string): string {
  // URLs name the module and endpoint: keep only scheme and host.
  return message.split(module).join('<module>').replace(/(\w+:\/\/[^\s/]*)[^\s:]*/g, '$1');
}

function failureText(f: NonNullable<ModuleFacts['failure']>): (n: number) => string {
  const req = (n: number) => `${n} requirement${n === 1 ? '' : 's'}`;
  switch (f.kind) {
    case 'off':
      return (n) => `GOPROXY=off disables module lookups: set GOPROXY (the default is https://proxy.golang.org,direct), or check offline against the module cache. ${req(n)} could not be checked.`;
    case 'direct':
      return f.reason === 'private'
        ? (n) => `${req(n)} ${n === 1 ? 'matches' : 'match'} GOPRIVATE/GONOPROXY and ${n === 1 ? 'was' : 'were'} not checked: private modules are never sent to a proxy, and ${f.why ?? 'version control could not be asked'}.`
        : (n) => `The proxies do not have ${req(n)}, so ${n === 1 ? 'it was' : 'they were'} not checked: GOPROXY ends in "direct", and ${f.why ?? 'version control could not be asked'}.`;
    case 'unavailable':
      if (f.proxy === DIRECT_LABEL) return (n) => `${req(n)} could not be resolved from version control. ${f.message}`;
      return (n) => `${req(n)} could not be checked because ${f.proxy || 'the proxy'} failed: check the network, HTTP(S)_PROXY and the proxy URL. It said: ${f.message}. With "," between GOPROXY entries the go command stops at a proxy that fails (only 404/410 fall through); "|" falls through on any error.`;
    default:
      return (n) => `${req(n)} could not be checked.`;
  }
}

/** The classic "my new tag does not show" causes, for a version above everything the proxy lists. */
const NEW_TAG_HINT = ' If it was tagged just now, the proxy may not list it yet (its list is cached for a while; go get module@version asks for it directly). A tag is a version only with the v prefix and full semver (v1.2.0, not 1.2.0 or v1.2), and from v2 on the module path must end in the major version (/v2).';

function newerThanKnown(version: string, latest: string | undefined): boolean {
  return latest === undefined || compare(version, latest) > 0;
}
