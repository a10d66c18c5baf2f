// The "Upgrade to vX.Y.Z" quick fix of the findings that suggest a version
// (an update, a retracted or missing version, known vulnerabilities): go get
// path@version on a copy of go.mod (commands.ts). Findings on one line that
// suggest the same version share one fix, so the menu never offers the same
// edit twice; when one of them is a vulnerability, the fix says how many it
// fixes and is the preferred one.
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { lookupTargets } from '../../../core/facts/requirementFacts';
import type { ParsedFile } from '../../../core/gomod/parse';
import { compare } from '../../../core/semver/goSemver';
import { plural } from '../../../core/text/plural';
import { commandAction } from '../../convert';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';

export interface UpgradeFixContext {
  s: Session;
  doc: TextDocument;
  p: ParsedFile;
  settings: Settings;
}

/** "(fixes 2 vulnerabilities)", when the known record says the version fixes them all. */
function fixesWords(c: UpgradeFixContext, module: string, version: string): string {
  const target = lookupTargets(c.p).find((t) => t.req.mod.path === module);
  const r = target && c.s.facts.get(c.s.profile(c.settings), target.key)?.vulns;
  if (r?.kind !== 'checked' || r.upgradeTo !== version || r.vulns.length === 0) return '(fixes known vulnerabilities)';
  return `(fixes ${plural(r.vulns.length, 'vulnerability', 'vulnerabilities')})`;
}

function upgradeActionOf(a: CodeAction, module: string, version: string): boolean {
  if (a.command?.command !== SERVER_COMMANDS.upgrade) return false;
  const modules = (a.command.arguments?.[0] as { modules?: { path: string; version: string }[] } | undefined)?.modules;
  return modules?.length === 1 && modules[0].path === module && modules[0].version === version;
}

/** Adds the upgrade fix for one diagnostic, or gives the diagnostic to the same fix already there. */
export function addUpgradeFix(actions: CodeAction[], c: UpgradeFixContext, d: Diagnostic, module: string, version: string): void {
  // A version above every release (version-not-found) is fixed by going down to the latest: say so.
  const current = c.p.directives.require.find((r) => r.mod.path === module)?.mod.version;
  const direction = current && compare(version, current) < 0 ? 'Downgrade' : 'Upgrade';
  const vulnerable = d.code === 'vulnerability';
  const title = `${direction} to ${version}${vulnerable ? ` ${fixesWords(c, module, version)}` : ''}`;
  // An update is a hint: the fix of a problem on the line is the one to prefer.
  const preferred = d.code !== 'update-available';
  const same = actions.find((a) => upgradeActionOf(a, module, version));
  if (same) {
    same.diagnostics = [...(same.diagnostics ?? []), d];
    if (vulnerable) same.title = title;
    if (preferred) same.isPreferred = true;
    return;
  }
  const args = { uri: c.doc.uri, version: c.doc.version, modules: [{ path: module, version }] };
  actions.push(commandAction(title, CODE_ACTION_KINDS.quickFix,
    { title: `${direction} ${module} to ${version}`, command: SERVER_COMMANDS.upgrade, arguments: [args] }, [d], preferred));
}
