// go.sum after a text-only version change. That change is offered when the go
// command cannot load the module graph (another line blocks it), so it leaves
// go.sum without the new version's checksums. Its title promises that go.sum
// is completed once the graph loads: after each check of that go.mod, while
// the new version is still required and still lacks its checksums, go mod
// download is tried once per text of go.mod, quietly, and its go.sum lands as
// an edit of the go.sum buffer. Nothing else: a download that would change
// go.mod is not applied, and a failure waits for the next text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandOutcome } from '../../../../../shared/protocol';
import { dirOf } from '../../session/documents';
import type { Session } from '../../session/session';
import type { ModuleArg } from './fixArgs';
import { canRunGoOnModule, goSumState } from './fixSupport';

/** Texts tried per go.mod before giving up (the user can still use "Download the checksums"). */
const MAX_ATTEMPTS = 10;
/** A text is tried once it has stood this long: not one go run per keystroke. */
const SETTLE_MS = 750;

interface Pending {
  /** Module path → the version the text-only change set. */
  modules: Map<string, string>;
  triedText?: string;
  attempts: number;
  running: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** Runs go mod download on go.mod's buffer for these paths; only go.sum may change, and failures stay quiet. */
export type QuietDownload = (uri: string, paths: string[]) => Promise<CommandOutcome>;

export class PendingGoSums {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly s: Session, private readonly download: QuietDownload) {}

  /** A text-only version change was applied (or is about to be): its checksums are owed. */
  expect(uri: string, modules: ModuleArg[]): void {
    const p = this.pending.get(uri) ?? { modules: new Map(), attempts: 0, running: false };
    for (const m of modules) p.modules.set(m.path, m.version);
    p.attempts = 0;
    this.pending.set(uri, p);
  }

  forget(uri: string): void {
    clearTimeout(this.pending.get(uri)?.timer);
    this.pending.delete(uri);
  }

  /** After go.mod was checked: once its text has settled, try for that text if checksums are still owed. */
  checked(doc: TextDocument): void {
    const p = this.pending.get(doc.uri);
    if (!p) return;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      const now = this.s.documents.get(doc.uri);
      if (now && this.pending.get(doc.uri) === p) this.attempt(now, p);
    }, SETTLE_MS);
  }

  private attempt(doc: TextDocument, p: Pending): void {
    if (p.running) return;
    const parsed = this.s.documents.parse(doc);
    const dir = dirOf(doc.uri);
    if (!dir) return this.forget(doc.uri);
    const lacking = new Set(goSumState(this.s, dir, parsed).missing);
    // Owed only while the line still says the version that was set and go.sum still lacks it.
    for (const [modPath, version] of p.modules) {
      const req = parsed.directives.require.find((r) => r.mod.path === modPath);
      if (!req || req.mod.version !== version || !lacking.has(modPath)) p.modules.delete(modPath);
    }
    if (p.modules.size === 0) return this.forget(doc.uri);
    const text = doc.getText();
    if (text === p.triedText || p.attempts >= MAX_ATTEMPTS) return;
    const settings = this.s.settings.known(doc.uri);
    if (!canRunGoOnModule(this.s, doc, parsed, settings)) return;
    p.triedText = text;
    p.attempts++;
    p.running = true;
    const paths = [...p.modules.keys()];
    this.download(doc.uri, paths)
      .then((r) => this.s.client.log(`go.sum for ${paths.join(', ')} after a text-only change: ${r.applied ? 'completed' : r.message ?? 'not yet'}`))
      .catch((e: unknown) => this.s.client.log(`go.sum for ${paths.join(', ')}: ${String(e)}`))
      .finally(() => {
        p.running = false;
        // The text may have changed while the go command ran: look again.
        const now = this.s.documents.get(doc.uri);
        if (now && now.getText() !== p.triedText && this.pending.get(doc.uri) === p) this.checked(now);
      });
  }
}
