// "Explain Go module configuration": the effective GOPROXY chain with each
// entry's reachability, the private-module patterns and what they match, the
// vulnerability database, the other settings that change module behaviour,
// and the classic failures they cause, in words a colleague would use.
import { plural } from '../text/plural';
import { parseGoFlags } from '../goenv/goFlags';
import type { GoEnv, ResolvedGoEnv } from '../goenv/goEnv';
import { knowsSetting } from '../goenv/goVersion';
import { matchPrefixPatterns } from '../goenv/patterns';
import { parseProxyList } from '../proxy/proxyList';
import type { ProbeResult } from '../analysis/goContext';
import { explainVulnDb, type VulnDbExplainInput } from './explainVulnDb';
import { directRoute, govcsAllows } from '../direct/route';


export interface ExplainInput {
  goEnv: ResolvedGoEnv;
  /** Module paths required by the document being explained. */
  requirements: string[];
  /** Requirements that no proxy knew (module-not-found findings). */
  notFound: string[];
  goBinary?: string;
  trusted: boolean;
  offline: boolean;
  probe(url: URL): Promise<ProbeResult>;
  exists(path: string): boolean;
  /** The vulnerability database part; left out when not given. */
  vulnDatabase?: VulnDbExplainInput;
  /** Whether modules that only version control has are resolved (through the go command); why not otherwise. */
  versionControl: { used: true } | { used: false; why: string };
  /** What the last check found for each private or direct requirement. */
  directStatus(modulePath: string): DirectStatus;
}

export type DirectStatus = { state: 'resolved'; latest?: string } | { state: 'failed'; message: string } | { state: 'pending' };

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
/** A setting's value: an empty one is named, not shown as empty quotes. */
const value = (s: string) => (s === '' ? '*not set*' : code(s));

/**
 * The proxy table keeps short cells, so that no column wraps: what does not
 * fit in a word goes in the notes under it.
 */
const PROXY_TABLE_NOTES = [
  'After an entry, `,` lets the go command go on to the next one only when the module is not found there (404 or 410); '
  + '`|` lets it go on after any error (go.dev/ref/mod#goproxy-protocol).',
];

