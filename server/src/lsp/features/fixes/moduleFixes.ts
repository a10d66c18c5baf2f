// Quick fixes about one requirement, where the action is obvious:
// - gosum-missing: download the checksums (go mod download <path> on a copy of
//   go.mod, commands.ts and core/gocmd/goFix.ts); only go.sum changes, as one
//   workspace edit.
// - deprecated-module: when the deprecation message names its replacement, show
//   that module's (or standard-library package's) pkg.go.dev page. A path that
//   GOPRIVATE, GONOPROXY or GONOSUMDB keeps off public services is never sent
//   there (go.dev/ref/mod#private-modules).
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, type CommandOutcome, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { lookupTargets } from '../../../core/facts/requirementFacts';
import { keepOffPublicServices } from '../../../core/goenv/patterns';
import type { ParsedFile } from '../../../core/gomod/parse';
import { isModuleLikePath, isStdPackagePath, type ReplacementPath, replacementPath } from '../../../core/module/replacementPath';
import { commandAction } from '../../convert';
import { dirOf } from '../../session/documents';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';
import { goSumState, refuse } from './fixSupport';
import { plural } from '../../../core/text/plural';

export interface ModuleFixContext {
  s: Session;
  doc: TextDocument;
  p: ParsedFile;
  settings: Settings;
  /** go mod download can run: trusted, a go.mod on disk the go command accepts, a go command. */
  graphOk: boolean;
}

/** The module fixes for one of our diagnostics. */
export function moduleFixes(c: ModuleFixContext, d: Diagnostic, module: string | undefined): CodeAction[] {
  if (d.code === 'gosum-missing' && c.graphOk) return downloadFixes(c, d, module);
  if (d.code === 'deprecated-module' && module) return openReplacementFix(c, d, module);
  return [];
}

function downloadFixes({ s, doc, p }: ModuleFixContext, d: Diagnostic, module: string | undefined): CodeAction[] {
  const dir = dirOf(doc.uri);
  if (!dir) return [];
  const { goSum, missing } = goSumState(s, dir, p);
  const action = (title: string, paths: string[], preferred: boolean) => commandAction(title, CODE_ACTION_KINDS.quickFix,
    { title, command: SERVER_COMMANDS.downloadSums, arguments: [{ uri: doc.uri, paths }] }, [d], preferred);
  if (goSum === undefined) {
    return missing.length > 0 ? [action(`Create go.sum: download the checksums of ${plural(missing.length, 'module')} (go mod download)`, missing, true)] : [];
  }
  const out: CodeAction[] = [];
  if (module && missing.includes(module)) out.push(action(`Download the checksums of ${module} (go mod download)`, [module], true));
  if (missing.length > 1) out.push(action(`Download all missing checksums: ${plural(missing.length, 'module')} (go mod download)`, missing, false));
  return out;
}

/** The replacement a deprecated requirement's message names, if its page may be shown. */
function shownReplacement({ s, doc, p, settings }: ModuleFixContext, module: string): ReplacementPath | undefined {
  const profile = s.profile(settings);
  const target = lookupTargets(p).find((t) => t.req.mod.path === module);
  const message = target && s.facts.get(profile, target.key)?.facts.deprecated;
  if (!message) return undefined;
  const to = replacementPath(message, module);
  if (!to) return undefined;
  const env = s.runningContext(doc, settings)?.goEnv.values;
  // The standard library's pages are public and say nothing about the user; any other path needs the Go settings to say it is public.
  if (!to.std && (!env || keepOffPublicServices(env, to.path))) return undefined;
  return to;
}

function openReplacementFix(c: ModuleFixContext, d: Diagnostic, module: string): CodeAction[] {
  if (c.s.capabilities.window?.showDocument?.support !== true) return [];
  const to = shownReplacement(c, module);
  if (!to) return [];
  const title = `Open ${to.path} on pkg.go.dev`;
  return [commandAction(title, CODE_ACTION_KINDS.quickFix, { title, command: SERVER_COMMANDS.openModulePage, arguments: [{ uri: c.doc.uri, path: to.path }] }, [d])];
}

export function modulePageUrl(modulePath: string): string {
  return `https://pkg.go.dev/${encodeURI(modulePath)}`;
}

/**
 * The command behind "Open ... on pkg.go.dev". Its arguments come from the
 * client, so the path is checked again here: a module or standard-library
 * path, and for a module, one the Go settings of that go.mod call public.
 */
export async function openModulePage(s: Session, args: { uri: string; path: string }): Promise<CommandOutcome> {
  const fail = (message: string): CommandOutcome => refuse(s, message, 'warning');
  const std = isStdPackagePath(args.path);
  if (!std && !isModuleLikePath(args.path)) return fail(`${JSON.stringify(args.path)} is not a module path.`);
  if (!std) {
    const doc = s.documents.get(args.uri);
    const env = doc && s.runningContext(doc, s.settings.known(doc.uri))?.goEnv.values;
    if (!env) return fail(`The Go settings for ${args.uri} are not known yet, so ${args.path} is not sent to pkg.go.dev.`);
    if (keepOffPublicServices(env, args.path)) return fail(`${args.path} is private here (GOPRIVATE, GONOPROXY or GONOSUMDB), so it is not sent to pkg.go.dev.`);
  }
  const ui = s.client.ui;
  if (!ui?.openExternal || s.capabilities.window?.showDocument?.support !== true) return fail(`This editor cannot open pages: ${modulePageUrl(args.path)}`);
  const shown = await ui.openExternal(modulePageUrl(args.path));
  return shown ? { ok: true } : fail(`The editor did not open ${modulePageUrl(args.path)}.`);
}
