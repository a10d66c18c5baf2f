// Which line of go.mod a failed go command is about. `go get` and `go mod
// tidy` load the whole module graph (go.dev/ref/mod#go-get: "go get ...
// loads the build list"), so one requirement that cannot be loaded fails
// every change, and the go command's message names it only as module@version:
//
//   go: example.com/config@v1.7.0: reading https://proxy/.../v1.7.0.mod: 404 Not Found
//   go: example.com/legacy@v1.0.0 (replaced by ./third_party/legacy): reading third_party/legacy/go.mod: open ...: no such file or directory
//   go: example.com/a@v1.0.0 requires
//   	example.com/b@v1.9.9: reading ...: 404 Not Found
//
// (modload's "module@version[ (replaced by X)]: err" and its "requires" chain,
// cmd/go/internal/modload/buildlist.go). This maps that module to the
// requirement (or replace) line of the buffer, so that the message can say
// "line 15: example.com/config v1.7.0 does not exist" and the editor can go there.
import type { ModuleVersion } from '../gomod/directives';
import type { ParsedFile } from '../gomod/parse';
import type { Position } from '../gomod/ast';
import { replacementFor } from '../gomod/replacement';

export type BlameKind = 'not-found' | 'replacement-missing' | 'unreachable' | 'cannot-load';

export interface Blame {
  /** The module version the go command could not load. */
  mod: ModuleVersion;
  kind: BlameKind;
  /** The line of go.mod to fix: the requirement, or the replace that points nowhere. */
  line: number;
  start: Position;
  end: Position;
  /** "line 15: example.com/config v1.7.0 does not exist" */
  text: string;
}

/** A module@version the go command failed on, with the chain of requirements that led there. */
interface Failed {
  chain: ModuleVersion[];
  mod: ModuleVersion;
  replacedBy?: string;
  cause: string;
}

// Each "m@v[ (replaced by x)]" on a line, followed by " requires" (one more
// step of the chain, on this line or the next) or by ": cause" (the failure):
// after "go: ", or after the package in go mod tidy's
// "example.com/demo imports\n\tpkg: m@v: cause".
const MODULE_AT = /(?:^|[\s:])([^\s@:]+)@([^\s:()@]+)(?: \(replaced by ([^)]+)\))?( requires\b|: )/g;

/** Each module version the go command failed on, in its order, with the requirements that led there. */
function failures(stderr: string): Failed[] {
  const out: Failed[] = [];
  let chain: ModuleVersion[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    // The proxy's own words under the go command's line quote module@version again.
    if (/^\s+server response:/.test(line)) continue;
    let failed = false;
    for (const m of line.matchAll(MODULE_AT)) {
      const mod = { path: m[1], version: m[2] };
      if (m[4] !== ': ') {
        chain.push(mod);
        continue;
      }
      const cause = line.slice((m.index ?? 0) + m[0].length).trim();
      const replacedBy = m[3] ?? /replacement directory (\S+) does not exist/.exec(cause)?.[1];
      out.push({ chain, mod, replacedBy, cause });
      failed = true;
      break;
    }
    // A chain ending in "requires" goes on at the next line; anything else starts afresh.
    if (failed || !/ requires\s*$/.test(line)) chain = [];
  }
  return out;
}

function kindOf(f: Failed): BlameKind {
  if (f.replacedBy && /no such file|cannot find|not exist|replacement directory/i.test(f.cause)) return 'replacement-missing';
  if (/\b(404|410)\b|Not Found|no such file|unknown revision|invalid version|no matching versions/i.test(f.cause)) return 'not-found';
  if (/dial tcp|no such host|i\/o timeout|connection refused|connection reset|TLS handshake|proxyconnect|network is unreachable|terminal prompts disabled|could not read Username|GOVCS disallows|Permission denied|no modules on|unrecognized import path/i.test(f.cause)) return 'unreachable';
  return 'cannot-load';
}

/** What is wrong with the module, after its name: "does not exist". */
function predicate(kind: BlameKind, replacedBy: string | undefined): string {
  switch (kind) {
    case 'not-found': return 'does not exist';
    case 'replacement-missing': return `is replaced by ${replacedBy}, which does not exist`;
    case 'unreachable': return 'cannot be reached (network, VPN or credentials)';
    default: return 'cannot be loaded';
  }
}

/**
 * The go.mod line that a failure is about, when it is not one of the modules
 * the command was asked to change (those are the user's own request, and the
 * go command's message already says what is wrong with them).
 */
export function blameLine(p: ParsedFile, stderr: string, asked: ReadonlySet<string>): Blame | undefined {
  for (const f of failures(stderr)) {
    // The module asked for, or its new version's requirements: the request's own failure, not another line's.
    if (asked.has(f.mod.path) || f.chain.some((m) => asked.has(m.path))) return undefined;
    const kind = kindOf(f);
    const replace = f.replacedBy ? replacementFor(p.directives, f.mod.path, f.mod.version) : undefined;
    // The line in this buffer: the replace that points nowhere, else the
    // requirement itself, else the first requirement of the chain that led there.
    const req = [f.mod, ...f.chain].map((m) => p.directives.require.find((r) => r.mod.path === m.path)).find((r) => r !== undefined);
    const line = kind === 'replacement-missing' && replace ? replace.line : req?.line;
    if (!line) continue;
    const subject = kind === 'replacement-missing' ? f.mod.path : `${f.mod.path} ${f.mod.version}`;
    const what = `${subject} ${predicate(kind, f.replacedBy)}`;
    const via = req && req.mod.path !== f.mod.path && line === req.line ? `${req.mod.path} ${req.mod.version} requires ${f.mod.path} ${f.mod.version}, which ${predicate(kind, f.replacedBy)}` : what;
    return { mod: f.mod, kind, line: line.start.line, start: line.start, end: line.end, text: `line ${line.start.line}: ${via}` };
  }
  return undefined;
}
