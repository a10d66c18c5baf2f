// Code lenses: "Upgrade all direct requirements" above each require block (or
// run of require lines) that has one to upgrade.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { SERVER_COMMANDS } from '../../../../../shared/protocol';
import { requireGroups } from '../../../core/facts/upgrades';
import { codeLens } from '../../convert';
import type { Session } from '../../session/session';
import { canRunGoOnModule, knownUpgrades, UPGRADE_ALL_TITLE } from './fixSupport';
import { plural } from '../../../core/text/plural';

export class CodeLensesFeature {
  constructor(private readonly s: Session) {}

  codeLenses(params: CodeLensParams): CodeLens[] {
    const doc = this.s.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const p = this.s.documents.parse(doc);
    const settings = this.s.settings.known(doc.uri);
    if (!canRunGoOnModule(this.s, doc, p, settings)) return [];
    const upgrades = knownUpgrades(this.s, p, settings);
    if (upgrades.length === 0) return [];
    const lines = new Set(upgrades.map((u) => u.line.start.offset));
    const title = `${UPGRADE_ALL_TITLE}: ${plural(upgrades.length, 'update')}`;
    return requireGroups(p)
      .filter((g) => g.lines.some((l) => lines.has(l.start.offset)))
      .map((g) => codeLens(doc, g.start, { title, command: SERVER_COMMANDS.upgradeAll, arguments: [{ uri: doc.uri }] }));
  }
}
