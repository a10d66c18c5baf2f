// What the user sees when a go-running fix meets a line the go command cannot
// load: the message names that line and offers to go there
// (window/showMessageRequest, then window/showDocument with the line
// selected), and an upgrade also offers its text-only form. When the go
// command got past such lines (core/gocmd/pastBrokenLines.ts), the user is
// told which ones it ran without.
import type { CommandOutcome } from '../../../../../shared/protocol';
import type { Blame } from '../../../core/gocmd/blame';
import { explainBlocked } from '../../../core/gocmd/explainGoError';
import type { GoFixAction } from '../../../core/gocmd/goFix';
import { linesRunWithout } from '../../../core/gocmd/pastBrokenLines';
import { setRequireVersions } from '../../../core/gomod/requireVersions';
import { lineEdits } from '../../../core/gomod/textDiff';
import { documentWorkspaceEdit, toRange } from '../../convert';
import type { Session } from '../../session/session';
import { editSupport } from './fixSupport';

export interface BlockedRun {
  command: string;
  blame: Blame;
  standIns: Blame[];
}

/** "Set version to v1.0.2 (text only; go.sum is completed when the module graph loads)" */
export function textOnlyTitle(version: string): string {
  return `Set version to ${version} (text only; go.sum is completed when the module graph loads)`;
}

/** The failure, with "Go to line N" and, for one upgrade, its text-only form. Never waits for the user's answer. */
export function reportBlocked(s: Session, uri: string, action: GoFixAction, r: BlockedRun, textOnlyApplied?: (m: { path: string; version: string }) => void): CommandOutcome {
  const message = explainBlocked({ command: r.command, blame: r.blame, ranWithout: r.standIns.length > 0 ? linesRunWithout(r.standIns) : undefined });
  s.client.log(message);
  const ui = s.client.ui;
  const doc = s.documents.get(uri);
  if (!ui || !doc) return { ok: false, message };
  const goTo = `Go to line ${r.blame.line}`;
  const canShow = ui.showDocument !== undefined && s.capabilities.window?.showDocument?.support === true;
  const one = action.kind === 'get' && action.modules.length === 1 ? action.modules[0] : undefined;
  // A short button (two share a toast's width); the edit's label says what text-only means.
  const textOnly = one && s.capabilities.workspace?.applyEdit === true ? `Set ${one.version} (text only)` : undefined;
  const actions = [...(canShow ? [goTo] : []), ...(textOnly ? [textOnly] : [])];
  if (actions.length === 0) {
    ui.showMessage('error', message);
    return { ok: false, message };
  }
  const selection = toRange(doc, r.blame.start, r.blame.end);
  const answered = async (choice: string | undefined) => {
    if (choice === goTo) await ui.showDocument?.(uri, selection);
    if (textOnly && choice === textOnly && one) {
      // Applied to the text as it is now, pinned to its version: an edit
      // typed meanwhile makes the editor refuse it rather than lose it.
      const now = s.documents.get(uri);
      if (!now) return;
      const edits = lineEdits(now.getText(), setRequireVersions(now.getText(), [one], s.documents.parse(now)));
      if (edits.length === 0) return;
      const applied = await ui.applyEdit(textOnlyTitle(one.version), documentWorkspaceEdit(now, edits, editSupport(s.capabilities), textOnlyTitle(one.version)));
      if (applied.applied) textOnlyApplied?.(one);
    }
  };
  // Not awaited: the command answers now, whatever the user does with the message later.
  ui.showMessageRequest('error', message, actions).then(answered).catch((e: unknown) => s.client.log(`${r.command}: ${(e as Error).message}`));
  return { ok: false, message };
}

/** After a go get that ran without some lines: which, and that they are unchanged. */
export function standInNotice(command: string, standIns: Blame[]): string {
  return `${command} ran without ${linesRunWithout(standIns)}: the go command cannot load ${standIns.length === 1 ? 'that line' : 'those lines'}, so ${standIns.length === 1 ? 'it is' : 'they are'} kept as ${standIns.length === 1 ? 'it is' : 'they are'}, and what ${standIns.length === 1 ? 'it requires' : 'they require'} could not be taken into account.`;
}
