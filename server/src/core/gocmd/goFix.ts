// Runs `go get` or `go mod tidy` on a copy of go.mod, never on the user's file
// (architecture house rule 7). The go.mod text (the editor's buffer, unsaved
// edits included) and go.sum are written to a temporary directory, and the go
// command is pointed at the copy with -modfile: "the go command reads (and
// possibly writes) an alternate go.mod file instead of the one in the module
// root directory. A file named go.mod must still be present in order to
// determine the module root directory, but it is not accessed. When -modfile
// is specified, an alternate go.sum file is also used: its path is derived
// from the -modfile flag by trimming the .mod extension and appending .sum"
// (`go help modules`, go.dev/ref/mod#build-commands). So the working directory
// stays the module's real directory (packages, relative replace paths and the
// module root resolve as usual) and only the copies change.
import { type GoRunner, validateModuleArg } from './runner';
import { parseGoFlags } from '../goenv/goFlags';
import { parseFile } from '../gomod/parse';
import { compare } from '../semver/goSemver';
import { explainGoError } from './explainGoError';
import { setRequireVersions } from '../gomod/requireVersions';

export type GoFixAction =
  | {
    kind: 'get';
    modules: { path: string; version: string }[];
    /** Of those, the modules whose required version does not exist (see requireVersions.ts). */
    missing?: string[];
  }
  | { kind: 'tidy' }
  /**
   * go mod download path...: fills go.sum for the named modules, and only
   * go.sum is taken from its result. Named, because without arguments "it will
   * no longer save sums for downloaded module content to go.sum" (Go 1.17
   * release notes, go.dev/doc/go1.17#go-mod-download). By path alone, as the go
   * command itself says to run it ("missing go.sum entry for go.mod file; to
   * add it: go mod download <path>"): a path names the module in the build
   * list, replacement included, where path@version is a query that bypasses
   * the replace directives and writes nothing for a replaced module.
   */
  | { kind: 'download'; paths: string[] };

