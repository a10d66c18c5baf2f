// Code actions: quick fixes for diagnostics (upgrade, also past known
// vulnerabilities; remove a replace or exclude, add to GOPRIVATE, run go mod
// tidy) and the source actions "upgrade all" and "tidy". Text-only fixes carry their edit; fixes that run the go
// command carry a command (commands.ts).
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { removeDirective, type RemovableVerb } from '../../../core/gomod/removeDirective';
import type { OffsetEdit } from '../../../core/gomod/textDiff';
import { commandAction, documentWorkspaceEdit, editAction, SOURCE } from '../../convert';
import type { Session } from '../../session/session';
import { UPGRADE_CODES } from './fixArgs';
import { directiveFixes } from './directiveFixes';
import { moduleFixes } from './moduleFixes';
import { canRunGo, canRunGoOnModule, editSupport, knownUpgrades, UPGRADE_ALL_TITLE } from './fixSupport';
import { goPrivateFix } from './goPrivateFix';
import { addTextFixes } from './textFixes';
import { addUpgradeFix } from './upgradeFix';

export class CodeActionsFeature {
  constructor(private readonly s: Session) {}

  codeActions(params: CodeActionParams): CodeAction[] {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const p = this.s.documents.parse(doc);
    const settings = this.s.settings.known(doc.uri);
    const goOk = canRunGo(this.s, doc, p, settings);
    const graphOk = canRunGoOnModule(this.s, doc, p, settings);
    const only = params.context.only;
    const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const uri = doc.uri;
    const actions: CodeAction[] = [];
    const removals = new Map<number, { verb: RemovableVerb; edit: OffsetEdit; diagnostics: Diagnostic[] }>();

    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const data = (d.data ?? {}) as { module?: unknown; suggestedVersion?: unknown };
      const module = typeof data.module === 'string' ? data.module : undefined;
      if (UPGRADE_CODES.has(d.code) && graphOk && module && typeof data.suggestedVersion === 'string' && wanted(CODE_ACTION_KINDS.quickFix)) {
        addUpgradeFix(actions, { s: this.s, doc, p, settings }, d, module, data.suggestedVersion);
      }
      if (wanted(CODE_ACTION_KINDS.quickFix)) addTextFixes(actions, { s: this.s, doc, p, settings, goOk, graphOk }, d);
      const verb = d.code.startsWith('replace-') ? 'replace' : d.code.startsWith('exclude-') ? 'exclude' : undefined;
      if (verb && wanted(CODE_ACTION_KINDS.quickFix)) {
        const r = removeDirective(doc.getText(), p, verb, doc.offsetAt(d.range.start));
        if (r) {
          const key = r.line.start.offset;
          const seen = removals.get(key);
          if (seen) seen.diagnostics.push(d);
          else removals.set(key, { verb, edit: r.edit, diagnostics: [d] });
        }
      }
      if (d.code === 'module-not-found' && goOk && module && wanted(CODE_ACTION_KINDS.quickFix)) {
        actions.push(...goPrivateFix({ s: this.s, doc, p, settings }, d, module));
      }
      if (wanted(CODE_ACTION_KINDS.quickFix)) actions.push(...directiveFixes(doc, p, d, editSupport(this.s.capabilities)), ...moduleFixes({ s: this.s, doc, p, settings, graphOk }, d, module));
      if (d.code === 'not-tidy' && graphOk && wanted(CODE_ACTION_KINDS.quickFix)) {
        actions.push(commandAction('Run go mod tidy', CODE_ACTION_KINDS.quickFix, { title: 'Run go mod tidy', command: SERVER_COMMANDS.tidy, arguments: [{ uri }] }, [d]));
      }
    }
    for (const r of removals.values()) {
      const title = r.verb === 'replace' ? 'Remove replace' : 'Remove exclude';
      actions.push(editAction(title, CODE_ACTION_KINDS.quickFix, documentWorkspaceEdit(doc, [r.edit], editSupport(this.s.capabilities), title), r.diagnostics));
    }
    if (graphOk && wanted(CODE_ACTION_KINDS.upgradeAll) && knownUpgrades(this.s, p, settings).length > 0) {
      actions.push(commandAction(UPGRADE_ALL_TITLE, CODE_ACTION_KINDS.upgradeAll, { title: UPGRADE_ALL_TITLE, command: SERVER_COMMANDS.upgradeAll, arguments: [{ uri }] }));
    }
    if (graphOk && wanted(CODE_ACTION_KINDS.tidy) && !actions.some((a) => a.command?.command === SERVER_COMMANDS.tidy)) {
      actions.push(commandAction('Run go mod tidy', CODE_ACTION_KINDS.tidy, { title: 'Run go mod tidy', command: SERVER_COMMANDS.tidy, arguments: [{ uri }] }));
    }
    return actions;
  }
}
