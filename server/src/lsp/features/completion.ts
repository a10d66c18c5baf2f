// Completion of versions and module paths in go.mod, answered from what is
// known; unknown version lists are fetched in the background and the list is
// marked incomplete, so the editor asks again as the user keeps typing.
import { CompletionItemKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { GoContext } from '../../core/analysis/goContext';
import { lookupTargets } from '../../core/facts/requirementFacts';
import type { Session } from '../session/session';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionSlot, versionChoices } from '../../core/present/completion';
import type { ParsedFile } from '../../core/gomod/parse';
import type { Retraction } from '../../core/facts/moduleFacts';
import { toRange } from '../convert';

interface CompletionFacts {
  /** Tagged versions of a module, if known. */
  versions(path: string): string[] | undefined;
  retractions(path: string): Retraction[];
  latest(path: string): string | undefined;
  /** Module paths the workspace already knows (requirements of open files and looked-up modules). */
  modulePaths(): string[];
  /** Starts fetching a module's version list in the background. */
  fetch(path: string): void;
}

function completions(doc: TextDocument, p: ParsedFile, offset: number, facts: CompletionFacts): CompletionList | null {
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

export class CompletionFeature {
  /**
   * Version lists of modules that are not requirements (typed in a new line),
   * fetched on demand; kept per Go context, so a refresh or new settings start over.
   */
  private readonly versionLists = new WeakMap<GoContext, Map<string, string[]>>();

  constructor(private readonly s: Session) {}

  completion(params: CompletionParams): CompletionList | null {
    const { documents, facts } = this.s;
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const p = documents.parse(doc);
    const settings = this.s.settings.known(doc.uri);
    const profile = this.s.profile(settings);
    const context = this.s.runningContext(doc, settings);
    const lists = context ? this.listsOf(context) : new Map<string, string[]>();
    const record = (path: string) => {
      const t = lookupTargets(p).find((x) => x.req.mod.path === path);
      return (t && facts.get(profile, t.key)) ?? facts.anyFor(profile, path);
    };
    return completions(doc, p, doc.offsetAt(params.position), {
      versions: (path) => record(path)?.tagged ?? lists.get(path),
      retractions: (path) => record(path)?.facts.retractions ?? [],
      latest: (path) => record(path)?.facts.latest?.Version,
      modulePaths: () => {
        const paths = new Set(lists.keys());
        for (const d of documents.all()) for (const r of documents.parse(d).directives.require) paths.add(r.mod.path);
        return [...paths];
      },
      fetch: (path) => {
        if (!context || !settings.checkForUpdates) return;
        context.client.versions(path).then(
          (r) => {
            if (r.kind === 'found') lists.set(path, r.value.versions);
          },
          (e: unknown) => this.s.client.log(`versions of ${path}: ${String(e)}`),
        );
      },
    });
  }

  private listsOf(context: GoContext): Map<string, string[]> {
    let lists = this.versionLists.get(context);
    if (!lists) this.versionLists.set(context, (lists = new Map()));
    return lists;
  }
}
