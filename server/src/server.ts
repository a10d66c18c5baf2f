// The language server: one method per LSP request, collaborators injected, no
// knowledge of how messages travel. main.ts binds these methods to a connection.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  DocumentFormattingParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentSymbol,
  DocumentSymbolParams,
  InitializeResult,
  TextEdit,
} from 'vscode-languageserver';
import { TextDocumentSyncKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentLink, documentSymbol, replaceAll, syntaxDiagnostic } from './convert';
import { localPathLinks, outline } from './core/gomod/outline';
import { fileKindOf, formatFile, parseFile, type ParsedFile } from './core/gomod/parse';

export interface ServerDeps {
  /** The open documents, by URI. */
  getDocument(uri: string): TextDocument | undefined;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  fileExists(fsPath: string): boolean;
  log(message: string): void;
}

export const SERVER_NAME = 'go-mod-hygiene';

/** The file kind of a document: by language id when the editor knows it, else by name. */
function kindOf(doc: TextDocument) {
  if (doc.languageId === 'go.work') return 'work' as const;
  if (doc.languageId === 'go.mod') return 'mod' as const;
  return fileKindOf(doc.uri);
}

function displayName(uri: string): string {
  return uri.startsWith('file:') ? path.basename(fileURLToPath(uri)) : uri.split('/').pop() || uri;
}

export class GoModServer {
  /** Parse results by URI and version, so each request reuses the last parse. */
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();

  constructor(private readonly deps: ServerDeps, private readonly version: string) {}

  initialize(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: this.version },
    };
  }

  private parse(doc: TextDocument): ParsedFile {
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.file;
    const file = parseFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    this.parsed.set(doc.uri, { version: doc.version, file });
    return file;
  }

  /** Called when a document opens or changes. */
  documentChanged(doc: TextDocument): void {
    const file = this.parse(doc);
    const problems = [...file.syntaxErrors, ...file.errors];
    this.deps.publishDiagnostics(doc.uri, problems.map((p) => syntaxDiagnostic(doc, p)));
  }

  documentClosed(uri: string): void {
    this.parsed.delete(uri);
    this.deps.publishDiagnostics(uri, []);
  }

  documentSymbols(params: DocumentSymbolParams): DocumentSymbol[] {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return [];
    return outline(this.parse(doc)).map((item) => documentSymbol(doc, item));
  }

  documentLinks(params: DocumentLinkParams): DocumentLink[] {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc || !doc.uri.startsWith('file:')) return [];
    const dir = path.dirname(fileURLToPath(doc.uri));
    const links: DocumentLink[] = [];
    for (const link of localPathLinks(this.parse(doc))) {
      // Go resolves replacement directories relative to the go.mod's directory.
      const target = path.join(path.resolve(dir, link.path.replace(/\\/g, path.sep)), 'go.mod');
      if (this.deps.fileExists(target)) links.push(documentLink(doc, link, pathToFileURL(target).toString()));
    }
    return links;
  }

  /** Formatting as `go mod edit -fmt` does it; a file the go command rejects is left alone. */
  format(params: DocumentFormattingParams): TextEdit[] | null {
    const doc = this.deps.getDocument(params.textDocument.uri);
    if (!doc) return null;
    const result = formatFile(doc.getText(), { filename: displayName(doc.uri), kind: kindOf(doc) });
    if (!result.ok) {
      this.deps.log(`Not formatting ${displayName(doc.uri)}: it has errors (${result.errors[0].message.split('\n')[0]}).`);
      return null;
    }
    return replaceAll(doc, result.value);
  }
}
