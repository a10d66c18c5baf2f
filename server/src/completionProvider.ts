// Completion of versions and module paths in go.mod, answered from what is
// known; unknown version lists are fetched in the background and the list is
// marked incomplete, so the editor asks again as the user keeps typing.
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionSlot, versionChoices } from './core/completion';
import type { ParsedFile } from './core/gomod/parse';
import type { Retraction } from './core/version/facts';
import { toRange } from './convert';

export interface CompletionFacts {
  /** Tagged versions of a module, if known. */
  versions(path: string): string[] | undefined;
  retractions(path: string): Retraction[];
  latest(path: string): string | undefined;
  /** Module paths the workspace already knows (requirements of open files and looked-up modules). */
  modulePaths(): string[];
  /** Starts fetching a module's version list in the background. */
  fetch(path: string): void;
}

export function completions(doc: TextDocument, p: ParsedFile, offset: number, facts: CompletionFacts): CompletionList | null {
  const slot = completionSlot(p, doc.getText(), offset);
  if (!slot) return null;
  const range = toRange(doc, slot.start, slot.end);
  if (slot.kind === 'module') {
    const items: CompletionItem[] = facts.modulePaths()
      .filter((m) => m.startsWith(slot.prefix))
      .sort()
      .map((m) => ({ label: m, kind: CompletionItemKind.Module, textEdit: { range, newText: m } }));
    return { isIncomplete: false, items };
  }
  const tagged = facts.versions(slot.path);
  if (!tagged) {
    facts.fetch(slot.path);
    return { isIncomplete: true, items: [] };
  }
  const choices = versionChoices(tagged, facts.retractions(slot.path), facts.latest(slot.path), slot.prefix);
  const items: CompletionItem[] = choices.map((c, i) => ({
    label: c.version,
    kind: CompletionItemKind.Value,
    detail: c.retracted ? `retracted: ${c.retracted}` : c.latest ? 'latest' : c.prerelease ? 'pre-release' : undefined,
    tags: c.retracted ? [1 /* Deprecated: shown struck through */] : undefined,
    sortText: String(i).padStart(5, '0'),
    filterText: c.version,
    preselect: c.latest,
    textEdit: { range, newText: c.version },
  }));
  return { isIncomplete: false, items };
}
