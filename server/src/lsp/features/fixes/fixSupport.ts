// What the fixes share: when a fix that runs the go command can be offered,
// the upgrades known for a go.mod, what edits the client can apply, and how
// a fix speaks to the user.
import * as path from 'node:path';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { CommandOutcome } from '../../../../../shared/protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { minorPatchUpgrades, type Upgrade } from '../../../core/facts/upgrades';
import { isDirectoryPath } from '../../../core/gomod/directives';
import { goCommandErrors, type ParsedFile } from '../../../core/gomod/parse';
import { replacementFor } from '../../../core/gomod/replacement';
import { requirementsWithoutSums } from '../../../core/rules/goSumRules';
import type { EditSupport } from '../../convert';
import type { MessageKind } from '../../session/editor';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';

export const UPGRADE_ALL_TITLE = 'Upgrade all direct requirements (minor/patch)';

/** Said to the user, and kept in the log. */
export function tell(s: Session, kind: MessageKind, message: string): void {
  s.client.log(message);
  s.client.ui?.showMessage(kind, message);
}

/** A fix that did not happen: said to the user, and returned as the command's outcome. */
export function refuse(s: Session, message: string, kind: MessageKind = 'error'): CommandOutcome {
  tell(s, kind, message);
  return { ok: false, message };
}

/** go-running fixes are offered for go.mod files on disk, in trusted workspaces, when a go command was found. */
export function canRunGo(s: Session, doc: TextDocument, p: ParsedFile, settings: Settings): boolean {
  if (!s.trusted || p.kind !== 'mod' || !doc.uri.startsWith('file:')) return false;
  const context = s.runningContext(doc, settings);
  return context === undefined || context.go !== undefined;
}

/**
 * go get and go mod tidy load the go.mod first and stop at its first error:
 * offering them on a file the go command rejects would only end in that error.
 */
export function canRunGoOnModule(s: Session, doc: TextDocument, p: ParsedFile, settings: Settings): boolean {
  return canRunGo(s, doc, p, settings) && goCommandErrors(p).length === 0;
}

/**
 * The known minor and patch upgrades, and those left alone because a replace
 * points the module at a local directory: builds use that directory whatever
 * version is required (go.dev/ref/mod#go-mod-file-replace), so upgrading it
 * would change go.sum and nothing else.
 */
export function upgradePlan(s: Session, p: ParsedFile, settings: Settings): { upgrades: Upgrade[]; locallyReplaced: Upgrade[] } {
  const profile = s.profile(settings);
  const all = minorPatchUpgrades(p, (key) => s.facts.get(profile, key));
  const local = (u: Upgrade) => {
    const r = replacementFor(p.directives, u.path, u.from);
    return r !== undefined && isDirectoryPath(r.new.path);
  };
  return { upgrades: all.filter((u) => !local(u)), locallyReplaced: all.filter(local) };
}

/** What "Upgrade all" upgrades: its code lens count, its source action and its command agree. */
export function knownUpgrades(s: Session, p: ParsedFile, settings: Settings): Upgrade[] {
  return upgradePlan(s, p, settings).upgrades;
}

export function editSupport(caps: ClientCapabilities): EditSupport {
  const we = caps.workspace?.workspaceEdit;
  return {
    documentChanges: we?.documentChanges === true,
    create: we?.resourceOperations?.includes('create') === true,
    changeAnnotations: we?.documentChanges === true && we.changeAnnotationSupport !== undefined,
  };
}

/**
 * The go.sum beside a go.mod as the diagnostics read it (the open buffer,
 * else the file; undefined when there is none), and the module paths whose
 * checksums it lacks.
 */
export function goSumState(s: Session, dir: string, p: ParsedFile): { goSum: string | undefined; missing: string[] } {
  const goSum = s.documents.inputFiles(s.files).readFile(path.join(dir, 'go.sum'));
  return { goSum, missing: [...new Set(requirementsWithoutSums(p, goSum).map((n) => n.req.mod.path))] };
}
