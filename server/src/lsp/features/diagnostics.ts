// Diagnostics: the findings of the one analysis pipeline, published at once
// from what is known (the text, go.sum, go.work, stored facts, the last tidy
// answer), then again when the background check has gathered the facts the
// document lacks. Requests never wait on the network.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildInput } from '../../core/analysis/input';
import { lookUpAll } from '../../core/analysis/lookupDriver';
import { knownFindings } from '../../core/analysis/pipeline';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { goCommandErrors } from '../../core/gomod/parse';
import type { Finding } from '../../core/rules/finding';
import { findingDiagnostic, severitySetting } from '../convert';
import { dirOf, displayName } from '../session/documents';
import { storeKey } from '../session/facts';
import type { Session } from '../session/session';
import type { Settings } from '../session/settings';

/** More lookups than this show a progress notification. */
const PROGRESS_ABOVE = 5;

export class DiagnosticsFeature {
  constructor(private readonly s: Session) {
    s.scheduler.runChecksWith((uri) => this.check(uri));
  }

  /** Every finding known now for a document. */
  findings(doc: TextDocument, settings: Settings): Finding[] {
    const { documents, files, facts } = this.s;
    const p = documents.parse(doc);
    // go.sum and go.work as the editor has them (a fix fills go.sum in its buffer, before any save);
    // GOWORK (off, or a file) comes from the environment, with the user's overrides on top.
    const input = buildInput({ text: doc.getText(), filename: displayName(doc.uri), kind: p.kind, dir: dirOf(doc.uri) }, documents.inputFiles(files), { ...this.s.env, ...settings.env });
    const profile = this.s.profile(settings);
    return knownFindings(p, input, (f) => files.exists(f), (k) => facts.get(profile, k), this.s.tidy.get(doc.uri)).findings;
  }

  private publish(doc: TextDocument, settings: Settings): Finding[] {
    const findings = this.findings(doc, settings);
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const sev = settings.diagnostics[f.code] ?? severitySetting(f);
      if (sev !== 'off') diagnostics.push(findingDiagnostic(doc, f, sev));
    }
    this.s.client.publishDiagnostics(doc.uri, diagnostics);
    return findings;
  }

  /** A document opened or changed: local findings now, facts after a pause in typing. */
  documentChanged(doc: TextDocument): void {
    const known = this.s.settings.peek(doc.uri);
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
    const findings = this.publish(doc, settings);
    const p = documents.parse(doc);
    if (!settings.checkForUpdates || p.kind !== 'mod') return;
    const context = await this.s.context(uri, settings);
    if ('error' in context) {
      client.status({ uri, state: 'error', updates: 0, problems: 0, proxy: '', message: context.error });
      client.log(context.error);
      return;
    }
    const profile = this.s.profile(settings);
    // The context's cache time ages the lists and the facts built on them alike.
    const maxAgeMs = context.cacheTimeMs;
    const store = facts.view(profile, maxAgeMs);
    const targets = lookupTargets(p);
    const stale = targets.filter((t) => store.needsGathering(t.key));
    if (stale.length > 0) {
      client.status({ uri, state: 'checking', updates: 0, problems: 0, proxy: context.describeProxies });
      const progress = stale.length > PROGRESS_ABOVE ? await client.progress(`Checking ${stale.length} modules`) : undefined;
      await lookUpAll(stale, (t) => context.gather(t, { majors: settings.majorVersions, revalidate: true }), store, {
        concurrency: settings.concurrency,
        progress: (done, total) => done > 0 && progress?.report(`${done} of ${total}`, (done * 100) / total),
        failed: (t, e) => client.log(`checking ${t.req.mod.path}: ${String(e)}`),
      });
      progress?.done();
    }
    const latest = documents.get(uri);
    const final = latest ? this.publish(latest, settings) : findings;
    client.status({
      uri,
      state: 'done',
      updates: final.filter((f) => f.code === 'update-available').length,
      problems: final.filter((f) => f.severity === 'error' || f.severity === 'warning').length,
      proxy: context.describeProxies,
    });
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
      for (const t of lookupTargets(this.s.documents.parse(d))) inUse.add(storeKey(profile, t.key));
    }
    this.s.facts.prune(inUse, maxAgeMs);
  }

  closed(uri: string): void {
    this.s.client.publishDiagnostics(uri, []);
  }
}
