// Inlay hints after requirement lines, from the facts already known: a hint
// request never waits on the network (the check refreshes hints when it ends).
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { hintLabel } from '../../core/present/hintLabels';
import { isDirectoryPath } from '../../core/gomod/directives';
import type { ParsedFile } from '../../core/gomod/parse';
import { inlayHint } from '../convert';
import type { Session } from '../session/session';

export class InlayHintsFeature {
  constructor(private readonly s: Session) {}

  inlayHints(params: InlayHintParams): InlayHint[] {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = this.s.settings.known(doc.uri);
    const profile = this.s.profile(settings);
    const first = params.range.start.line;
    const last = params.range.end.line;
    const hints: InlayHint[] = [];
    const p = this.s.documents.parse(doc);
    const local = replacedByDirectory(p);
    for (const t of lookupTargets(p)) {
      const line = doc.positionAt(t.req.line.start.offset).line;
      if (line < first || line > last) continue;
      const record = this.s.facts.get(profile, t.key);
      // Builds use a local replacement, whatever version is required: an update would change nothing.
      const show = local(t.req.mod.path, t.req.mod.version) ? { ...settings.inlayHints, updates: false, majors: false } : settings.inlayHints;
      const hint = record && hintLabel(t.req.mod.version, record, show);
      if (hint) hints.push(inlayHint(doc, t.req.line.end, hint.label, hint.tooltip));
    }
    return hints;
  }
}

/** Whether a requirement is replaced by a local directory (a replace of every version, or of this one). */
function replacedByDirectory(p: ParsedFile): (path: string, version: string) => boolean {
  const dirs = p.directives.replace.filter((r) => isDirectoryPath(r.new.path));
  return (path, version) => dirs.some((r) => r.old.path === path && (r.old.version === '' || r.old.version === version));
}
