// Quick fixes that are plain text edits to one directive, where the action is
// obvious: remove a go.work `use` of a directory that is missing or has no
// go.mod (go.dev/ref/mod#go-work-file-use), and correct a `toolchain` line the
// go command rejects or that names a language version (core/gomod/toolchainFix.ts). Being text edits, they need
// no go command and work in restricted mode too.
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS } from '../../../../../shared/protocol';
import type { ParsedFile } from '../../../core/gomod/parse';
import { removeDirective } from '../../../core/gomod/removeDirective';
import { toolchainFix } from '../../../core/gomod/toolchainFix';
import { documentWorkspaceEdit, editAction, type EditSupport } from '../../convert';

/** The directive fixes for one of our diagnostics. */
export function directiveFixes(doc: TextDocument, p: ParsedFile, d: Diagnostic, support: EditSupport): CodeAction[] {
  const offset = doc.offsetAt(d.range.start);
  if (d.code === 'use-target-missing' && p.kind === 'work') {
    const r = removeDirective(doc.getText(), p, 'use', offset);
    const use = r && p.directives.use.find((u) => u.line === r.line);
    if (r && use) return [editAction(`Remove use ${use.path}`, CODE_ACTION_KINDS.quickFix, documentWorkspaceEdit(doc, [r.edit], support, `Remove use ${use.path}`), [d], true)];
  }
  if (d.code === 'syntax' || d.code === 'toolchain-language-version') {
    const fix = toolchainFix(p, offset);
    if (fix) return [editAction(`Change to toolchain ${fix.name}`, CODE_ACTION_KINDS.quickFix, documentWorkspaceEdit(doc, [fix.edit], support, `Change to toolchain ${fix.name}`), [d], true)];
  }
  return [];
}
