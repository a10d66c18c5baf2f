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

/** Long enough for an editor under load to report a buffer it has just created. */
const EXPECTED_GO_SUM_MS = 5_000;

export class Documents {
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();
  /** go.sum texts a fix is putting into the editor, by path, until the editor reports the buffer (see expectGoSum). */
  private readonly expected = new Map<string, { text: string; until: number }>();

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
        if (open) return open.getText();
        const expected = this.expected.get(p);
        if (expected && Date.now() < expected.until) return expected.text;
        this.expected.delete(p);
        return files.readFile(p);
      },
    };
  }

  /**
   * A fix's edit creates or fills go.sum in the editor: the editor creates the
   * (empty) file on disk first, and reports the buffer a moment later. A check
   * in between (the file watcher's, or the go.mod change's) would read the empty
   * file and flag every checksum as missing. Until the buffer is reported, or
   * for `ms` at most, the go.sum that is being applied counts. withdraw() undoes
   * it when the edit was not applied.
   */
  expectGoSum(filePath: string, text: string, ms = EXPECTED_GO_SUM_MS): { withdraw(): void } {
    const entry = { text, until: Date.now() + ms };
    this.expected.set(filePath, entry);
    return { withdraw: () => { if (this.expected.get(filePath) === entry) this.expected.delete(filePath); } };
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
