// The open documents and their parses: one parse per document version, shared
// by every feature. Reset: forget every parse. An open go.sum is synced only
// for its text (the analysis reads it instead of the file on disk, which a fix
// may have changed in the buffer): no feature answers for it.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf, parseFile, type ParsedFile } from '../../core/gomod/parse';
import type { FileKind } from '../../core/gomod/directives';
import type { InputFiles } from '../../core/analysis/input';
import type { DocumentSource, FileSystem } from './editor';

/** go.sum and go.work.sum: checksum files, not go.mod syntax. */
export function isGoSum(doc: { uri: string; languageId: string }): boolean {
  return doc.languageId === 'go.sum' || /(^|\/)go(\.work)?\.sum$/.test(doc.uri);
}

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

  /** An open go.mod or go.work. */
  get(uri: string): TextDocument | undefined {
    const doc = this.source.get(uri);
    return doc && !isGoSum(doc) ? doc : undefined;
  }

  /** Every open go.mod and go.work. */
  all(): TextDocument[] {
    return this.source.all().filter((d) => !isGoSum(d));
  }

  /** An open go.sum (or go.work.sum). */
  goSum(uri: string): TextDocument | undefined {
    const doc = this.source.get(uri);
    return doc && isGoSum(doc) ? doc : undefined;
  }

  /**
   * The files an analysis reads (go.sum, go.work), as the editor has them: an
   * open buffer's text, else the file on disk.
   */
  inputFiles(files: FileSystem): InputFiles {
    return {
      exists: (p) => files.exists(p),
      readFile: (p) => {
        const uri = pathToFileURL(p).toString();
        const open = this.source.get(uri);
        return open ? open.getText() : files.readFile(p);
      },
    };
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
