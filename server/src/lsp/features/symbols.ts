// The outline: directives and blocks as document symbols.
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { outline } from '../../core/gomod/outline';
import { documentSymbol } from '../convert';
import type { Session } from '../session/session';

export class SymbolsFeature {
  constructor(private readonly s: Session) {}

  documentSymbols(params: DocumentSymbolParams): DocumentSymbol[] {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return [];
    return outline(this.s.documents.parse(doc)).map((item) => documentSymbol(doc, item));
  }
}
