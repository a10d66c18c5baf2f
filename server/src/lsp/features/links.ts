// Document links: local replacement and `use` directories to their go.mod,
// and module paths to pkg.go.dev, but only for paths known to be public:
// following a link would send a private path to a public service.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { keepOffPublicServices } from '../../core/goenv/patterns';
import { argTokens } from '../../core/gomod/ast';
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
      if (this.s.files.exists(target)) links.push(documentLink(doc, link, pathToFileURL(target).toString()));
    }
    const env = this.s.runningContext(doc, this.s.settings.known(doc.uri))?.goEnv.values;
    if (env) {
      const profile = this.s.profile(this.s.settings.known(doc.uri));
      const known = new Map(lookupTargets(p).map((t) => [t.req, this.s.facts.get(profile, t.key)]));
      for (const r of p.directives.require) {
        if (keepOffPublicServices(env, r.mod.path)) continue;
        const tok = argTokens(r.line)[0];
        const record = known.get(r);
        // No link to a page that does not exist: a module no proxy knows; a missing version links to the module.
        if (!tok || record?.facts.failure?.kind === 'not-found') continue;
        const at = record?.versionMissing ? '' : `@${encodeURI(r.mod.version)}`;
        const target = `https://pkg.go.dev/${encodeURI(r.mod.path)}${at}`;
        links.push({ ...documentLink(doc, { path: r.mod.path, start: tok.start, end: tok.end }, target), tooltip: `Open ${r.mod.path} on pkg.go.dev` });
      }
    }
    return links;
  }
}
