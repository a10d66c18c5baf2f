// Fixes that need no module graph: plain text edits built from what the proxy
// already answered, so they work however broken the rest of go.mod is (the
// go command cannot load a graph with one unloadable line, go.dev/ref/mod#go-get).
// - version-not-found: set the nearest published version.
// - module-not-found: "did you mean example.com/greeting?", when a path one or
//   two typos away is one that a proxy knows; the line goes when that module
//   is already required.
// - any version change while the go command rejects the file (a syntax error
//   elsewhere): the text edit, labelled as such. go.sum is not touched: the new
//   version shows as gosum-missing, whose fix completes go.sum once the graph loads.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { nearbyPaths, nearestVersion } from '../../../core/facts/nearby';
import { lookupTargets } from '../../../core/facts/requirementFacts';
import { argTokens } from '../../../core/gomod/ast';
import type { Require } from '../../../core/gomod/directives';
import type { ParsedFile } from '../../../core/gomod/parse';
import { removeDirective } from '../../../core/gomod/removeDirective';
import type { OffsetEdit } from '../../../core/gomod/textDiff';
import { documentWorkspaceEdit, editAction } from '../../convert';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';
import { textOnlyTitle } from './blockedFix';
import { UPGRADE_CODES } from './fixArgs';
import { editSupport } from './fixSupport';

interface Context {
  s: Session;
  doc: TextDocument;
  p: ParsedFile;
  settings: Settings;
  /** The go command may run for this go.mod (trusted workspace, go found). */
  goOk: boolean;
  /** ...and accepts the file (go get is offered for version changes). */
  graphOk: boolean;
}

/**
 * Adds the text-only fixes for one diagnostic of ours; a fix already there
 * (a retracted version with an update has two diagnostics and one fix) gets
 * the diagnostic instead.
 */
export function addTextFixes(actions: CodeAction[], c: Context, d: Diagnostic): void {
  for (const a of textFixes(c, d)) {
    const same = actions.find((x) => x.title === a.title && x.edit !== undefined);
    if (same) same.diagnostics?.push(d);
    else actions.push(a);
  }
}

/** The text-only quick fixes for one diagnostic of ours. */
function textFixes(c: Context, d: Diagnostic): CodeAction[] {
  const module = (d.data as { module?: unknown } | undefined)?.module;
  if (typeof module !== 'string') return [];
  const req = c.p.directives.require.find((r) => r.mod.path === module);
  if (!req) return [];
  const out: CodeAction[] = [];
  if (d.code === 'version-not-found') out.push(...nearestVersionFix(c, d, req));
  if (d.code === 'module-not-found') out.push(...didYouMean(c, d, req));
  const suggested = (d.data as { suggestedVersion?: unknown }).suggestedVersion;
  // Only where the go command may run: in restricted mode nothing would ever complete go.sum.
  if (c.goOk && !c.graphOk && typeof d.code === 'string' && UPGRADE_CODES.has(d.code) && typeof suggested === 'string' && !out.some((a) => a.title.startsWith(`Set version to ${suggested} `))) {
    const action = versionEdit(c, d, req, suggested, textOnlyTitle(suggested));
    // The editor applies the edit, then runs the command: go.sum is owed from then on (pendingGoSums.ts).
    const modules = [{ path: req.mod.path, version: suggested }];
    action.command = { title: 'Complete go.sum when the module graph loads', command: SERVER_COMMANDS.completeGoSum, arguments: [{ uri: c.doc.uri, modules }] };
    out.push(action);
  }
  return out;
}

function edit(c: Context, title: string, edits: OffsetEdit[], d: Diagnostic): CodeAction {
  return editAction(title, CODE_ACTION_KINDS.quickFix, documentWorkspaceEdit(c.doc, edits, editSupport(c.s.capabilities), title), [d]);
}

function versionEdit(c: Context, d: Diagnostic, req: Require, version: string, title: string): CodeAction {
  const tok = argTokens(req.line)[1];
  return edit(c, title, [{ start: tok.start.offset, end: tok.end.offset, text: version }], d);
}

function record(c: Context, modulePath: string) {
  return c.s.facts.anyFor(c.s.profile(c.settings), modulePath);
}

function nearestVersionFix(c: Context, d: Diagnostic, req: Require): CodeAction[] {
  const target = lookupTargets(c.p).find((t) => t.req === req);
  const known = target && c.s.facts.get(c.s.profile(c.settings), target.key);
  if (!target || !known?.tagged || !argTokens(req.line)[1]) return [];
  const nearest = nearestVersion(req.mod.version, known.tagged, known.facts.retractions, new Set(target.excluded));
  return nearest ? [versionEdit(c, d, req, nearest, `Set version to ${nearest}, the nearest published version (text only)`)] : [];
}

/** Module paths in go.sum (the open buffer, else the file): modules this module used before. */
function goSumPaths(c: Context): string[] {
  if (!c.doc.uri.startsWith('file:')) return [];
  const file = path.join(path.dirname(fileURLToPath(c.doc.uri)), 'go.sum');
  const text = c.s.documents.goSum(pathToFileURL(file).toString())?.getText() ?? c.s.files.readFile(file) ?? '';
  return text.split('\n').slice(0, 20_000).map((l) => l.split(' ')[0]).filter((p) => p !== '');
}

function didYouMean(c: Context, d: Diagnostic, req: Require): CodeAction[] {
  const tokens = argTokens(req.line);
  if (!tokens[0] || !tokens[1]) return [];
  const candidates = [...c.p.directives.require.map((r) => r.mod.path), ...c.p.directives.replace.map((r) => r.old.path), ...goSumPaths(c)];
  // Only paths a proxy answered for: a guess that does not exist either would be no fix.
  const known = nearbyPaths(req.mod.path, candidates).filter((p) => {
    const r = record(c, p);
    return r !== undefined && ((r.tagged?.length ?? 0) > 0 || r.facts.latest !== undefined);
  });
  const out: CodeAction[] = [];
  for (const candidate of known) {
    const already = c.p.directives.require.find((r) => r.mod.path === candidate);
    if (already) {
      const removal = removeDirective(c.doc.getText(), c.p, 'require', req.line.start.offset);
      if (removal) out.push(edit(c, `Did you mean ${candidate}? It is required on line ${already.line.start.line}: remove this line`, [removal.edit], d));
      continue;
    }
    const r = record(c, candidate)!;
    const versions = r.tagged ?? [];
    const version = versions.includes(req.mod.version) ? req.mod.version : nearestVersion(req.mod.version, versions, r.facts.retractions) ?? r.facts.latest?.Version;
    if (!version) continue;
    const edits: OffsetEdit[] = [{ start: tokens[0].start.offset, end: tokens[0].end.offset, text: candidate }];
    if (version !== req.mod.version) edits.push({ start: tokens[1].start.offset, end: tokens[1].end.offset, text: version });
    out.push(edit(c, `Did you mean ${candidate}? Change the path${version !== req.mod.version ? ` and the version to ${version}` : ''}`, edits, d));
  }
  return out;
}
