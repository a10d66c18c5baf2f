// What the language server sends to, or asks of, the editor, and what it reads
// from it: open documents and files. connection.ts makes these from the LSP
// connection; the in-process tests make them from plain objects. Every text
// that leaves through them is redacted by whoever makes them (at the edge).
import type { Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { StatusReport } from '../../../../shared/protocol';

export interface Progress {
  report(message: string, percentage: number): void;
  done(): void;
}

export type MessageKind = 'error' | 'warning' | 'info';

export interface CancellableProgress {
  report(message: string): void;
  done(): void;
  /** Called once when the user cancels from the progress notification. */
  onCancel(cb: () => void): void;
}

/** Messages, questions, edits and cancellable progress, for the fixes. */
export interface EditorUi {
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }>;
  showMessage(kind: MessageKind, message: string): void;
  /** The title of the action the user chose, or undefined when the message was dismissed. */
  showMessageRequest(kind: MessageKind, message: string, actions: string[]): Promise<string | undefined>;
  progress(title: string): Promise<CancellableProgress>;
  /** Shows an external page (window/showDocument, external: true); whether the editor opened it. */
  showDocument?(url: string): Promise<boolean>;
}

export interface EditorClient {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  /** The client's `goModHygiene` and `go` settings for a resource. */
  getConfiguration(uri: string): Promise<[unknown, unknown]>;
  /** No-ops when the client cannot refresh them. */
  refreshInlayHints(): void;
  refreshCodeLenses(): void;
  progress(title: string): Promise<Progress>;
  status(report: StatusReport): void;
  log(message: string): void;
  /** Without it, the fixes only answer requests. */
  ui?: EditorUi;
}

/** The documents the editor has open. */
export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/** The file system, for what is not open: go.sum, go.work, replacement directories. */
export interface FileSystem {
  exists(fsPath: string): boolean;
  readFile(fsPath: string): string | undefined;
}
