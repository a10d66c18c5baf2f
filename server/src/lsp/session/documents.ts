// The open documents and their parses: one parse per document version, shared
// by every feature. Reset: forget every parse.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf, parseFile, type ParsedFile } from '../../core/gomod/parse';
import type { FileKind } from '../../core/gomod/directives';
import type { DocumentSource } from './editor';

export function kindOf(doc: TextDocument): FileKind {
  if (doc.languageId === 'go.work') return 'work';
  if (doc.languageId === 'go.mod') return 'mod';
  return fileKindOf(doc.uri);
}

export function displayName(uri: string): string {
  return uri.startsWith('file:') ? path.basename(fileURLToPath(uri)) : uri.split('/').pop() || uri;
}

/** The document's path, when it is a file on disk. */
export function fsPathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** The document's directory, when it is a file on disk. */
export function dirOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : undefined;
}

export class Documents {
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();

  constructor(private readonly source: DocumentSource) {}

  get(uri: string): TextDocument | undefined {
    return this.source.get(uri);
  }

  all(): TextDocument[] {
    return this.source.all();
  }

  parse(doc: TextDocument): ParsedFile {
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.file;
    const file = parseFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    this.parsed.set(doc.uri, { version: doc.version, file });
    return file;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }

  reset(): void {
    this.parsed.clear();
  }
}
