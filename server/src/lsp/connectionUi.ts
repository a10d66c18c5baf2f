// The editor's user interface for the fixes, made from the LSP connection:
// messages and questions, applying a workspace edit, cancellable progress.
// Messages quote the go command's errors, which can hold a GOPROXY URL: they
// are redacted at this edge.
import type { Connection } from 'vscode-languageserver/node';
import { MessageType, ShowMessageNotification, ShowMessageRequest } from 'vscode-languageserver/node';
import { redactText } from '../core/text/redact';
import type { EditorUi, MessageKind } from './session/editor';

const TYPES: Record<MessageKind, MessageType> = { error: MessageType.Error, warning: MessageType.Warning, info: MessageType.Info };

export function connectionUi(connection: Connection, log: (m: string) => void): EditorUi {
  return {
    applyEdit: async (label, edit) => {
      const r = await connection.workspace.applyEdit({ label, edit });
      return { applied: r.applied, failureReason: r.failureReason };
    },
    showMessage: (kind, message) => void connection.sendNotification(ShowMessageNotification.type, { type: TYPES[kind], message: redactText(message) }).catch((e) => log(String(e))),
    showMessageRequest: async (kind, message, actions) => {
      const chosen = await connection.sendRequest(ShowMessageRequest.type, { type: TYPES[kind], message: redactText(message), actions: actions.map((title) => ({ title })) });
      return chosen?.title;
    },
    showDocument: async (url) => (await connection.window.showDocument({ uri: url, external: true }))?.success === true,
    progress: async (title) => {
      const p = await connection.window.createWorkDoneProgress();
      p.begin(redactText(title), undefined, undefined, true);
      return { report: (message) => p.report(redactText(message)), done: () => p.done(), onCancel: (cb) => void p.token.onCancellationRequested(cb) };
    },
  };
}
