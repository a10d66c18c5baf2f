// Inlay hints after requirement lines, from the facts already known: a hint
// request never waits on the network (the check refreshes hints when it ends).
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { hintLabels } from '../../core/present/hintLabels';
import { isDirectoryPath } from '../../core/gomod/directives';
import { replacementFor } from '../../core/gomod/replacement';
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
    for (const t of lookupTargets(p)) {
      const line = doc.positionAt(t.req.line.start.offset).line;
      if (line < first || line > last) continue;
      const record = this.s.facts.get(profile, t.key);
      // Builds use a local replacement, whatever version is required: an update would change nothing.
      const replaced = replacementFor(p.directives, t.req.mod.path, t.req.mod.version);
      const show = replaced && isDirectoryPath(replaced.new.path) ? { ...settings.inlayHints, updates: false, majors: false } : settings.inlayHints;
      // One hint per fact, each with the editor's left padding (convert.inlayHint): even gaps, one tooltip each.
      for (const hint of record ? hintLabels(t.req.mod.version, record, show) : []) hints.push(inlayHint(doc, t.req.line.end, hint.label, hint.tooltip));
    }
    return hints;
  }
}