/** File access, injected: the engine touches no file system of its own. */
export interface GoFixFs {
  /** A new, empty, private directory. */
  makeTempDir(): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  /** undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
  removeDir(path: string): Promise<void>;
  join(dir: string, name: string): string;
}

export interface GoFixInput {
  action: GoFixAction;
  /** The module's real directory (where its go.mod is on disk): the go command's working directory. */
  moduleDir: string;
  /** The go.mod text to start from: the editor's buffer. */
  goMod: string;
  /** go.sum to start from; undefined when there is none. */
  goSum?: string;
  /** The effective GOFLAGS (environment, then go env file), as the analysis saw it. */
  goFlags: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type GoFixResult =
  | { ok: true; command: string; goMod: string; goSum?: string; stderr: string }
  | { ok: false; command: string; message: string; stderr: string };

export const GO_FIX_TIMEOUT_MS = 120_000;
/** More modules than anyone upgrades at once: a bound on what a client may ask for. */
const MAX_MODULES = 500;

/** The go command line, for people (and for messages). */
function describe(action: GoFixAction): string {
  if (action.kind === 'tidy') return 'go mod tidy';
  const mods = action.kind === 'download' ? action.paths : action.modules.map((m) => `${m.path}@${m.version}`);
  return `${action.kind === 'download' ? 'go mod download' : 'go get'} ${mods.length > 3 ? `${mods.slice(0, 3).join(' ')} (and ${mods.length - 3} more)` : mods.join(' ')}`;
}

/** The arguments after `go`, with every module argument checked so none can pass as a flag. */
export function goFixArgs(action: GoFixAction, modFile: string): { ok: true; args: string[] } | { ok: false; message: string } {
  if (action.kind === 'tidy') return { ok: true, args: ['mod', 'tidy', `-modfile=${modFile}`] };
  const mods = action.kind === 'download' ? action.paths : action.modules.map((m) => `${m.path}@${m.version}`);
  if (mods.length === 0) return { ok: false, message: action.kind === 'download' ? 'nothing to download' : 'nothing to upgrade' };
  if (mods.length > MAX_MODULES) return { ok: false, message: `too many modules (${mods.length})` };
  // -modfile applies to go mod download too: its go.sum is the copy's (`go help modules`).
  const args = action.kind === 'download' ? ['mod', 'download', `-modfile=${modFile}`] : ['get', `-modfile=${modFile}`];
  for (const m of mods) {
    const check = validateModuleArg(m);
    if (!check.ok) return { ok: false, message: check.reason };
    if (action.kind === 'download' && check.version !== undefined) return { ok: false, message: `${m}: a download names a module path, not a version` };
    args.push(m);
  }
  return { ok: true, args };
}

function quoteFlag(f: string): string {
  if (!/[ \t\r\n]/.test(f)) return f;
  return f.includes("'") ? `"${f}"` : `'${f}'`;
}

/**
 * GOFLAGS without -mod and -modfile: this run passes its own -modfile, and a
 * -mod=readonly or -mod=vendor would forbid the change asked for. An empty
 * GOFLAGS variable counts as unset to the go command (the go env file's value
 * would apply again), so a value that strips to nothing becomes a flag that
 * changes nothing.
 */
export function fixGoFlags(goFlags: string): { ok: true; value?: string } | { ok: false; message: string } {
  if (goFlags.trim() === '') return { ok: true };
  const parsed = parseGoFlags(goFlags);
  if (parsed.error && !/^flag needs an argument: -mod(file)? /.test(parsed.error)) {
    return { ok: false, message: `GOFLAGS=${JSON.stringify(goFlags)} cannot be used: ${parsed.error}. Fix GOFLAGS (go env GOFLAGS shows where it comes from).` };
  }
  const other = parsed.other.map(quoteFlag).join(' ');
  return { ok: true, value: other === '' ? '-modcacherw=false' : other };
}

/**
 * The asked-for modules whose version in the result is lower than before:
 * `go get m@v` applies whatever v resolves to, and a proxy whose list names a
 * tag with another version's .info makes that an older pseudo-version.
 */
export function downgrades(before: string, after: string, modules: { path: string }[]): string[] {
  const versions = (text: string) => new Map(parseFile(text, { filename: 'go.mod', kind: 'mod', lax: true }).directives.require.map((r) => [r.mod.path, r.mod.version]));
  const was = versions(before);
  const now = versions(after);
  const out: string[] = [];
  for (const m of modules) {
    const from = was.get(m.path);
    const to = now.get(m.path);
    if (from && to && compare(to, from) < 0) out.push(`${m.path} from ${from} to ${to}`);
  }
  return out;
}

export async function runGoFix(go: GoRunner, fs: GoFixFs, input: GoFixInput): Promise<GoFixResult> {
  const command = describe(input.action);
  const flags = fixGoFlags(input.goFlags);
  if (!flags.ok) return { ok: false, command, message: `${command} was not run: ${flags.message}`, stderr: '' };
  let dir: string;
  try {
    dir = await fs.makeTempDir();
  } catch (e) {
    return { ok: false, command, message: `${command} was not run: no temporary directory (${(e as Error).message}).`, stderr: '' };
  }
  try {
    const modFile = fs.join(dir, 'go.mod');
    const sumFile = fs.join(dir, 'go.sum');
    const built = goFixArgs(input.action, modFile);
    if (!built.ok) return { ok: false, command, message: `${command} was not run: ${built.message}.`, stderr: '' };
    const missing = input.action.kind === 'get' ? new Set(input.action.missing ?? []) : new Set<string>();
    const goMod = input.action.kind === 'get' && missing.size > 0 ? setRequireVersions(input.goMod, input.action.modules.filter((m) => missing.has(m.path))) : input.goMod;
    await fs.writeFile(modFile, goMod);
    if (input.goSum !== undefined) await fs.writeFile(sumFile, input.goSum);
    const env: Record<string, string> = {
      // The change is for this module's go.mod: a go.work above it would put
      // the go command in workspace mode, where -modfile does not apply.
      GOWORK: 'off',
    };
    if (flags.value !== undefined) env.GOFLAGS = flags.value;
    const timeoutMs = input.timeoutMs ?? GO_FIX_TIMEOUT_MS;
    const r = await go.run(built.args, { cwd: input.moduleDir, env, timeoutMs, signal: input.signal });
    if (!r.ok) {
      return { ok: false, command, stderr: r.stderr, message: explainGoError({ command, cause: r.cause, code: r.code, stderr: r.stderr, timeoutMs }) };
    }
    // A download is about go.sum alone: whatever the go command did to the copy of go.mod is not offered.
    const result = input.action.kind === 'download' ? input.goMod : await fs.readFile(modFile);
    if (result === undefined) return { ok: false, command, stderr: r.stderr, message: `${command} left no go.mod behind. Nothing was changed.` };
    const lowered = input.action.kind === 'get' ? downgrades(input.goMod, result, input.action.modules.filter((m) => !missing.has(m.path))) : [];
    if (lowered.length > 0) {
      return { ok: false, command, stderr: r.stderr, message: `${command} was not applied: it would lower ${lowered.join(', ')}. An upgrade never lowers a version; the proxy answered for a version that its .info does not confirm (go list -m -json <module>@<version> shows what it resolves to). Nothing was changed.` };
    }
    const goSum = await fs.readFile(sumFile);
    return { ok: true, command, goMod: result, goSum, stderr: r.stderr };
  } catch (e) {
    return { ok: false, command, message: `${command} failed: ${(e as Error).message}. Nothing was changed.`, stderr: '' };
  } finally {
    await fs.removeDir(dir).catch(() => undefined);
  }
}
