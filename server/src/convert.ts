// Engine values -> LSP types, and nowhere else. Engine positions carry UTF-16
// offsets; LSP positions are computed from them through the document, so line
// breaks are counted the way the editor counts them.
import { DiagnosticSeverity, DocumentSymbol, InlayHintKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import type { Diagnostic, DocumentLink, Hover, InlayHint, Range, TextEdit } from 'vscode-languageserver';
import type { Finding } from './core/rules/finding';
import type { SeveritySetting } from './settings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position as EnginePosition, SyntaxProblem } from './core/gomod/ast';
import type { LocalPathLink, OutlineItem, OutlineKind } from './core/gomod/outline';

export const SOURCE = 'go-mod-hygiene';

export function toRange(doc: TextDocument, start: EnginePosition, end: EnginePosition): Range {
  return { start: doc.positionAt(start.offset), end: doc.positionAt(end.offset) };
}

export function syntaxDiagnostic(doc: TextDocument, p: SyntaxProblem): Diagnostic {
  const at = p.highlight ?? { start: p.pos, end: p.end };
  return {
    range: toRange(doc, at.start, at.end),
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'syntax',
    message: p.message,
  };
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
