// What the fixes share: when a fix that runs the go command can be offered,
// the upgrades known for a go.mod, and what edits the client can apply.
import type { ClientCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { minorPatchUpgrades, type Upgrade } from '../../../core/facts/upgrades';
import { goCommandErrors, type ParsedFile } from '../../../core/gomod/parse';
import type { EditSupport } from '../../convert';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';

export const UPGRADE_ALL_TITLE = 'Upgrade all direct requirements (minor/patch)';

export function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
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

export function knownUpgrades(s: Session, p: ParsedFile, settings: Settings): Upgrade[] {
  const profile = s.profile(settings);
  return minorPatchUpgrades(p, (key) => s.facts.get(profile, key));
}

export function editSupport(caps: ClientCapabilities): EditSupport {
  const we = caps.workspace?.workspaceEdit;
  return { documentChanges: we?.documentChanges === true, create: we?.resourceOperations?.includes('create') === true };
}
