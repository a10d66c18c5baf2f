// Turns a failed go command into a message that says what went wrong and what
// to do, from the go command's own stderr. The causes and remedies are the ones
// users bring (../shared/docs/go-modules.md, "Failure stories"): a version that
// does not exist, a private module behind a public proxy, go.sum disagreeing
// with the download (`go help module-auth`), a toolchain too old under
// GOTOOLCHAIN=local (go.dev/doc/toolchain), an unreachable proxy, GOPROXY=off.
import type { GoRunCause } from './runner';
import { redactText } from '../text/redact';

export interface GoFailure {
  /** What ran, for people: "go get example.com/m@v1.2.3". */
  command: string;
  cause: GoRunCause;
  code?: number | null;
  stderr: string;
  timeoutMs?: number;
}

const MAX_DETAIL = 400;

/** Progress chatter that says nothing about the failure. */
function noise(line: string): boolean {
  return /^go: (downloading|finding|extracting|upgraded|downgraded|added|removed) /.test(line) || line.trim() === '';
}

/** The first lines of stderr that matter, shortened: the go command's own words, for searching. */
export function goErrorDetail(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => !noise(l)).map((l) => l.trim());
  // Redacted before it is shortened: a cut through "user:password@host" would hide the "@" the redactor looks for.
  const text = redactText(lines.slice(0, 3).join(' '));
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

/** "module@version" named by the go command's "go: path@version: ..." prefix, if any. */
function subject(stderr: string): { module: string; version: string } | undefined {
  const m = /(?:^|\n)go: ([^\s@:]+)@([^\s:]+): /.exec(stderr);
  return m ? { module: m[1], version: m[2] } : undefined;
}

