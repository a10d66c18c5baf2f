// Hover on a module path or version: what is known about it, its publish
// times and, for public modules only, a pkg.go.dev link (the only link to it:
// module paths carry no document link, see links.ts). On the go or toolchain
// line: the Go release that builds the module and its known vulnerabilities.
import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lookupTargets, toolchainTarget } from '../../core/facts/requirementFacts';
import { argTokens } from '../../core/gomod/ast';
import { keepOffPublicServices, noProxy } from '../../core/goenv/patterns';
import { type ModuleAt, moduleAt } from '../../core/gomod/locate';
import type { ParsedFile } from '../../core/gomod/parse';
import { hoverMarkdown } from '../../core/present/hoverText';
import { toolchainHoverMarkdown } from '../../core/present/vulnHover';
import { hover } from '../convert';
import type { Session } from '../session/session';
import { waitAtMost } from '../waitAtMost';

/**
 * How long a hover waits for publish times it has just asked for. House rule
 * 4 says an editor request never waits on the network; this is its one
 * bounded exception, taken only once the module's facts are known (so the
 * proxy has just answered for it): a `.info` from a responsive proxy takes
 * tens of milliseconds, so the first hover already has its dates, and a slow
 * or hanging one costs this much once, never more. The fetch goes on in the
 * background and the next hover has the dates. LSP has no request to refresh
 * an open hover, so waiting briefly is the only way the first one can show them.
 */
export const HOVER_TIMES_WAIT_MS = 250;

export class HoverFeature {
  constructor(private readonly s: Session) {}

  async hover(params: HoverParams, token?: CancellationToken): Promise<Hover | null> {
    const first = this.answer(params);
    if (!first?.timesPending) return first?.hover ?? null;
    await waitAtMost(first.timesPending, HOVER_TIMES_WAIT_MS);
    if (token?.isCancellationRequested) return null;
    // Answered again from the document as it is now: it may have changed while the times came.
    return this.answer(params, false)?.hover ?? null;
  }

  private answer(params: HoverParams, fetchTimes = true): { hover: Hover; timesPending?: Promise<void> } | null {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const p = this.s.documents.parse(doc);
    const offset = doc.offsetAt(params.position);
    const at = moduleAt(p, offset);
    if (!at) return this.toolchainAnswer(doc, p, offset);
    if (at.kind === 'retract' || (at.kind === 'replace-new' && !at.version)) return null;
    const settings = this.s.settings.known(doc.uri);
    const context = this.s.runningContext(doc, settings);
    const env = context?.goEnv.values;
    // Without the Go settings yet, nobody knows whether the path is public: no link until they are known.
    const publicLink = env ? !keepOffPublicServices(env, at.path) : false;
    const version = at.version || p.directives.require.find((r) => r.mod.path === at.path)?.mod.version || '';
    const target = factsTarget(p, at, version);
    const record = target && this.s.facts.get(this.s.profile(settings), target.key);
    // The update's and the latest's times usually come with the facts (@latest, .info): only the others are asked for.
    const carried = (v: { Version: string; Time?: string } | undefined) => (v && !v.Time ? v.Version : undefined);
    const versions = [version, carried(record?.facts.update), carried(record?.facts.latest)];
    const checking = context !== undefined && settings.checkForUpdates;
    const known = () => context?.times.known(at.path, versions) ?? new Map<string, string>();
    // Publish times are fetched only for what someone hovers; waited for (briefly) only once the facts are known.
    const missingTimes = checking && fetchTimes && versions.some((v) => v && !known().has(v));
    const timesPending = missingTimes ? context.times.request(at.path, versions) : undefined;
    const markdown = hoverMarkdown(p, {
      path: at.path,
      version,
      record,
      times: known(),
      notProxied: !env || !noProxy(env, at.path) ? false : context.versionControl.used ? { resolved: 'version-control' } : { resolved: false, why: context.versionControl.why },
      publicLink,
      note: settings.checkForUpdates ? undefined : 'Checking is turned off (goModHygiene.checkForUpdates).',
      lookedUp: target !== undefined,
      replacementOf: at.kind === 'replace-new' ? replacedBy(p, at) : undefined,
    });
    const answer = hover(doc, markdown, at.token.start, at.token.end);
    if (record) return { hover: answer, timesPending };
    // Facts not known yet: the proxy may be slow or hanging, so the times are not waited for.
    timesPending?.catch((e: unknown) => this.s.client.log(`publish times of ${at.path}: ${String(e)}`));
    return { hover: answer };
  }

  /** On the line that carries the toolchain's vulnerabilities (toolchain, else go): its record, when one was gathered. */
  private toolchainAnswer(doc: TextDocument, p: ParsedFile, offset: number): { hover: Hover } | null {
    const target = toolchainTarget(p);
    const line = target?.req.line;
    if (!target || !line || offset < line.start.offset || offset > line.end.offset) return null;
    const record = this.s.facts.get(this.s.profile(this.s.settings.known(doc.uri)), target.key)?.vulns;
    if (!record) return null;
    const version = argTokens(line)[0] ?? line;
    return { hover: hover(doc, toolchainHoverMarkdown(record), version.start, version.end) };
  }
}

/**
 * The requirement whose facts describe the hovered module version: the
 * requirement of that path, except on the right-hand side of a replace,
 * whose version is only described when it is the required one.
 */
function factsTarget(p: ParsedFile, at: ModuleAt, version: string) {
  const target = lookupTargets(p).find((x) => x.req.mod.path === at.path);
  if (at.kind === 'replace-new' && target?.req.mod.version !== version) return undefined;
  return target;
}

/** The left-hand side of the replace whose right-hand side is hovered. */
function replacedBy(p: ParsedFile, at: ModuleAt): { path: string; version: string } | undefined {
  const r = p.directives.replace.find((x) => x.line === at.line);
  return r ? { path: r.old.path, version: r.old.version } : undefined;
}
