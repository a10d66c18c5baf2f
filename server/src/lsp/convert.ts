// Engine values -> LSP types, and nowhere else. Engine positions carry UTF-16
// offsets; LSP positions are computed from them through the document, so line
// breaks are counted the way the editor counts them.
import { DiagnosticSeverity, DocumentSymbol, InlayHintKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import type { Diagnostic, DocumentLink, Hover, InlayHint, Range, TextEdit } from 'vscode-languageserver';
import type { Finding } from '../core/rules/finding';
import type { SeveritySetting } from './session/settings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position as EnginePosition } from '../core/gomod/ast';
import type { LocalPathLink, OutlineItem, OutlineKind } from '../core/gomod/outline';
import type { AnnotatedTextEdit, ChangeAnnotation, CodeAction, CodeLens, Command, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument as PlainText } from 'vscode-languageserver-textdocument';
import { lineEdits, type OffsetEdit } from '../core/gomod/textDiff';

export const SOURCE = 'go-mod-hygiene';

export function toRange(doc: TextDocument, start: EnginePosition, end: EnginePosition): Range {
  return { start: doc.positionAt(start.offset), end: doc.positionAt(end.offset) };
}

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The engine's severities, in the settings' vocabulary. */
export function severitySetting(f: Finding): Exclude<SeveritySetting, 'off'> {
  return f.severity === 'info' ? 'information' : f.severity;
}

export function findingDiagnostic(doc: TextDocument, f: Finding, severity: Exclude<SeveritySetting, 'off'>): Diagnostic {
  return {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[severity],
    source: SOURCE,
    code: f.code,
    message: f.message,
    data: { module: f.module, suggestedVersion: f.suggestedVersion },
  };
}

export function inlayHint(doc: TextDocument, at: EnginePosition, label: string, tooltip: string): InlayHint {
  return { position: doc.positionAt(at.offset), label, kind: InlayHintKind.Type, paddingLeft: true, tooltip };
}

export function hover(doc: TextDocument, markdown: string, start: EnginePosition, end: EnginePosition): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: toRange(doc, start, end) };
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  module: SymbolKind.Module,
  go: SymbolKind.Constant,
  toolchain: SymbolKind.Constant,
  godebug: SymbolKind.Property,
  require: SymbolKind.Package,
  exclude: SymbolKind.Null,
  replace: SymbolKind.Interface,
  retract: SymbolKind.Event,
  tool: SymbolKind.Function,
  ignore: SymbolKind.Null,
  use: SymbolKind.Package,
  unknown: SymbolKind.Null,
};

export function documentSymbol(doc: TextDocument, item: OutlineItem): DocumentSymbol {
  const range = toRange(doc, item.start, item.end);
  const selection = toRange(doc, item.selectStart, item.selectEnd);
  return DocumentSymbol.create(
    item.name || item.kind,
    item.detail || undefined,
    SYMBOL_KINDS[item.kind],
    range,
    selection,
    item.children.map((c) => documentSymbol(doc, c)),
  );
}

export function documentLink(doc: TextDocument, link: LocalPathLink, target: string): DocumentLink {
  return { range: toRange(doc, link.start, link.end), target, tooltip: `Open ${link.path}/go.mod` };
}

export function replaceAll(doc: TextDocument, text: string): TextEdit[] {
  if (doc.getText() === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: text }];
}

// ---- fixes: edits, code actions, code lenses ----

export function offsetTextEdits(doc: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
}

/** What the client can apply (ClientCapabilities.workspace.workspaceEdit). */
export interface EditSupport {
  documentChanges: boolean;
  create: boolean;
  /** LSP 3.16 change annotations (workspaceEdit.changeAnnotationSupport); they need documentChanges. */
  changeAnnotations?: boolean;
}

/** Words for a group of edits, shown in the editor's refactor preview; needsConfirmation makes the editor ask before applying. */
export interface EditAnnotation {
  label: string;
  description?: string;
  needsConfirmation: boolean;
}

export type AnnotatedOffsetEdit = OffsetEdit & { annotation?: EditAnnotation };

/** One annotation id per label: the editor groups edits with the same label. */
class Annotations {
  readonly byId: Record<string, ChangeAnnotation> = {};
  private readonly ids = new Map<string, string>();
  id(a: EditAnnotation): string {
    let id = this.ids.get(a.label);
    if (id === undefined) {
      id = `change-${this.ids.size + 1}`;
      this.ids.set(a.label, id);
      this.byId[id] = { label: a.label, needsConfirmation: a.needsConfirmation, ...(a.description ? { description: a.description } : {}) };
    } else if (a.needsConfirmation) {
      this.byId[id].needsConfirmation = true;
    }
    return id;
  }
}

/**
 * A text fix's edits to one open document, pinned to its version when the
 * client can check versions. Where the client honours change annotations they
 * carry the fix's words and the lines it removes; a fix that removes lines
 * needs confirmation, as a go command's removals do (applyGoResult.ts).
 */
