// Modules that only version control can answer (GOPRIVATE/GONOPROXY, or a
// GOPROXY list that reached "direct"), resolved by the user's own go command:
// it follows go.dev/ref/mod#vcs (go-import meta tags, VCS-qualified paths,
// GOVCS, GOINSECURE, tags of module subdirectories and majors, +incompatible)
// and runs the user's git with their credential helpers, url.insteadOf, ssh
// configuration and .netrc. Its answers are shaped as a proxy's, so the
// lookups, caches, findings and fixes treat them as any other. A private
// path goes nowhere but where the go command sends it: its own host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BODY_LIMITS } from '../proxy/limits';
import type { DirectSource } from '../proxy/directSource';
import type { Fetched } from '../proxy/transport';
import type { GoRunner } from '../gocmd/runner';
import { redactText } from '../text/redact';
import { explainDirectFailure, isNotFound } from './directFailure';
import { GoListBatch, type GoListAnswer } from './goListBatch';

export interface GoDirectOptions {
  go: GoRunner;
  /** The user's environment (the go command reads GOPRIVATE, GOVCS, GOINSECURE, git's and ssh's variables from it). */
  env: Record<string, string | undefined>;
  readFile(file: string, maxBytes: number): Promise<Buffer>;
  processes?: number;
  timeoutMs?: number;
  /** Resolves when git work may start: the module proxy's answers go first (ProxyActivity). */
  startWhen?: () => Promise<void>;
}

/** git over a slow link, several repositories per run: a minute, as the go command's own tests allow a fetch. */
export const DIRECT_TIMEOUT_MS = 60_000;
export const DIRECT_PROCESSES = 2;
const ARGS_PER_PROCESS = 16;
/** How long a failure answers again without asking (a lookup's few asks of one module, not a later check). */
const FAILURE_MEMORY_MS = 10_000;
const MAX_REMEMBERED = 4096;

/**
 * Never a prompt: git's, a credential manager's and ssh's would hang a
 * process that has no terminal. The user's own choices for each stay.
 */
export function directEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    // Outside any module and workspace (the queries run in an empty directory), with the module cache written as usual.
    GO111MODULE: 'on',
    GOWORK: 'off',
    GOFLAGS: '-mod=mod',
  };
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) out.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  return out;
}

export function goDirectSource(opts: GoDirectOptions): DirectSource {
  let scratch: string | undefined;
  // An empty directory of our own: a go.mod in the working directory (a shared
  // temporary directory can hold anyone's) would turn queries into its module's.
  const cwd = () => (scratch ??= mkdtempSync(path.join(tmpdir(), 'go-mod-hygiene-vcs-')));
  const timeoutMs = opts.timeoutMs ?? DIRECT_TIMEOUT_MS;
  const batch = new GoListBatch({ go: opts.go, cwd, env: directEnv(opts.env), processes: opts.processes ?? DIRECT_PROCESSES, maxArgs: ARGS_PER_PROCESS, timeoutMs, startWhen: opts.startWhen });

  const failed = (modulePath: string, a: Extract<GoListAnswer, { kind: 'failed' }> | { message: string; timedOut: boolean }): Fetched => {
    if (!a.timedOut && isNotFound(a.message)) return { kind: 'not-found', status: 404, message: explainNotFound(a.message) };
    return { kind: 'error', message: explainDirectFailure(modulePath, a.message, a.timedOut).message };
  };

  // Failures are remembered for a moment: one lookup asks for a module's list
  // several times (latest, upgrade, majors), and each ask of a host that needs
  // a login, or is down, would be another go run and another wait.
  const recentFailures = new Map<string, { at: number; answer: Fetched }>();
  const remembered = async (key: string, ask: () => Promise<Fetched>): Promise<Fetched> => {
    const seen = recentFailures.get(key);
    if (seen && Date.now() - seen.at < FAILURE_MEMORY_MS) return seen.answer;
    const answer = await ask();
    if (answer.kind === 'error') {
      if (recentFailures.size >= MAX_REMEMBERED) recentFailures.clear();
      recentFailures.set(key, { at: Date.now(), answer });
    }
    return answer;
  };

  // The plain list (-versions without a query) is the cheapest question for a
  // major that does not exist, which most lookups of newer majors are: with
  // @latest the go command would fetch the repository to look for a pseudo-version.
  const versions = async (modulePath: string): Promise<Fetched> => {
    const a = await batch.ask('versions', modulePath, modulePath);
    if (a.kind === 'failed') return failed(modulePath, a);
    if (a.module.Error) return failed(modulePath, { message: a.module.Error.Err, timedOut: false });
    return { kind: 'ok', body: Buffer.from((a.module.Versions ?? []).join('\n')) };
  };

  /** A version's .info or go.mod, or @latest's .info: `go list -m P@query` names the version, its time and its go.mod file. */
  const versionFile = async (modulePath: string, endpoint: 'latest' | 'info' | 'mod', q: string): Promise<Fetched> => {
    const a = await batch.ask('query', modulePath, `${modulePath}@${q}`);
    if (a.kind === 'failed') return failed(modulePath, a);
    const m = a.module;
    if (m.Error) return failed(modulePath, { message: m.Error.Err, timedOut: false });
    if (!m.Version) return { kind: 'error', message: `go list named no version for ${modulePath}@${q}` };
    if (endpoint !== 'mod') return { kind: 'ok', body: Buffer.from(JSON.stringify({ Version: m.Version, Time: m.Time })) };
    if (!m.GoMod) return { kind: 'not-found', status: 404, message: `no go.mod for ${modulePath}@${q}` };
    try {
      return { kind: 'ok', body: await opts.readFile(m.GoMod, BODY_LIMITS.mod) };
    } catch (e) {
      return { kind: 'error', message: `reading ${m.GoMod}: ${(e as Error).message}` };
    }
  };

  return {
    get(modulePath, endpoint, version) {
      if (endpoint === 'list') return remembered(`list ${modulePath}`, () => versions(modulePath));
      const q = endpoint === 'latest' ? 'latest' : version;
      return remembered(`${endpoint} ${modulePath}@${q}`, () => versionFile(modulePath, endpoint, q));
    },
    close() {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      scratch = undefined;
    },
  };
}

/** The go command's reason, without the lines of git output before it. */
function explainNotFound(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  return redactText(lines.at(-1) ?? message).slice(0, 400);
}
