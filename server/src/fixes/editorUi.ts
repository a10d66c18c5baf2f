// What the fixes ask of the editor: messages and questions, applying a
// workspace edit, cancellable progress and code lens refreshes. main.ts gives
// the server these, made from its connection; tests and other hosts may leave
// them out, and the fixes then only answer requests.
import type { Connection, WorkspaceEdit } from 'vscode-languageserver/node';
import { CodeLensRefreshRequest, MessageType, ShowMessageNotification, ShowMessageRequest } from 'vscode-languageserver/node';
import { redactText } from '../core/proxy/redact';

export type MessageKind = 'error' | 'warning' | 'info';

export interface CancellableProgress {
  report(message: string): void;
  done(): void;
  /** Called once when the user cancels from the progress notification. */
  onCancel(cb: () => void): void;
}

export interface EditorUi {
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }>;
  showMessage(kind: MessageKind, message: string): void;
  /** The title of the action the user chose, or undefined when the message was dismissed. */
  showMessageRequest(kind: MessageKind, message: string, actions: string[]): Promise<string | undefined>;
  progress(title: string): Promise<CancellableProgress>;
  refreshCodeLenses(): void;
}

const TYPES: Record<MessageKind, MessageType> = { error: MessageType.Error, warning: MessageType.Warning, info: MessageType.Info };

export function connectionUi(connection: Connection, log: (m: string) => void): EditorUi {
  return {
    applyEdit: async (label, edit) => {
      const r = await connection.workspace.applyEdit({ label, edit });
      return { applied: r.applied, failureReason: r.failureReason };
    },
    // Messages quote the go command's errors, which can hold a GOPROXY URL: redacted at this edge.
    showMessage: (kind, message) => void connection.sendNotification(ShowMessageNotification.type, { type: TYPES[kind], message: redactText(message) }).catch((e) => log(String(e))),
    showMessageRequest: async (kind, message, actions) => {
      const chosen = await connection.sendRequest(ShowMessageRequest.type, { type: TYPES[kind], message: redactText(message), actions: actions.map((title) => ({ title })) });
      return chosen?.title;
    },
    progress: async (title) => {
      const p = await connection.window.createWorkDoneProgress();
      p.begin(redactText(title), undefined, undefined, true);
      return { report: (message) => p.report(redactText(message)), done: () => p.done(), onCancel: (cb) => void p.token.onCancellationRequested(cb) };
    },
    refreshCodeLenses: () => void connection.sendRequest(CodeLensRefreshRequest.type).catch((e) => log(String(e))),
  };
}
