// Hover on a module path or version: what is known about it, its publish
// times (fetched in the background on first hover) and, for public modules
// only, a pkg.go.dev link.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { keepOffPublicServices, noProxy } from '../../core/goenv/patterns';
import { moduleAt } from '../../core/gomod/locate';
import { hoverMarkdown } from '../../core/present/hoverText';
import { hover } from '../convert';
import type { Session } from '../session/session';

export class HoverFeature {
  constructor(private readonly s: Session) {}

  hover(params: HoverParams): Hover | null {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const p = this.s.documents.parse(doc);
    const at = moduleAt(p, doc.offsetAt(params.position));
    if (!at || at.kind === 'retract' || (at.kind === 'replace-new' && !at.version)) return null;
    const settings = this.s.settings.known(doc.uri);
    const context = this.s.runningContext(doc, settings);
    const env = context?.goEnv.values;
    // Without the Go settings yet, nobody knows whether the path is public: no link until they are known.
    const publicLink = env ? !keepOffPublicServices(env, at.path) : false;
    const version = at.version || p.directives.require.find((r) => r.mod.path === at.path)?.mod.version || '';
    const target = lookupTargets(p).find((x) => x.req.mod.path === at.path);
    const record = target && this.s.facts.get(this.s.profile(settings), target.key);
    const versions = [version, record?.facts.update?.Version, record?.facts.latest?.Version];
    // Publish times are fetched only for what someone hovers, in the background.
    if (context && settings.checkForUpdates) context.times.request(at.path, versions);
    const markdown = hoverMarkdown(p, {
      path: at.path,
      version,
      record,
      times: context?.times.known(at.path, versions) ?? new Map(),
      notProxied: env ? noProxy(env, at.path) : false,
      publicLink,
      note: settings.checkForUpdates ? undefined : 'Checking is turned off (goModHygiene.checkForUpdates).',
    });
    return hover(doc, markdown, at.token.start, at.token.end);
  }
}
