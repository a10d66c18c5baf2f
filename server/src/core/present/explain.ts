// "Explain Go module configuration": the effective GOPROXY chain with each
// entry's reachability, the private-module patterns and what they match, the
// other settings that change module behaviour, and the classic failures they
// cause, in words a colleague would use.
import { parseGoFlags } from '../goenv/goFlags';
import type { ResolvedGoEnv } from '../goenv/goEnv';
import { matchPrefixPatterns } from '../goenv/patterns';
import { parseProxyList } from '../proxy/proxyList';
import type { ProbeResult } from '../analysis/goContext';


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
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
/** A setting's value: an empty one is named, not shown as empty quotes. */
const value = (s: string) => (s === '' ? '*not set*' : code(s));

export async function explainConfiguration(input: ExplainInput): Promise<string> {
  const env = input.goEnv.values;
  // Overrides are the editor's settings: the command line passes none.
  const src = (k: keyof typeof env) => (input.goEnv.source[k] === 'override' ? 'goModHygiene.env or go.toolsEnvVars' : input.goEnv.source[k]);
  const out: string[] = ['# Go module configuration', ''];
  const problems: string[] = [...input.goEnv.warnings];

  out.push(`Go command: ${input.goBinary ? code(input.goBinary) : 'not found (settings were computed the way Go computes them)'}${input.trusted ? '' : ' (not run: restricted mode)'}.`, '');

  // Proxies.
  out.push('## Module proxies', '', `GOPROXY = ${value(env.GOPROXY)} (from ${src('GOPROXY')})${input.offline ? '. Offline mode is on: only the module cache is read.' : ''}`, '');
  const list = parseProxyList(env.GOPROXY, env.GONOPROXY);
  if (!list.ok) {
    problems.push(`GOPROXY cannot be used: ${list.error}.`);
  } else {
    out.push('| # | entry | after a failure | reachable | time |', '| ---: | --- | --- | --- | ---: |');
    let n = 0;
    for (const s of list.specs) {
      if (s.kind === 'noproxy') continue;
      n++;
      if (s.kind === 'off') {
        out.push(`| ${n} | off | — | no lookups at all | |`);
        problems.push('GOPROXY=off: the go command looks nothing up, so new versions and missing modules cannot be found. Set GOPROXY to https://proxy.golang.org,direct (or your company proxy).');
        continue;
      }
      if (s.kind === 'direct') {
        out.push(`| ${n} | direct | — | version control, by the go command only | |`);
        continue;
      }
      const p = await input.probe(s.url);
      const after = s.fallBackOnError ? 'next on any error (`|`)' : 'next only if not found (`,`)';
      out.push(`| ${n} | ${code(s.redacted.replace(/\/$/, ''))} | ${after} | ${p.reachable ? 'yes' : 'no'}: ${p.detail} | ${Math.round(p.ms)} ms |`);
      if (!p.reachable) {
        problems.push(s.fallBackOnError
          ? `${s.redacted} is not reachable (${p.detail}); "|" lets lookups go on to the next entry.`
          : `${s.redacted} is not reachable (${p.detail}), and "," after it means the go command stops there: every lookup fails until the proxy is back. Use "|" to fall through on errors, or fix the network, HTTP(S)_PROXY or the URL.`);
      }
    }
    out.push('');
  }

  // Private modules.
  out.push('## Private modules', '');
  out.push(`- GOPRIVATE = ${value(env.GOPRIVATE)} (from ${src('GOPRIVATE')})`);
  out.push(`- GONOPROXY = ${value(env.GONOPROXY)} (from ${src('GONOPROXY')}): never sent to any proxy`);
  out.push(`- GONOSUMDB = ${value(env.GONOSUMDB)} (from ${src('GONOSUMDB')}): not checked against the checksum database`, '');
  const noProxy = input.requirements.filter((r) => env.GONOPROXY && matchPrefixPatterns(env.GONOPROXY, r));
  const noSum = input.requirements.filter((r) => env.GONOSUMDB && matchPrefixPatterns(env.GONOSUMDB, r));
  out.push(noProxy.length ? `Requirements fetched directly (GONOPROXY): ${noProxy.map(code).join(', ')}.` : 'No requirement of this module matches GONOPROXY.', '');
  out.push(...privateNotChecked(noProxy));
  // GOSUMDB=off is no database to name: the sentence speaks of the checksum database then.
  const sumDb = env.GOSUMDB && env.GOSUMDB !== 'off' ? env.GOSUMDB : 'the checksum database';
  if (noSum.length) out.push(`Requirements not checked against ${sumDb} (GONOSUMDB): ${noSum.map(code).join(', ')}.`, '');
  if (env.GONOSUMDB && !env.GONOPROXY) {
    problems.push('GONOSUMDB is set but GONOPROXY/GOPRIVATE is not: those module paths skip the checksum database but are still sent to the proxies in GOPROXY. If they are private, set GOPRIVATE instead, which covers both.');
  }
  for (const m of input.notFound) {
    if (env.GONOPROXY && matchPrefixPatterns(env.GONOPROXY, m)) continue;
    problems.push(`${m} was not found by the proxies. If it is private, add it to GOPRIVATE (go env -w GOPRIVATE=${m.split('/').slice(0, m.startsWith('github.com/') ? 2 : 1).join('/')}): private paths sent to a public proxy both fail and leak the module's name.`);
  }

  // Other settings.
  out.push('## Other settings', '');
  const flags = parseGoFlags(env.GOFLAGS);
  out.push(`- GOFLAGS = ${value(env.GOFLAGS)} (from ${src('GOFLAGS')})`);
  if (flags.modfile) problems.push(`GOFLAGS sets -modfile=${flags.modfile}: the go command reads and writes that file instead of go.mod, so what you edit here is not what builds use.`);
  if (flags.mod === 'vendor') problems.push('GOFLAGS sets -mod=vendor: builds use the vendor directory; after changing go.mod run go mod vendor, or upgrades seem to do nothing.');
  if (flags.mod === 'mod') out.push('  (-mod=mod: the go command may update go.mod and go.sum on its own during builds.)');
  out.push(`- GOSUMDB = ${value(env.GOSUMDB)} (from ${src('GOSUMDB')})`);
  if (env.GOSUMDB === 'off') problems.push('GOSUMDB=off: downloaded modules are not checked against the checksum database, so a tampered or re-tagged version would go unnoticed.');
  out.push(`- GOINSECURE = ${value(env.GOINSECURE)}`);
  if (env.GOINSECURE) problems.push(`GOINSECURE=${env.GOINSECURE}: matching modules may be fetched over plain HTTP without certificate checks.`);
  out.push(`- GOTOOLCHAIN = ${value(env.GOTOOLCHAIN)} (from ${src('GOTOOLCHAIN')})`);
  const cacheOk = env.GOMODCACHE !== '' && input.exists(env.GOMODCACHE);
  out.push(`- GOMODCACHE = ${value(env.GOMODCACHE)}${cacheOk ? '' : ' (does not exist yet)'}`);
  if (input.offline && !cacheOk) problems.push('Offline mode reads the module cache, which does not exist: run go mod download once while online.');
  out.push(`- GOENV = ${value(env.GOENV)}; GOAUTH = ${value(env.GOAUTH)}`, '');

  out.push('## Problems found', '');
  out.push(...(problems.length ? problems.map((p) => `- ${p}`) : ['None.']), '');
  return out.join('\n');
}

/**
 * Private modules are not checked on purpose (they are never sent to a proxy),
 * so they get no finding in the Problems view: this report is where that is said.
 */
export function privateNotChecked(paths: string[]): string[] {
  if (paths.length === 0) return [];
  const n = paths.length;
  return [`${n} private module${n === 1 ? ' is' : 's are'} not checked for updates, retractions or deprecations: never sent to a proxy, only the go command fetches ${n === 1 ? 'it' : 'them'} from version control.`, ''];
}
