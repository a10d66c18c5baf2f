// Document links: local replacement and `use` directories to their go.mod,
// the only places where a link is the obvious next step. Module paths carry
// no link: VS Code underlines every document link with a solid line, which
// hid the squiggle of a mistyped path (module-not-found) and drew pkg.go.dev
// a second time beside the hover's own link. pkg.go.dev is reached from the
// hover, once, and only for public modules (hover.ts, present/hoverText.ts).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { localPathLinks } from '../../core/gomod/outline';
import { documentLink } from '../convert';
import type { Session } from '../session/session';

export class LinksFeature {
  constructor(private readonly s: Session) {}

  documentLinks(params: DocumentLinkParams): DocumentLink[] {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc || !doc.uri.startsWith('file:')) return [];
    const p = this.s.documents.parse(doc);
    const dir = path.dirname(fileURLToPath(doc.uri));
    const links: DocumentLink[] = [];
    for (const link of localPathLinks(p)) {
      // Go resolves replacement directories relative to the go.mod's directory.
      const target = path.join(path.resolve(dir, link.path.replace(/\\/g, path.sep)), 'go.mod');
      // Only to a go.mod that exists: a missing directory has its own finding (replace-target-missing), not a link over it.
      if (this.s.files.exists(target)) links.push(documentLink(doc, link, pathToFileURL(target).toString()));
    }
    return links;
  }
}
