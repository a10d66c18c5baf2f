// What went wrong when a module was resolved from version control, in words a
// developer can act on. The go command's own message (its last line is the
// cause; git's lines above it say why) is kept, with credentials masked, and
// the cause it points to gets the next step.
import { redactText } from '../text/redact';

export type DirectCause = 'auth' | 'unknown-host' | 'unreachable' | 'no-meta' | 'govcs' | 'no-repo' | 'deadline' | 'other';

export interface DirectFailure {
  cause: DirectCause;
  /** The explanation, then the go command's message. */
  message: string;
}

const AUTH = /could not read Username|could not read Password|terminal prompts disabled|Authentication failed|returned error: 40[13]\b|\b40[13] (Unauthorized|Forbidden)\b|Permission denied \(publickey|Access denied/i;
const HOST = /no such host|Could not resolve host|Name or service not known|server misbehaving/i;
const UNREACHABLE = /connection refused|i\/o timeout|no route to host|network is unreachable|proxyconnect|Failed to connect|Connection timed out/i;
const META = /unrecognized import path|no go-import meta tags|go-get=1/i;
const GOVCS = /GOVCS disallows/i;
const NO_REPO = /repository '[^']*' not found|Repository not found|does not appear to be a git repository/i;

const NEXT_STEP: Record<DirectCause, (path: string) => string> = {
  auth: (p) => `${p} needs credentials, and none were given without a prompt (prompts are off). Configure one of: a ~/.netrc entry for the host, a git credential helper (git config credential.helper), url."ssh://git@host/".insteadOf "https://host/" with an ssh key, or a token in the credential helper.`,
  'unknown-host': (p) => `The host of ${p} is not known under that name (a VPN that is down, or a typo).`,
  unreachable: (p) => `The host of ${p} could not be reached: a VPN that is down, a firewall, or HTTP(S)_PROXY in the way (NO_PROXY can exempt the host).`,
  'no-meta': (p) => `${p} has no go-import meta tag at https://${p}?go-get=1: name the repository in the path (host/repo.git), serve the tag, or map the host with git's url.insteadOf.`,
  govcs: (p) => `GOVCS forbids the version control system that ${p} uses: allow it with GOVCS (for example GOVCS=private:git).`,
  'no-repo': (p) => `The repository for ${p} does not exist at that address, or is not visible with these credentials.`,
  deadline: (p) => `Resolving ${p} from version control took too long; the next check tries again.`,
  other: (p) => `${p} could not be resolved from version control.`,
};

export function explainDirectFailure(path: string, goMessage: string, timedOut: boolean): DirectFailure {
  const text = redactText(goMessage).trim();
  const cause: DirectCause = timedOut ? 'deadline'
    : GOVCS.test(text) ? 'govcs'
      : AUTH.test(text) ? 'auth'
        : HOST.test(text) ? 'unknown-host'
          : UNREACHABLE.test(text) ? 'unreachable'
          : NO_REPO.test(text) ? 'no-repo'
            : META.test(text) ? 'no-meta'
              : 'other';
  return { cause, message: `${NEXT_STEP[cause](path)} ${conciseGoMessage(text)}`.trim() };
}

/** The go command's message on one line, without its generic advice, bounded. */
function conciseGoMessage(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^(Confirm the import path|If this is a private repository)/.test(l));
  const joined = lines.join(' ').replace(/\s+/g, ' ');
  const max = 400;
  return joined.length > max ? `(go: ${joined.slice(0, max)}…)` : joined ? `(go: ${joined.replace(/^go: /, '')})` : '';
}

/** The go command saying a version or query has no answer: not a failure of the source. */
export function isNotFound(goMessage: string): boolean {
  return /unknown revision|invalid version|no matching versions|not a known version|malformed/i.test(goMessage) && !AUTH.test(goMessage) && !HOST.test(goMessage) && !UNREACHABLE.test(goMessage);
}
