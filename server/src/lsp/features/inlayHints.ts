// Inlay hints after requirement lines, from the facts already known: a hint
// request never waits on the network (the check refreshes hints when it ends).
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { hintLabel } from '../../core/present/hintLabels';
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
    for (const t of lookupTargets(this.s.documents.parse(doc))) {
      const line = doc.positionAt(t.req.line.start.offset).line;
      if (line < first || line > last) continue;
      const record = this.s.facts.get(profile, t.key);
      const hint = record && hintLabel(t.req.mod.version, record, settings.inlayHints);
      if (hint) hints.push(inlayHint(doc, t.req.line.end, hint.label, hint.tooltip));
    }
    return hints;
  }
}