/** Why the go command failed and what to do about it, in one or two sentences. */
export function explainCause(f: GoFailure): string {
  const err = f.stderr;
  const at = subject(err);
  const mod = at?.module ?? 'the module';
  if (f.cause === 'timeout') {
    const s = f.timeoutMs ? ` within ${Math.round(f.timeoutMs / 1000)} s` : '';
    return `the go command did not finish${s}. A module proxy or the network may be hanging: check GOPROXY, HTTP(S)_PROXY and the network, then try again.`;
  }
  if (f.cause === 'aborted') return 'it was cancelled.';
  if (f.cause === 'not-found') return 'the go command was not found. Install Go, or set goModHygiene.goBinary.';
  if (f.cause === 'output-limit') return 'the go command printed far more than expected and was stopped.';
  if (f.cause === 'spawn') return `the go command could not be started (${goErrorDetail(err) || 'unknown reason'}).`;

  const toolchain = /requires go >= ?([0-9][^\s;)]*)(?:[^\n]*?running go ([0-9][^\s;)]*))?/.exec(err);
  if (toolchain) {
    const running = toolchain[2] ? `, this Go is ${toolchain[2]}` : '';
    return `Go ${toolchain[1]} or newer is needed${running}, and GOTOOLCHAIN=local (used unless you set GOTOOLCHAIN) keeps the go command from downloading a newer toolchain. Upgrade Go, or set GOTOOLCHAIN (for example GOTOOLCHAIN=auto in goModHygiene.env).`;
  }
  if (/SECURITY ERROR|checksum mismatch/.test(err)) {
    return 'go.sum disagrees with what was downloaded (checksum mismatch). The module cache may hold a corrupted or polluted copy (go clean -modcache clears it), the version may have been re-tagged upstream, or a proxy serves different content. Find out which before deleting go.sum lines; for private modules, GONOSUMDB (or GOPRIVATE) keeps them away from the checksum database.';
  }
  if (/verifying [^\n]*(sum\.golang\.org|checksum database|GOSUMDB)|\/lookup\/[^\s]*: (404|410)/.test(err)) {
    return `the checksum database (GOSUMDB) could not verify ${mod}. If it is a private module, add it to GOPRIVATE (or GONOSUMDB) so that it is not looked up there.`;
  }
  if (/disabled by GOPROXY=off/.test(err)) {
    return 'GOPROXY=off forbids the go command to download modules. Set GOPROXY (the default is https://proxy.golang.org,direct) to let it fetch what this change needs.';
  }
  const modFlag = /(?:disabled by|due to) -mod=(\w+)/.exec(err);
  if (modFlag) {
    return `-mod=${modFlag[1]} (from GOFLAGS or go.work) forbids changing requirements. Remove -mod=${modFlag[1]} from GOFLAGS for this module.`;
  }
  if (/parsing \$GOFLAGS|from \$GOFLAGS/.test(err)) {
    return 'GOFLAGS holds something the go command rejects. Fix GOFLAGS (go env GOFLAGS shows it).';
  }
  if (/go\.mod:\d+(:\d+)?: /.test(err) || /errors parsing go\.mod/.test(err)) {
    return 'go.mod has errors the go command rejects. Fix them first (they are marked in the editor).';
  }
  if (/go\.mod file not found|cannot find main module/.test(err)) {
    return 'the go command found no go.mod in the module directory. Save go.mod to disk first: the go command needs it to find the module root.';
  }
  if (/malformed module path|is not a valid (module )?path|invalid module path/.test(err)) {
    return `${mod} is not a valid module path. Check it for typos.`;
  }
  if (/terminal prompts disabled|could not read Username|Permission denied \(publickey\)|authentication required/.test(err)) {
    return `the version control server asked for credentials for ${mod}. For a private module, set GOPRIVATE and configure git credentials (.netrc, a credential helper or an SSH URL rewrite in git config).`;
  }
  // Listing a module's versions (or asking for its latest) failed: the module itself is unknown.
  const moduleMissing = /\/@(v\/list|latest)"?:? (404|410)/.exec(err);
  if (moduleMissing) {
    const m = /module ([^\s:]+): reading/.exec(err)?.[1] ?? mod;
    return `the module proxy does not know ${m} (${moduleMissing[2]}). If it is a private module, add it to GOPRIVATE so that the go command fetches it directly from version control and never asks a public proxy; otherwise check the module path.`;
  }
  const versionMissing = /unknown revision|invalid version|no matching versions for query|\/@v\/[^\s/]+\.(info|mod|zip)"?:? (404|410)|\/@v\/[^\s/]+\.(info|mod|zip): no such file/.test(err);
  if (versionMissing && at) {
    return `${at.module}@${at.version} does not exist: the module proxy has no such version (or tag). Check the version; if the module itself is private and unknown to the proxy, add it to GOPRIVATE.`;
  }
  if (versionMissing) return 'the version does not exist: the module proxy has no such version (or tag). Check the version.';
  if (/\b(404|410)\b|Not Found|Gone|not found|no such file|unrecognized import path|repository not found/.test(err)) {
    return `the module proxy does not know ${mod} (404/410). If it is a private module, add it to GOPRIVATE so that the go command fetches it directly from version control and never asks a public proxy; otherwise check the module path.`;
  }
  if (/dial tcp|no such host|i\/o timeout|connection refused|connection reset|TLS handshake|proxyconnect|context deadline exceeded|network is unreachable|x509:|certificate/.test(err)) {
    return 'the go command could not reach the module proxy. Check GOPROXY, HTTP(S)_PROXY and NO_PROXY, and the network.';
  }
  if (/conflicting requirements|but .* is requested|requires .* but .* is requested/.test(err)) {
    return 'the requested versions conflict with what other requirements need. Upgrade the modules one at a time to see which one conflicts.';
  }
  return `the go command failed${typeof f.code === 'number' ? ` (exit status ${f.code})` : ''}.`;
}

/** The whole message: what ran, why it failed, what to do, and the go command's own words. */
export function explainGoError(f: GoFailure): string {
  const detail = f.cause === 'aborted' ? '' : goErrorDetail(f.stderr);
  const why = explainCause(f);
  return `${f.command} failed: ${why}${detail ? ` (${detail})` : ''} Nothing was changed.`;
}

/**
 * The message when the go command failed because of another line than the one
 * being fixed: that line first, since it is what the user has to change.
 * `go get` loads every requirement before it changes one (go.dev/ref/mod#go-get).
 */
export function explainBlocked(f: { command: string; blame: { text: string }; ranWithout?: string }): string {
  const without = f.ranWithout ? ` It already ran without ${f.ranWithout}.` : '';
  // The go command's own words are in the log: the line named here is what to act on, and a toast is short.
  return `${f.command} failed because of another line: ${f.blame.text}. The go command loads every requirement before it changes one: fix or remove that line, then try again.${without} Nothing was changed.`;
}
