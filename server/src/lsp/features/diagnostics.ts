// Diagnostics: the findings of the one analysis pipeline, published at once
// from what is known (the text, go.sum, go.work, stored facts, the last tidy
// answer), then again when the background check has gathered the facts the
// document lacks. Requests never wait on the network.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceModuleStatus } from '../../../../shared/protocol';
import { buildInput } from '../../core/analysis/input';
import { lookUpAll } from '../../core/analysis/lookupDriver';
import { forEachLimited } from '../../core/analysis/pool';
import { knownFindings } from '../../core/analysis/pipeline';
import { type LookupTarget, lookupTargets, toolchainTarget } from '../../core/facts/requirementFacts';
import { goCommandErrors, parseFile, type ParsedFile } from '../../core/gomod/parse';
import type { Finding } from '../../core/rules/finding';
import { findingDiagnostic, severitySetting } from '../convert';
import { dirOf, displayName } from '../session/documents';
import { storeKey } from '../session/facts';
import type { Session } from '../session/session';
import type { Settings } from '../session/settings';
import { countFindings, StatusReports } from './status';

/** A go.mod's requirements, and the toolchain that builds it when its vulnerabilities are checked. */
function withToolchain(p: ParsedFile, vulnsChecked: boolean): LookupTarget[] {
  const t = vulnsChecked ? toolchainTarget(p) : undefined;
  return t ? [...lookupTargets(p), t] : lookupTargets(p);
}

/** More lookups than this show a progress notification. */
const PROGRESS_ABOVE = 5;
/** The least time between two of its reports. */
const PROGRESS_EVERY_MS = 100;

/** A module a go.work uses, with its go.mod as the editor has it (open, else on disk). */
interface UsedModule {
  dir: string;
  uri: string;
  text?: string;
  parsed?: ParsedFile;
}

export class DiagnosticsFeature {
  private readonly status: StatusReports;
  private readonly publishedListeners: ((doc: TextDocument) => void)[] = [];

  constructor(private readonly s: Session) {
    s.scheduler.runChecksWith((uri) => this.check(uri));
    this.status = new StatusReports((r) => s.client.status(r));
  }

  /** Called after each publish of a document's diagnostics. */
  onPublished(listener: (doc: TextDocument) => void): void {
    this.publishedListeners.push(listener);
  }

  /** Every finding known now for a document. */
  findings(doc: TextDocument, settings: Settings): Finding[] {
    return this.findingsOf(doc.uri, doc.getText(), this.s.documents.parse(doc), settings);
  }

  private findingsOf(uri: string, text: string, p: ParsedFile, settings: Settings): Finding[] {
    const { documents, files, facts } = this.s;
    // go.sum and go.work as the editor has them (a fix fills go.sum in its buffer, before any save);
    // GOWORK (off, or a file) comes from the environment, with the user's overrides on top.
    const input = buildInput({ text, filename: displayName(uri), kind: p.kind, dir: dirOf(uri) }, documents.inputFiles(files), { ...this.s.env, ...settings.env });
    const profile = this.s.profile(settings);
    return knownFindings(p, input, (f) => files.exists(f), (k) => facts.get(profile, k), this.s.tidy.get(uri)).findings;
  }

  /**
   * The modules of a go.work's `use` directives (go.dev/ref/mod#go-work-file-use),
   * each go.mod read as the editor has it: the buffer when open, else the file.
   */
  private usedModules(work: TextDocument): UsedModule[] {
    return this.readModules(this.useTargets(work));
  }

  /** The go.mod each `use` names, not yet read. */
  private useTargets(work: TextDocument): { dir: string; uri: string; file: string }[] {
    const workDir = dirOf(work.uri);
    if (!workDir) return [];
    return this.s.documents.parse(work).directives.use.map((u) => {
      const file = path.join(path.resolve(workDir, u.path), 'go.mod');
      return { dir: u.path, uri: pathToFileURL(file).toString(), file };
    });
  }

  private readModules(targets: { dir: string; uri: string; file: string }[]): UsedModule[] {
    const { documents, files } = this.s;
    return targets.map(({ dir, uri, file }) => {
      // An open go.mod has its parse already; another is read from disk (size-capped) each time, as it may change there.
      const open = documents.get(uri);
      if (open) return { dir, uri, text: open.getText(), parsed: documents.parse(open) };
      const text = files.readFile(file);
      return { dir, uri, text, parsed: text === undefined ? undefined : parseFile(text, { filename: 'go.mod', kind: 'mod' }) };
    });
  }

