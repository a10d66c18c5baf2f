// The result of a go command run, sent back as one workspace edit that says
// what it does. The go command does more than a fix's title says (it drops
// requirements on excluded versions, moves indirect requirements into their
// own block, raises the go line): every changed line carries the words of its
// change (LSP 3.16 change annotations), and what goes beyond the title, or
// takes something out of go.mod, needs confirmation, which VS Code shows as its
// refactor preview. A client without annotations is asked first instead. A
// tidy that removes requirements always says how many and asks. No surprises.
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandOutcome } from '../../../../../shared/protocol';
import { changeSummary, type DescribedEdit, describeGoModChange, type FixIntent, needingConfirmation, needsConfirmation, removedRequirements } from '../../../core/gomod/changeSummary';
import { type AnnotatedOffsetEdit, type EditAnnotation, goFixWorkspaceEdit, type GoSumChange } from '../../convert';
import type { MessageKind } from '../../session/editor';
import type { Session } from '../../session/session';
import { editSupport, refuse, tell } from './fixSupport';
import { plural } from '../../../core/text/plural';

export interface GoResult {
  /** The go.mod buffer, at the version the go command started from. */
  doc: TextDocument;
  /** The go command line, for messages. */
  command: string;
  intent: FixIntent;
  /** Described edits from the buffer's text to the go command's go.mod. */
  edits: DescribedEdit[];
  sum?: GoSumChange;
  /** The fix's name in the summary that follows ("Upgrade all"); no summary when undefined, unless more than the title changed. */
  summaryTitle?: string;
}

const MAX_NAMED = 6;
/** How long the summary waits for the editor to report the applied change. */
const APPLIED_WAIT_MS = 2_000;

function named(items: string[]): string {
  return items.length <= MAX_NAMED ? items.join(', ') : `${items.slice(0, MAX_NAMED).join(', ')} and ${items.length - MAX_NAMED} more`;
}

export class GoResultApplier {
  constructor(private readonly s: Session) {}

  private message(kind: MessageKind, message: string): void {
    tell(this.s, kind, message);
  }

  private fail(message: string, kind: MessageKind = 'error'): CommandOutcome {
    return refuse(this.s, message, kind);
  }

  /**
   * Asks, and answers whether the user chose Apply; the buffer must still be
   * the one the edit was made for (the open document object changes in place,
   * so its version is compared with the one taken before the question).
   */
  private async ask(uri: string, version: number, question: string): Promise<boolean | 'changed'> {
    const answer = await this.s.client.ui?.showMessageRequest('warning', question, ['Apply', 'Cancel']);
    if (answer !== 'Apply') return false;
    return this.s.documents.get(uri)?.version === version ? true : 'changed';
  }

  /** The buffer once the editor has applied the edit (it reports the change after answering), or undefined if it does not come in time. */
  private async appliedText(uri: string, version: number): Promise<string | undefined> {
    const deadline = Date.now() + APPLIED_WAIT_MS;
    for (;;) {
      const now = this.s.documents.get(uri);
      if (!now) return undefined;
      if (now.version !== version) return now.getText();
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async apply(r: GoResult): Promise<CommandOutcome> {
    const ui = this.s.client.ui;
    if (!ui || this.s.capabilities.workspace?.applyEdit !== true) return this.fail('The editor cannot apply workspace edits, so the result of the go command cannot be applied.');
    const support = editSupport(this.s.capabilities);
    const { uri, version } = r.doc;
    const startText = r.doc.getText();
    const extras = needingConfirmation(r.edits);
    const declined = (): CommandOutcome => {
      const message = `The result of ${r.command} was not applied: go.mod and go.sum are unchanged.`;
      this.s.client.log(message);
      return { ok: false, applied: false, message };
    };
    let confirmed = false;
    const removed = removedRequirements(r.edits);
    let question: string | undefined;
    if (r.intent.kind === 'tidy' && removed.length > 0) {
      // Tidy removes what no package needs, and a module without Go files needs nothing: say so before it empties go.mod.
      question = `go mod tidy would remove ${plural(removed.length, 'requirement')}: ${named(removed.map((c) => `${c.path} ${c.from}`))}. Apply?`;
    } else if (extras.length > 0 && !support.changeAnnotations) {
      question = `${r.command} would also change more than the fix says: ${named(extras.map((c) => c.label))}. Apply?`;
    }
    if (question !== undefined) {
      const answer = await this.ask(uri, version, question);
      if (answer === 'changed') return this.fail(`go.mod changed while the question was open, so the result of ${r.command} was not applied.`, 'warning');
      if (!answer) return declined();
      confirmed = true;
    }

    const modEdits: AnnotatedOffsetEdit[] = r.edits.map((e) => ({ start: e.start, end: e.end, text: e.text, annotation: annotation(e, r.command, confirmed) }));
    const { edit, goSumSkipped } = goFixWorkspaceEdit(r.doc, modEdits, r.sum, support);
    const previewed = support.changeAnnotations && modEdits.some((e) => e.annotation?.needsConfirmation);
    // A go.sum that is not open yet reaches the editor's buffer a moment after the edit: it counts meanwhile.
    const goSumPath = r.sum && !r.sum.open && !goSumSkipped ? fileURLToPath(r.sum.uri) : undefined;
    const expected = goSumPath !== undefined && r.sum ? this.s.documents.expectGoSum(goSumPath, r.sum.text) : undefined;
    const result = await ui.applyEdit(r.command, edit);
    if (!result.applied) expected?.withdraw();
    if (!result.applied) {
      // Discarded in the refactor preview: the user's answer, not a failure.
      if (previewed && !result.failureReason) return declined();
      return this.fail(`The editor did not apply the result of ${r.command}${result.failureReason ? `: ${result.failureReason}` : ''}.`, 'warning');
    }
    if (goSumSkipped) this.message('warning', `${r.command}: go.sum could not be created by this editor; run the go command in a terminal to write it.`);
    if (r.edits.length > 0 && (r.summaryTitle !== undefined || extras.length > 0)) {
      // In the refactor preview the user may have left some changes out: sum up what the buffer now holds.
      const text = previewed ? await this.appliedText(uri, version) : undefined;
      const done = text === undefined ? r.edits : describeGoModChange(startText, text, r.intent);
      // What was done first, the command after: a notification shows only its first words until it is expanded.
      const what = done.length > 0 ? changeSummary(done) : 'go.mod was left as it was';
      this.message('info', `${what[0].toUpperCase()}${what.slice(1)} (${r.summaryTitle ?? r.command}).`);
    }
    return { ok: true, applied: true };
  }
}

function annotation(e: DescribedEdit, command: string, confirmed: boolean): EditAnnotation {
  const c = e.change;
  const why = c.titled ? `What the fix asks for (${command}).` : `Beyond what the fix asks for: ${command} changed this too.`;
  return {
    label: c.label,
    description: c.destructive ? `${why} Removes it from go.mod.` : why,
    needsConfirmation: !confirmed && needsConfirmation(c),
  };
}
