// The `goModHygiene/status` notification: where the check of each go.mod or
// go.work stands, with the counts of what was just published. It follows every
// publishDiagnostics (a fix, a go.sum written, a tidy answer), not only the end
// of a check: a status bar that counted only finished checks fell behind the
// Problems view after a fix.
import type { StatusReport, WorkspaceModuleStatus } from '../../../../shared/protocol';
import type { Finding } from '../../core/rules/finding';
import { severitySetting } from '../convert';
import type { Settings } from '../session/settings';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  updates: number;
  /** Requirements with known vulnerabilities (one `vulnerability` finding each). */
  vulnerable: number;
}

const NO_COUNTS: Counts = { errors: 0, warnings: 0, infos: 0, updates: 0, vulnerable: 0 };

/** The findings as the editor shows them: the severity settings applied, "off" left out. */
export function countFindings(findings: Finding[], settings: Settings): Counts {
  const counts: Counts = { ...NO_COUNTS };
  for (const f of findings) {
    if (f.code === 'update-available') counts.updates++;
    const sev = settings.diagnostics[f.code] ?? severitySetting(f);
    // A finding turned off is not shown anywhere, so it is not counted either.
    if (f.code === 'vulnerability' && sev !== 'off') counts.vulnerable++;
    if (sev === 'error') counts.errors++;
    else if (sev === 'warning') counts.warnings++;
    else if (sev === 'information') counts.infos++;
  }
  return counts;
}

interface CheckState {
  /** Which check: a change while one runs starts another, and only the latest may say "done". */
  generation: number;
  state: StatusReport['state'];
  proxy: string;
  message?: string;
  lookups?: number;
}

type Send = (report: StatusReport) => void;

/** One owner for the check state of each document; every report it sends carries the latest counts. */
export class StatusReports {
  private readonly checks = new Map<string, CheckState>();
  private readonly published = new Map<string, { counts: Counts; modules?: WorkspaceModuleStatus[] }>();
  private generation = 0;

  constructor(private readonly send: Send) {}

  /** A check is about to run (scheduled, or started): reports say "checking" until it ends. Returns the check's generation. */
  pending(uri: string): number {
    const generation = ++this.generation;
    this.checks.set(uri, { generation, state: 'checking', proxy: this.checks.get(uri)?.proxy ?? '' });
    return generation;
  }

  /** The check asks the network about `lookups` modules. */
  lookingUp(uri: string, generation: number, proxy: string, lookups: number): void {
    if (!this.isLatest(uri, generation)) return;
    this.checks.set(uri, { generation, state: 'checking', proxy, lookups });
    this.report(uri);
  }

  failed(uri: string, generation: number, message: string): void {
    if (!this.isLatest(uri, generation)) return;
    this.checks.set(uri, { generation, state: 'error', proxy: '', message });
    this.report(uri);
  }

  /** The check ended; the report goes out with the publish that follows (finishedWithoutPublish when there is none). */
  finished(uri: string, generation: number, proxy: string): void {
    if (this.isLatest(uri, generation)) this.checks.set(uri, { generation, state: 'done', proxy });
  }

  private isLatest(uri: string, generation: number): boolean {
    return this.checks.get(uri)?.generation === generation;
  }

  finishedWithoutPublish(uri: string): void {
    this.report(uri);
  }

  /** Diagnostics were just published for the document: the report follows them. */
  publishedFor(uri: string, counts: Counts, modules?: WorkspaceModuleStatus[]): void {
    this.published.set(uri, { counts, modules });
    this.report(uri);
  }

  forget(uri: string): void {
    this.checks.delete(uri);
    this.published.delete(uri);
  }

  private report(uri: string): void {
    const check: Omit<CheckState, 'generation'> = this.checks.get(uri) ?? { state: 'done', proxy: '' };
    const { counts, modules } = this.published.get(uri) ?? { counts: NO_COUNTS };
    const report: StatusReport = {
      uri,
      state: check.state,
      updates: counts.updates,
      problems: counts.errors + counts.warnings + counts.infos,
      proxy: check.proxy,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
      vulnerable: counts.vulnerable,
    };
    if (check.message !== undefined) report.message = check.message;
    if (check.state === 'checking') report.lookups = check.lookups ?? 0;
    if (modules) report.modules = modules;
    this.send(report);
  }
}
