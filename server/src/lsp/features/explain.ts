// The configuration report behind "Explain Go Module Configuration": the Go
// settings that apply to a go.mod, where each comes from, and whether each
// proxy answers (no module path is sent to probe it).
import type { ExplainConfigurationParams, ExplainConfigurationResult } from '../../../../shared/protocol';
import { explainConfiguration } from '../../core/present/explain';
import { DEFAULT_SETTINGS } from '../session/settings';
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
    });
    return { markdown };
  }
}
