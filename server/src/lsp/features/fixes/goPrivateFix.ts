// "Add <pattern> to GOPRIVATE" for a module that no proxy knows, offered only
// when the command would be accepted and would change something: a pattern
// that covers no requirement the proxy answered for (core/goenv/goPrivate.ts),
// a go env file to write to, and no GOPRIVATE in the environment or settings
// that would win over it (FixCommands.addGoPrivate refuses those).
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, SERVER_COMMANDS } from '../../../../../shared/protocol';
import { goPrivatePatternFor, goPrivateWriteRefusal, isValidGoPrivatePattern, withGoPrivate } from '../../../core/goenv/goPrivate';
import type { ParsedFile } from '../../../core/gomod/parse';
import { commandAction } from '../../convert';
import type { Session } from '../../session/session';
import type { Settings } from '../../session/settings';

export function goPrivateFix(c: { s: Session; doc: TextDocument; p: ParsedFile; settings: Settings }, d: Diagnostic, module: string): CodeAction[] {
  const profile = c.s.profile(c.settings);
  const answered = c.p.directives.require.map((r) => r.mod.path).filter((path) => {
    const r = path !== module ? c.s.facts.anyFor(profile, path) : undefined;
    return r !== undefined && (r.facts.latest !== undefined || (r.tagged?.length ?? 0) > 0);
  });
  const pattern = goPrivatePatternFor(module, answered);
  if (!pattern || !isValidGoPrivatePattern(pattern)) return [];
  const env = c.s.runningContext(c.doc, c.settings)?.goEnv;
  if (env && (goPrivateWriteRefusal(env.values, env.source, pattern) !== undefined || withGoPrivate(env.values.GOPRIVATE, pattern) === undefined)) return [];
  const title = `Add ${pattern} to GOPRIVATE`;
  return [commandAction(title, CODE_ACTION_KINDS.quickFix, { title, command: SERVER_COMMANDS.addGoPrivate, arguments: [{ uri: c.doc.uri, pattern }] }, [d])];
}
