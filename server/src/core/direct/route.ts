// How the go command reaches a module in version control, as the
// configuration report tells it: the rule that sends it there, the host, how
// the repository is found (go.dev/ref/mod#vcs-find) and whether GOVCS allows
// the version control systems it may use (`go help vcs`).
import type { GoEnv } from '../goenv/goEnv';
import { insecure, isPrivate, matchPrefixPatterns, noProxy } from '../goenv/patterns';

export interface DirectRoute {
  /** Why the module goes to version control. */
  rule: string;
  host: string;
  /** How its repository is found: the path's own suffix, a known host, or a go-import meta tag. */
  discovery: string;
  /** The version control system, when the path or the host tells it. */
  vcs?: string;
  /** What GOVCS allows for it ("git|hg", "all", "off"), and through which entry. */
  govcs: { allowed: string; entry: string };
}

/** Hosts whose version control the go command knows without asking (cmd/go/internal/vcs: vcsPaths). */
const KNOWN_HOSTS: Record<string, string> = { 'github.com': 'git', 'bitbucket.org': 'git', 'hub.jazz.net': 'git', 'git.apache.org': 'git', 'git.openstack.org': 'git', 'chiselapp.com': 'fossil' };
/** A VCS-qualified path: host/repo.git/sub (the generic entry of vcsPaths). */
const QUALIFIED = /^(([a-z0-9.-]+\.)+[a-z0-9.-]+(:[0-9]+)?(\/~?[\w.-]+)+?)\.(bzr|fossil|git|hg|svn)(\/~?[\w.-]+)*$/;

export function directRoute(env: Pick<GoEnv, 'GONOPROXY' | 'GOPRIVATE' | 'GOINSECURE' | 'GOVCS'>, modulePath: string): DirectRoute {
  const host = modulePath.split('/')[0];
  const rule = noProxy(env, modulePath) ? `GONOPROXY (${env.GONOPROXY === env.GOPRIVATE ? 'GOPRIVATE' : env.GONOPROXY}) matches it` : 'GOPROXY reached "direct"';
  const qualified = QUALIFIED.exec(modulePath);
  let discovery: string;
  let vcs: string | undefined;
  if (qualified) {
    vcs = qualified[5];
    discovery = `the path names the repository (${qualified[1]}.${vcs})`;
  } else if (KNOWN_HOSTS[host]) {
    vcs = KNOWN_HOSTS[host];
    discovery = `${host} is a host the go command knows`;
  } else {
    discovery = `the go-import meta tag at https://${modulePath}?go-get=1${insecure(env, modulePath) ? ' (or http://, GOINSECURE matches)' : ''}`;
  }
  return { rule, host, discovery, vcs, govcs: govcsFor(env, modulePath) };
}

/** GOVCS: the first pattern that matches wins; after the user's entries, the default public:git|hg,private:all. */
export function govcsFor(env: Pick<GoEnv, 'GOPRIVATE' | 'GOVCS'>, modulePath: string): { allowed: string; entry: string } {
  const priv = isPrivate(env, modulePath);
  const entries = [...env.GOVCS.split(',').filter((e) => e.includes(':')), 'public:git|hg', 'private:all'];
  for (const e of entries) {
    const at = e.lastIndexOf(':');
    const pattern = e.slice(0, at).trim();
    const allowed = e.slice(at + 1).trim();
    const hit = pattern === 'public' ? !priv : pattern === 'private' ? priv : matchPrefixPatterns(pattern, modulePath);
    if (hit) return { allowed, entry: env.GOVCS.includes(e) ? `GOVCS entry ${e}` : `the default ${e}` };
  }
  return { allowed: 'off', entry: 'no GOVCS entry' };
}

/** Whether GOVCS lets the go command use this version control system. */
export function govcsAllows(allowed: string, vcs: string): boolean {
  return allowed === 'all' || allowed.split('|').includes(vcs);
}
