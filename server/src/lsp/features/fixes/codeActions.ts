// Code actions: quick fixes for diagnostics (upgrade, remove a replace or
// exclude, add to GOPRIVATE, run go mod tidy) and the source actions "upgrade
// all" and "tidy". Text-only fixes carry their edit; fixes that run the go
// command carry a command (commands.ts).
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { goPrivatePattern, withGoPrivate } from '../../../core/goenv/goPrivate';
import { removeDirective, type RemovableVerb } from '../../../core/gomod/removeDirective';
import type { OffsetEdit } from '../../../core/gomod/textDiff';
import { compare } from '../../../core/semver/goSemver';
import { commandAction, documentWorkspaceEdit, editAction, SOURCE } from '../../convert';
import type { Session } from '../../session/session';
import { UPGRADE_CODES } from './fixArgs';
import { directiveFixes } from './directiveFixes';
import { moduleFixes } from './moduleFixes';
import { canRunGo, canRunGoOnModule, editSupport, knownUpgrades, UPGRADE_ALL_TITLE } from './fixSupport';

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
    const env = this.s.runningContext(doc, settings)?.goEnv.values;

    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const data = (d.data ?? {}) as { module?: unknown; suggestedVersion?: unknown };
      const module = typeof data.module === 'string' ? data.module : undefined;
      if (UPGRADE_CODES.has(d.code) && graphOk && module && typeof data.suggestedVersion === 'string' && wanted(CODE_ACTION_KINDS.quickFix)) {
        // A retracted version with an update has two diagnostics and one fix.
        const version = data.suggestedVersion;
        // A version above every release (version-not-found) is fixed by going down to the latest: say so.
        const current = p.directives.require.find((r) => r.mod.path === module)?.mod.version;
        const direction = current && compare(version, current) < 0 ? 'Downgrade' : 'Upgrade';
        const title = `${direction} to ${version}`;
        const same = actions.find((a) => a.command?.command === SERVER_COMMANDS.upgrade && a.command.arguments?.[0]?.modules?.[0]?.path === module && a.title === title);
        if (same) {
          same.diagnostics?.push(d);
          if (d.code !== 'update-available') same.isPreferred = true;
          continue;
        }
        const args = { uri, version: doc.version, modules: [{ path: module, version }] };
        actions.push(commandAction(title, CODE_ACTION_KINDS.quickFix,
          { title: `${direction} ${module} to ${version}`, command: SERVER_COMMANDS.upgrade, arguments: [args] }, [d], d.code !== 'update-available'));
      }
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
        const pattern = goPrivatePattern(module);
        if (!env || withGoPrivate(env.GOPRIVATE, pattern) !== undefined) {
          actions.push(commandAction(`Add ${pattern} to GOPRIVATE`, CODE_ACTION_KINDS.quickFix,
            { title: `Add ${pattern} to GOPRIVATE`, command: SERVER_COMMANDS.addGoPrivate, arguments: [{ uri, pattern }] }, [d]));
        }
      }
      if (wanted(CODE_ACTION_KINDS.quickFix)) actions.push(...directiveFixes(doc, p, d, editSupport(this.s.capabilities)), ...moduleFixes({ s: this.s, doc, p, settings, graphOk }, d, module));
      if (d.code === 'not-tidy' && graphOk && wanted(CODE_ACTION_KINDS.quickFix)) {
        actions.push(commandAction('Run go mod tidy', CODE_ACTION_KINDS.quickFix, { title: 'Run go mod tidy', command: SERVER_COMMANDS.tidy, arguments: [{ uri }] }, [d]));
      }
    }
    for (const r of removals.values()) {
      const title = r.verb === 'replace' ? 'Remove replace' : 'Remove exclude';
      actions.push(editAction(title, CODE_ACTION_KINDS.quickFix, documentWorkspaceEdit(doc, [r.edit], editSupport(this.s.capabilities)), r.diagnostics));
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