  private moduleStatuses(modules: UsedModule[], settings: Settings): WorkspaceModuleStatus[] {
    return modules.map((m) => {
      if (!m.parsed || m.text === undefined) return { dir: m.dir, errors: 0, warnings: 0, infos: 0, updates: 0 };
      return { dir: m.dir, module: m.parsed.directives.module?.path, ...countFindings(this.findingsOf(m.uri, m.text, m.parsed, settings), settings) };
    });
  }

  private publish(doc: TextDocument, settings: Settings): Finding[] {
    const findings = this.findings(doc, settings);
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const sev = settings.diagnostics[f.code] ?? severitySetting(f);
      if (sev !== 'off') diagnostics.push(findingDiagnostic(doc, f, sev));
    }
    this.s.client.publishDiagnostics(doc.uri, diagnostics);
    const work = this.s.documents.parse(doc).kind === 'work';
    this.status.publishedFor(doc.uri, countFindings(findings, settings), work ? this.moduleStatuses(this.usedModules(doc), settings) : undefined);
    if (!work) this.workspacesUsing(doc.uri);
    for (const l of this.publishedListeners) l(doc);
    return findings;
  }

  /** A go.mod's findings changed: the go.work files open beside it that use it report again. */
  private workspacesUsing(modUri: string): void {
    for (const w of this.s.documents.all()) {
      if (w.uri === modUri || this.s.documents.parse(w).kind !== 'work') continue;
      const targets = this.useTargets(w);
      if (!targets.some((t) => t.uri === modUri)) continue;
      const own = this.s.settings.known(w.uri);
      this.status.publishedFor(w.uri, countFindings(this.findings(w, own), own), this.moduleStatuses(this.readModules(targets), own));
    }
  }

  /** A document opened or changed: local findings now, facts after a pause in typing. */
  documentChanged(doc: TextDocument): void {
    const known = this.s.settings.peek(doc.uri);
    // A check follows every change: until it ends, the reports say "checking".
    this.status.pending(doc.uri);
    if (known) {
      this.publish(doc, known);
      this.s.scheduler.schedule(doc.uri, known.debounceMs);
      return;
    }
    // First sight of this document: ask the client for its settings (a local
    // round trip) so the first diagnostics already have the right severities.
    this.s.settings.for(doc.uri).then(
      (settings) => {
        const latest = this.s.documents.get(doc.uri);
        if (latest) this.publish(latest, settings);
        this.s.scheduler.schedule(doc.uri, settings.debounceMs);
      },
      (e: unknown) => this.s.client.log(`settings for ${displayName(doc.uri)}: ${String(e)}`),
    );
  }

  /** Opened or saved: the file on disk is the buffer, so the go command can say whether it is tidy. */
  askTidy(uri: string): void {
    this.tidyInBackground(uri).catch((e: unknown) => this.s.client.log(`go mod tidy -diff for ${displayName(uri)}: ${String(e)}`));
  }

  private async tidyInBackground(uri: string): Promise<void> {
    const settings = await this.s.settings.for(uri);
    const doc = this.s.documents.get(uri);
    const dir = dirOf(uri);
    // Tidy may download the module graph: only where the go command may run and the network may be used.
    if (!doc || !dir || !this.s.trusted || !settings.checkForUpdates || settings.offline) return;
    const p = this.s.documents.parse(doc);
    if (p.kind !== 'mod' || p.tooLarge || goCommandErrors(p).length > 0) return;
    const context = await this.s.context(uri, settings);
    if ('error' in context || !context.go) return;
    // On open, the module graph tidy downloads would compete with the lookups behind the inlay hints.
    await context.proxyQuiet();
    await this.s.tidy.check(uri, context.go, dir, () => {
      const latest = this.s.documents.get(uri);
      if (latest) this.publish(latest, this.s.settings.known(uri));
    });
  }

  /** Gathers the facts the document lacks, then publishes again and asks for fresh inlay hints and lenses. */
  async check(uri: string): Promise<void> {
    const { client, documents, facts, scheduler } = this.s;
    let doc = documents.get(uri);
    if (!doc) return;
    const settings = await this.s.settings.for(uri);
    doc = documents.get(uri);
    if (!doc) return;
    const generation = this.status.pending(uri);
    const p = documents.parse(doc);
    if (!settings.checkForUpdates || (p.kind !== 'mod' && p.kind !== 'work')) {
      this.status.finished(uri, generation, '');
      this.publish(doc, settings);
      return;
    }
    this.publish(doc, settings);
    const context = await this.s.context(uri, settings);
    if ('error' in context) {
      this.status.failed(uri, generation, context.error);
      client.log(context.error);
      return;
    }
    const profile = this.s.profile(settings);
    // The context's cache time ages the lists and the facts built on them alike.
    const maxAgeMs = context.cacheTimeMs;
    const store = facts.view(profile, maxAgeMs);
    // A go.work is checked through the modules it uses: their requirements are what builds resolve.
    const vulnsChecked = context.vulns !== undefined;
    const targets = p.kind === 'mod' ? withToolchain(p, vulnsChecked) : this.usedModules(doc).flatMap((m) => (m.parsed ? withToolchain(m.parsed, vulnsChecked) : []));
    const stale = targets.filter((t) => store.needsGathering(t.key));
    if (stale.length > 0) {
      this.status.lookingUp(uri, generation, context.describeProxies, stale.length);
      // The lookups do not wait for the editor to create the progress: its reports follow once it has.
      const progress = stale.length > PROGRESS_ABOVE ? client.progress(`Checking ${stale.length} modules`).catch((e: unknown) => void client.log(`progress: ${String(e)}`)) : undefined;
      let reportedAt = -Infinity;
      // A first look, shown at once: the versions each list names, without
      // their .info or the newer majors, which complete() adds afterwards.
      await lookUpAll(stale, (t) => context.gather(t, { majors: false, confirm: false, revalidate: true }), store, {
        concurrency: settings.concurrency,
        progress: (done, total) => {
          // A few reports a second: one per lookup would be hundreds of messages.
          const now = Date.now();
          if (done === 0 || (done < total && now - reportedAt < PROGRESS_EVERY_MS)) return;
          reportedAt = now;
          void progress?.then((p) => p?.report(`${done} of ${total}`, (done * 100) / total));
        },
        failed: (t, e) => client.log(`checking ${t.req.mod.path}: ${String(e)}`),
      });
      void progress?.then((p) => p?.done());
    }
    const incomplete = targets.flatMap((t) => {
      const record = t.toolchain ? undefined : facts.get(profile, t.key);
      return record && (record.confirmed === false || (settings.majorVersions && record.majorsChecked === false)) ? [{ t, record }] : [];
    });
    if (incomplete.length > 0) {
      const shown = documents.get(uri);
      if (shown) this.publish(shown, settings);
      client.refreshInlayHints();
      await forEachLimited(incomplete, settings.concurrency, ({ t, record }) =>
        context.complete(t, record, { majors: settings.majorVersions }).catch((e: unknown) => client.log(`completing ${t.req.mod.path}: ${String(e)}`)));
    }
    const latest = documents.get(uri);
    this.status.finished(uri, generation, context.describeProxies);
    if (latest) this.publish(latest, settings);
    else this.status.finishedWithoutPublish(uri);
    client.refreshInlayHints();
    client.refreshCodeLenses();
    scheduler.recheckLater(uri, facts.msUntilFirstStale(profile, targets.map((t) => t.key), maxAgeMs));
    this.pruneFacts(maxAgeMs);
  }

  /** Stale records that no open document needs are dropped. */
  private pruneFacts(maxAgeMs: number): void {
    const inUse = new Set<string>();
    for (const d of this.s.documents.all()) {
      const profile = this.s.profile(this.s.settings.known(d.uri));
      // Kept whether or not its context checks vulnerabilities: an unused key costs nothing.
      for (const t of withToolchain(this.s.documents.parse(d), true)) inUse.add(storeKey(profile, t.key));
    }
    this.s.facts.prune(inUse, maxAgeMs);
  }

  closed(uri: string): void {
    this.status.forget(uri);
    this.s.client.publishDiagnostics(uri, []);
  }
}