export async function explainConfiguration(input: ExplainInput): Promise<string> {
  const env = input.goEnv.values;
  // Overrides are the editor's settings: the command line passes none.
  const src = (k: keyof typeof env) => (input.goEnv.source[k] === 'override' ? 'goModHygiene.env or go.toolsEnvVars' : input.goEnv.source[k]);
  const out: string[] = ['# Go module configuration', ''];
  const problems: string[] = [...input.goEnv.warnings];
  // Only what this go command knows: Go 1.23 has no GOAUTH, although `go env -json GOAUTH` prints "".
  const known = (k: keyof GoEnv) => knowsSetting(input.goEnv.goVersion, k);
  /**
   * "GOFLAGS = `-mod=mod` (from environment)". An unset value has no source to
   * name; one set to nothing (a `GOPROXY=` line in the go env file) is empty, not unset.
   */
  const setting = (k: keyof GoEnv) => {
    const unset = env[k] === '' && input.goEnv.source[k] === 'default';
    return `${k} = ${unset ? value('') : env[k] === '' ? '*empty*' : code(env[k])}${unset ? '' : ` (from ${src(k)})`}`;
  };

  out.push(`Go command: ${goCommand(input)}.`, '');

  // Proxies.
  out.push('## Module proxies', '', `${setting('GOPROXY')}${input.offline ? '. Offline mode is on: only the module cache is read.' : ''}`, '');
  const list = parseProxyList(env.GOPROXY, env.GONOPROXY);
  if (!list.ok) {
    problems.push(`GOPROXY cannot be used: ${list.error}.`);
  } else {
    out.push('| # | entry | if it fails | reachable | time |', '| ---: | --- | --- | --- | ---: |');
    const entries = list.specs.filter((s) => s.kind !== 'noproxy');
    const notes: string[] = [];
    let n = 0;
    for (const s of entries) {
      n++;
      // Where the go command goes when this entry fails; after the last one, nowhere.
      // A `|` in a table cell is escaped, even inside a code span (GFM tables).
      const then = n === entries.length ? '—' : s.kind === 'url' && s.fallBackOnError ? 'next on any error (`\\|`)' : 'next if not found (`,`)';
      if (s.kind === 'off') {
        out.push(`| ${n} | off | — | — | — |`);
        notes.push('`off`: no lookups at all.');
        problems.push('GOPROXY=off: the go command looks nothing up, so new versions and missing modules cannot be found. Set GOPROXY to https://proxy.golang.org,direct (or your company proxy).');
        continue;
      }
      if (s.kind === 'direct') {
        out.push(`| ${n} | direct | ${then} | not probed | — |`);
        notes.push(input.versionControl.used ? '`direct`: the go command fetches from the version control repository itself; so does this check, through the go command.' : `\`direct\`: the go command fetches from the version control repository itself; this check does not, because ${input.versionControl.why}.`);
        continue;
      }
      const p = await input.probe(s.url);
      const entry = code(s.redacted.replace(/\/$/, ''));
      out.push(`| ${n} | ${entry} | ${then} | ${p.reachable ? 'yes' : 'no'} | ${Math.round(p.ms)} ms |`);
      notes.push(`${entry}: ${p.detail}.`);
      if (!p.reachable) {
        problems.push(s.fallBackOnError
          ? `${s.redacted} is not reachable (${p.detail}); "|" lets lookups go on to the next entry.`
          : `${s.redacted} is not reachable (${p.detail}), and "," after it means the go command stops there: every lookup fails until the proxy is back. Use "|" to fall through on errors, or fix the network, HTTP(S)_PROXY or the URL.`);
      }
    }
    // The separators only matter between entries.
    out.push('', ...[...notes, ...(entries.length > 1 ? PROXY_TABLE_NOTES : [])].map((t) => `- ${t}`), '');
  }

  // Private modules.
  out.push('## Private modules', '');
  out.push(`- ${setting('GOPRIVATE')}`);
  out.push(`- ${setting('GONOPROXY')}: never sent to any proxy`);
  out.push(`- ${setting('GONOSUMDB')}: not checked against the checksum database`, '');
  const noProxy = input.requirements.filter((r) => env.GONOPROXY && matchPrefixPatterns(env.GONOPROXY, r));
  const noSum = input.requirements.filter((r) => env.GONOSUMDB && matchPrefixPatterns(env.GONOSUMDB, r));
  out.push(noProxy.length
    ? `GONOPROXY matches ${plural(noProxy.length, 'requirement')}, which the go command fetches straight from ${noProxy.length === 1 ? 'its repository' : 'their repositories'}, never through a proxy: ${noProxy.map(code).join(', ')}.`
    : 'No requirement of this module matches GONOPROXY.', '');
  if (!input.versionControl.used) out.push(...privateNotChecked(noProxy, input.versionControl.why));
  else out.push(...versionControlTable(input, noProxy));
  // GOSUMDB=off is no database to name: the sentence speaks of the checksum database then.
  const sumDb = env.GOSUMDB && env.GOSUMDB !== 'off' ? code(env.GOSUMDB) : 'the checksum database';
  if (noSum.length) {
    out.push(`GONOSUMDB matches ${plural(noSum.length, 'requirement')}, whose checksums the go command does not check against ${sumDb}: ${noSum.map(code).join(', ')}.`, '');
  }
  if (env.GONOSUMDB && !env.GONOPROXY) {
    problems.push('GONOSUMDB is set but GONOPROXY/GOPRIVATE is not: those module paths skip the checksum database but are still sent to the proxies in GOPROXY. If they are private, set GOPRIVATE instead, which covers both.');
  }
  for (const m of input.notFound) {
    if (env.GONOPROXY && matchPrefixPatterns(env.GONOPROXY, m)) continue;
    problems.push(`${m} was not found by the proxies. If it is private, add it to GOPRIVATE (go env -w GOPRIVATE=${m.split('/').slice(0, m.startsWith('github.com/') ? 2 : 1).join('/')}): private paths sent to a public proxy both fail and leak the module's name.`);
  }

  if (input.vulnDatabase) {
    const vulns = explainVulnDb(input.vulnDatabase);
    out.push(...vulns.lines);
    problems.push(...vulns.problems);
  }

  // Other settings.
  out.push('## Other settings', '');
  const flags = parseGoFlags(env.GOFLAGS);
  out.push(`- ${setting('GOFLAGS')}`);
  if (flags.modfile) problems.push(`GOFLAGS sets -modfile=${flags.modfile}: the go command reads and writes that file instead of go.mod, so what you edit here is not what builds use.`);
  if (flags.mod === 'vendor') problems.push('GOFLAGS sets -mod=vendor: builds use the vendor directory; after changing go.mod run go mod vendor, or upgrades seem to do nothing.');
  if (flags.mod === 'mod') out.push('  (-mod=mod: the go command may update go.mod and go.sum on its own during builds.)');
  out.push(`- ${setting('GOSUMDB')}`);
  if (env.GOSUMDB === 'off') problems.push('GOSUMDB=off: downloaded modules are not checked against the checksum database, so a tampered or re-tagged version would go unnoticed.');
  if (known('GOINSECURE')) out.push(`- ${setting('GOINSECURE')}`);
  if (env.GOINSECURE) problems.push(`GOINSECURE=${env.GOINSECURE}: matching modules may be fetched over plain HTTP without certificate checks.`);
  if (known('GOTOOLCHAIN')) out.push(`- ${setting('GOTOOLCHAIN')}`);
  const cacheOk = env.GOMODCACHE !== '' && input.exists(env.GOMODCACHE);
  out.push(`- GOMODCACHE = ${value(env.GOMODCACHE)}${cacheOk ? '' : ' (does not exist yet)'}`);
  if (input.offline && !cacheOk) problems.push('Offline mode reads the module cache, which does not exist: run go mod download once while online.');
  // GOENV=off reads no go env file (cmd/go/internal/cfg: EnvFile), and `go env GOENV` prints "off".
  out.push(`- GOENV = ${env.GOENV ? code(env.GOENV) : input.goEnv.source.GOENV === 'default' ? '*not set* (no go env file)' : `\`off\` (from ${src('GOENV')}): no go env file is read`}`);
  if (known('GOAUTH')) out.push(`- ${setting('GOAUTH')}`);
  out.push('');

  out.push('## Problems found', '');
  out.push(...(problems.length ? problems.map((p) => `- ${p}`) : ['None.']), '');
  return out.join('\n');
}

/** The binary and its version, or why there is none. */
function goCommand(input: ExplainInput): string {
  if (!input.trusted) return `${input.goBinary ? `${code(input.goBinary)}, ` : ''}not run in restricted mode (settings were computed the way Go computes them)`;
  if (!input.goBinary) return 'not found (settings were computed the way Go computes them)';
  return `${code(input.goBinary)}${input.goEnv.goVersion ? `, ${input.goEnv.goVersion}` : ''}`;
}

/**
 * Without version control (restricted mode, offline, no go command), private
 * modules are not checked, and get no finding in the Problems view: this
 * report is where that is said.
 */
export function privateNotChecked(paths: string[], why: string): string[] {
  if (paths.length === 0) return [];
  const n = paths.length;
  return [`${n} private module${n === 1 ? ' is' : 's are'} not checked for updates, retractions or deprecations: never sent to a proxy, and ${why}.`, ''];
}

/** How each private requirement is fetched from version control, and whether that worked. */
function versionControlTable(input: ExplainInput, paths: string[]): string[] {
  if (paths.length === 0) return [];
  const env = input.goEnv.values;
  const out = ['The go command resolves them from version control, with your git and its configuration (credential helpers, url.insteadOf, ssh, .netrc):', '',
    '| module | host | repository found by | GOVCS | result |', '| --- | --- | --- | --- | --- |'];
  for (const p of paths) {
    const r = directRoute(env, p);
    const allowed = r.vcs && !govcsAllows(r.govcs.allowed, r.vcs) ? `**${r.govcs.allowed}**: ${r.vcs} not allowed` : r.govcs.allowed;
    const st = input.directStatus(p);
    const result = st.state === 'resolved' ? `resolved${st.latest ? ` (latest ${code(st.latest)})` : ''}` : st.state === 'pending' ? 'not checked yet' : `failed: ${st.message.replace(/\|/g, '\\|')}`;
    out.push(`| ${code(p)} | ${r.host} | ${r.discovery}${r.vcs ? `, ${r.vcs}` : ''} | ${allowed} (${r.govcs.entry}) | ${result} |`);
  }
  out.push('', `- Rule: ${paths.length === 1 ? 'it matches' : 'they match'} GONOPROXY, so no proxy, checksum database or vulnerability database hears ${paths.length === 1 ? 'its path' : 'their paths'}; only ${paths.length === 1 ? 'its host does' : 'their hosts do'}.`, '');
  return out;
}