export function documentWorkspaceEdit(doc: TextDocument, edits: OffsetEdit[], support: EditSupport, title: string): WorkspaceEdit {
  const textEdits = offsetTextEdits(doc, edits);
  if (!support.documentChanges) return { changes: { [doc.uri]: textEdits } };
  if (!support.changeAnnotations) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits }] };
  const removed = removedLines(doc.getText(), edits);
  const annotation: ChangeAnnotation = {
    label: removed.length > 0 ? `${title}: ${shortened(removed.join(' / '))}` : title,
    description: `A text edit: the go command is not run.${removed.length > 0 ? ' Removes these lines from the file.' : ''}`,
    needsConfirmation: removed.length > 0,
  };
  const id = 'change-1';
  return {
    documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits.map((e): AnnotatedTextEdit => ({ ...e, annotationId: id })) }],
    changeAnnotations: { [id]: annotation },
  };
}

/** The non-blank lines that edits take out without putting text in their place. */
function removedLines(text: string, edits: OffsetEdit[]): string[] {
  return edits
    .filter((e) => e.text.trim() === '')
    .flatMap((e) => text.slice(e.start, e.end).split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const MAX_LABEL = 120;
function shortened(s: string): string {
  return s.length <= MAX_LABEL ? s : `${s.slice(0, MAX_LABEL - 1)}…`;
}

/** go.sum after a go command ran: open in the editor (edits to its buffer), on disk, or not there yet. */
export interface GoSumChange {
  uri: string;
  text: string;
  annotation?: EditAnnotation;
  open?: { doc: TextDocument; edits: OffsetEdit[] };
  onDisk?: string;
}

/**
 * One workspace edit for go.mod and go.sum, so the editor applies (and undoes)
 * them as one change. go.mod edits carry the buffer's version: the editor
 * refuses them if the buffer changed since. A go.sum that is not open is
 * edited too (the editor opens it in the background, unsaved): never written
 * on disk behind the editor, and undone with go.mod. Only a missing go.sum is
 * created, empty, before it is filled. Where the client honours change
 * annotations, every edit carries the words of the change it is part of, and
 * one that needs confirmation makes VS Code show its refactor preview first.
 */
export function goFixWorkspaceEdit(goMod: TextDocument, modEdits: AnnotatedOffsetEdit[], goSum: GoSumChange | undefined, support: EditSupport): { edit: WorkspaceEdit; goSumSkipped: boolean } {
  const modTextEdits = offsetTextEdits(goMod, modEdits);
  const sumEdits = goSum && goSumTextEdits(goSum);
  if (!support.documentChanges) {
    const changes: Record<string, TextEdit[]> = { [goMod.uri]: modTextEdits };
    if (goSum && sumEdits) changes[goSum.uri] = sumEdits;
    return { edit: { changes }, goSumSkipped: goSum !== undefined && !sumEdits };
  }
  // Annotations only where the client said it honours them: another client
  // would apply needsConfirmation edits without asking.
  const notes = support.changeAnnotations ? new Annotations() : undefined;
  const annotate = (edits: TextEdit[], a: (i: number) => EditAnnotation | undefined): (TextEdit | AnnotatedTextEdit)[] =>
    edits.map((e, i) => {
      const an = notes && a(i);
      return an ? { ...e, annotationId: notes.id(an) } : e;
    });
  const sumNote = () => goSum?.annotation;
  // go.sum first: once the go.mod change shows in the editor, go.sum is already
  // changed too, so saving go.mod right away also finds go.sum to save.
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  let goSumSkipped = false;
  if (goSum && sumEdits) {
    documentChanges.push({ textDocument: { uri: goSum.uri, version: goSum.open ? goSum.open.doc.version : null }, edits: annotate(sumEdits, sumNote) });
  } else if (goSum && support.create) {
    const an = notes && goSum.annotation;
    documentChanges.push({ kind: 'create', uri: goSum.uri, options: { ignoreIfExists: true }, ...(an ? { annotationId: notes.id(an) } : {}) });
    documentChanges.push({ textDocument: { uri: goSum.uri, version: null }, edits: annotate([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: goSum.text }], sumNote) });
  } else if (goSum) {
    goSumSkipped = true;
  }
  if (modTextEdits.length > 0) documentChanges.push({ textDocument: { uri: goMod.uri, version: goMod.version }, edits: annotate(modTextEdits, (i) => modEdits[i].annotation) });
  return { edit: { documentChanges, ...(notes && Object.keys(notes.byId).length > 0 ? { changeAnnotations: notes.byId } : {}) }, goSumSkipped };
}

/** Line edits that turn go.sum, as the editor has it or else as it is on disk, into the go command's result; undefined when it does not exist. */
function goSumTextEdits(goSum: GoSumChange): TextEdit[] | undefined {
  if (goSum.open) return offsetTextEdits(goSum.open.doc, goSum.open.edits);
  if (goSum.onDisk === undefined) return undefined;
  return offsetTextEdits(PlainText.create(goSum.uri, 'go.sum', 0, goSum.onDisk), lineEdits(goSum.onDisk, goSum.text));
}

export function commandAction(title: string, kind: string, command: Command, diagnostics?: Diagnostic[], isPreferred?: boolean): CodeAction {
  return { title, kind, command, ...(diagnostics && diagnostics.length > 0 ? { diagnostics } : {}), ...(isPreferred ? { isPreferred } : {}) };
}

export function editAction(title: string, kind: string, edit: WorkspaceEdit, diagnostics: Diagnostic[], isPreferred?: boolean): CodeAction {
  return { title, kind, edit, diagnostics, ...(isPreferred ? { isPreferred } : {}) };
}

export function codeLens(doc: TextDocument, at: EnginePosition, command: Command): CodeLens {
  const start = doc.positionAt(at.offset);
  return { range: { start, end: start }, command };
}
