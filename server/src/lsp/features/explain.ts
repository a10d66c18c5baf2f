// The configuration report behind "Explain Go Module Configuration": the Go
// settings that apply to a go.mod, where each comes from, and whether each
// proxy and the vulnerability database answer (no module path is sent to probe them).
import type { ExplainConfigurationParams, ExplainConfigurationResult } from '../../../../shared/protocol';
import { explainConfiguration } from '../../core/present/explain';
import { lookupTargets } from '../../core/facts/requirementFacts';
import { DEFAULT_SETTINGS } from '../session/settings';
import type { GoContext } from '../../core/analysis/goContext';
import type { VulnDbExplainInput } from '../../core/present/explainVulnDb';
import type { Settings } from '../session/settings';
import type { Session } from '../session/session';
import type { DiagnosticsFeature } from './diagnostics';

export class ExplainFeature {
  constructor(private readonly s: Session, private readonly diagnostics: Pick<DiagnosticsFeature, 'findings'>) {}

  async explain(params: ExplainConfigurationParams): Promise<ExplainConfigurationResult> {
    const uri = params.uri ?? this.s.documents.all()[0]?.uri;
    const settings = uri ? await this.s.settings.for(uri) : DEFAULT_SETTINGS;
    const context = await (uri ? this.s.context(uri, settings) : this.s.contexts.get(undefined, settings));
    if ('error' in context) return { markdown: `# Go module configuration\n\nThe configuration cannot be used: ${context.error}\n` };
    const doc = uri ? this.s.documents.get(uri) : undefined;
    const p = doc ? this.s.documents.parse(doc) : undefined;
    const findings = doc ? this.diagnostics.findings(doc, settings) : [];
    const markdown = await explainConfiguration({
      goEnv: context.goEnv,
      requirements: p?.directives.require.map((r) => r.mod.path) ?? [],
      notFound: findings.filter((f) => f.code === 'module-not-found' && f.module).map((f) => f.module!),
      goBinary: context.goBinary,
      trusted: this.s.trusted,
      offline: settings.offline,
      probe: (url) => context.probe(url),
      exists: (f) => this.s.files.exists(f),
      vulnDatabase: await this.vulnDatabase(context, settings),
      versionControl: context.versionControl,
      directStatus: (path) => {
        const t = p && lookupTargets(p).find((x) => x.req.mod.path === path);
        const record = t && this.s.facts.get(this.s.profile(settings), t.key);
        if (!record) return { state: 'pending' };
        const f = record.facts.failure;
        if (f && f.kind !== 'no-match') return { state: 'failed', message: f.message };
        return { state: 'resolved', latest: record.facts.latest?.Version };
      },
    });
    return { markdown };
  }

  /** The database in use and what it last said; asked once first, so that the report says whether it answers now. */
  private async vulnDatabase(context: GoContext, settings: Settings): Promise<VulnDbExplainInput> {
    const db = context.vulns?.db;
    // From memory while fresh, else db.json once: the index itself is fetched only when db.json changed.
    if (db) await db.index().catch((e: unknown) => this.s.client.log(`vulnerability database: ${String(e)}`));
    return {
      location: context.vulnLocation,
      status: db?.status(),
      govulndbFrom: settings.env.GOVULNDB !== undefined ? 'goModHygiene.env or go.toolsEnvVars' : 'the environment',
      settingName: 'goModHygiene.vulnerabilityDatabase',
      offline: settings.offline,
      now: Date.now(),
    };
  }
}
