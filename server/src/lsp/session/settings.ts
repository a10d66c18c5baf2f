// Settings, per resource, sanitised into typed values on the way in. The
// official Go extension's go.toolsEnvVars and go.alternateTools are honoured
// so both extensions see the same Go configuration.
import { FINDING_CODES, type FindingCode } from '../../core/rules/finding';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  /** Look module facts up through the proxy (updates, retractions, ...). */
  checkForUpdates: boolean;
  majorVersions: boolean;
  /** Check known vulnerabilities (goModHygiene.vulnerabilities). */
  vulnerabilities: boolean;
  /** A database URL or "off" over GOVULNDB; empty: GOVULNDB, else the default. */
  vulnerabilityDatabase: string;
  offline: boolean;
  concurrency: number;
  /** Go binary: goModHygiene.goBinary, else go.alternateTools.go. */
  goBinary?: string;
  /** Environment for Go: go.toolsEnvVars, then goModHygiene.env on top. */
  env: Record<string, string>;
  inlayHints: { updates: boolean; majors: boolean; retracted: boolean; deprecated: boolean; vulnerabilities: boolean; upToDate: boolean };
  diagnostics: Partial<Record<FindingCode, SeveritySetting>>;
  debounceMs: number;
  /** How long module facts count as current before they are asked for again. */
  cacheMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  checkForUpdates: true,
  majorVersions: true,
  vulnerabilities: true,
  vulnerabilityDatabase: '',
  offline: false,
  concurrency: 64,
  env: {},
  inlayHints: { updates: true, majors: true, retracted: true, deprecated: true, vulnerabilities: true, upToDate: false },
  diagnostics: {},
  debounceMs: 400,
  cacheMinutes: 10,
};

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);
/** Only Go's own variables may be set, so a workspace cannot inject e.g. NODE_OPTIONS. */
const ENV_NAME = /^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy|NETRC)$/;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
const int = (v: unknown, d: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : d);

function envOf(v: unknown, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) {
    if (!ENV_NAME.test(k)) problems.push(`ignoring environment variable ${k}: only Go's variables and proxy settings are used`);
    else if (typeof val === 'string') out[k] = val;
  }
  return out;
}

export function sanitizeSettings(ours: unknown, goExtension: unknown, problems: string[] = []): Settings {
  const o = obj(ours);
  const go = obj(goExtension);
  const hints = obj(o.inlayHints);
  const diagnostics: Settings['diagnostics'] = {};
  for (const [code, sev] of Object.entries(obj(o.diagnostics))) {
    if (!(FINDING_CODES as readonly string[]).includes(code)) problems.push(`goModHygiene.diagnostics: unknown code ${code}`);
    else if (typeof sev !== 'string' || !SEVERITIES.has(sev as SeveritySetting)) problems.push(`goModHygiene.diagnostics.${code}: use error, warning, information, hint or off`);
    else diagnostics[code as FindingCode] = sev as SeveritySetting;
  }
  const alternate = obj(go.alternateTools).go;
  const goBinary = typeof o.goBinary === 'string' && o.goBinary ? o.goBinary : typeof alternate === 'string' && alternate ? alternate : undefined;
  return {
    checkForUpdates: bool(o.checkForUpdates, DEFAULT_SETTINGS.checkForUpdates),
    majorVersions: bool(o.majorVersions, DEFAULT_SETTINGS.majorVersions),
    vulnerabilities: bool(o.vulnerabilities, DEFAULT_SETTINGS.vulnerabilities),
    vulnerabilityDatabase: typeof o.vulnerabilityDatabase === 'string' ? o.vulnerabilityDatabase.trim() : '',
    offline: bool(o.offline, DEFAULT_SETTINGS.offline),
    concurrency: int(o.concurrency, DEFAULT_SETTINGS.concurrency, 1, 256),
    goBinary,
    env: { ...envOf(go.toolsEnvVars, problems), ...envOf(o.env, problems) },
    inlayHints: {
      updates: bool(hints.updates, true),
      majors: bool(hints.majors, true),
      retracted: bool(hints.retracted, true),
      deprecated: bool(hints.deprecated, true),
      vulnerabilities: bool(hints.vulnerabilities, true),
      upToDate: bool(hints.upToDate, false),
    },
    diagnostics,
    debounceMs: int(o.debounceMs, DEFAULT_SETTINGS.debounceMs, 0, 10_000),
    cacheMinutes: int(o.cacheMinutes, DEFAULT_SETTINGS.cacheMinutes, 0, 1440),
  };
}

/**
 * What the stored facts depend on: the Go environment, offline mode, the go
 * binary (its go env) and trust. How many requests run at once or how long
 * answers count as current change no answer, so they are not part of it.
 */
export function factsProfile(s: Settings, trusted: boolean): string {
  return JSON.stringify({ env: s.env, offline: s.offline, goBinary: trusted ? s.goBinary : undefined, trusted, vulns: vulnChoice(s) });
}

/** The vulnerability database a document's settings choose: a GoContext option. */
export function vulnChoice(s: Settings): { database?: string; disabledBy?: string } {
  if (!s.vulnerabilities) return { disabledBy: 'goModHygiene.vulnerabilities is off' };
  return s.vulnerabilityDatabase ? { database: s.vulnerabilityDatabase } : {};
}

/** What a Go context is built from: the facts profile, plus the transport's concurrency and the lists' cache time. */
export function contextProfile(s: Settings, trusted: boolean): string {
  return JSON.stringify({ env: s.env, offline: s.offline, goBinary: trusted ? s.goBinary : undefined, concurrency: s.concurrency, cacheMinutes: s.cacheMinutes, trusted, vulns: vulnChoice(s) });
}

/**
 * The settings of each resource, read from the client once and kept until the
 * configuration changes (reset). Requests that must not wait use known().
 */
export class SettingsCache {
  private readonly reading = new Map<string, Promise<Settings>>();
  private readonly read = new Map<string, Settings>();

  constructor(private readonly fetch: (uri: string) => Promise<[unknown, unknown]>, private readonly log: (m: string) => void) {}

  for(uri: string): Promise<Settings> {
    let s = this.reading.get(uri);
    if (!s) {
      s = this.fetch(uri).then(
        ([ours, go]) => {
          const problems: string[] = [];
          const v = sanitizeSettings(ours, go, problems);
          for (const p of problems) this.log(p);
          this.read.set(uri, v);
          return v;
        },
        () => DEFAULT_SETTINGS,
      );
      this.reading.set(uri, s);
    }
    return s;
  }

  /** The settings already read for a resource, or undefined before the first answer. */
  peek(uri: string): Settings | undefined {
    return this.read.get(uri);
  }

  /** The settings already read for a resource, else the defaults. */
  known(uri: string): Settings {
    return this.read.get(uri) ?? DEFAULT_SETTINGS;
  }

  reset(): void {
    this.reading.clear();
    this.read.clear();
  }
}
