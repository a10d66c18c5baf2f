// Formatting as `go mod edit -fmt` does it; a file the go command rejects is left alone.
import type { DocumentFormattingParams, TextEdit } from 'vscode-languageserver';
import { formatFile } from '../../core/gomod/parse';
import { replaceAll } from '../convert';
import { displayName, kindOf } from '../session/documents';
import type { Session } from '../session/session';

export class FormattingFeature {
  constructor(private readonly s: Session) {}

  format(params: DocumentFormattingParams): TextEdit[] | null {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const result = formatFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    if (!result.ok) {
      this.s.client.log(`Not formatting ${displayName(doc.uri)}: it has errors (${result.errors[0].message.split('\n')[0]}).`);
      return null;
    }
    return replaceAll(doc, result.value);
  }
}
