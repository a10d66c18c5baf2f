// `go list -m -json -e` for many module queries at once. Each go process
// starts in some tens of milliseconds and resolves its arguments in parallel
// (modload.ListModules), so queries that arrive together share one process:
// a go.mod's private requirements cost a few go runs, not one per lookup.
// Processes have their own small limit, because each one runs git, and a hover
// or hint never waits for them (the caller decides what to wait for).
import { splitJsonObjects } from './jsonStream';
import type { GoRunner } from '../gocmd/runner';

/** The fields of cmd/go's modinfo.ModulePublic that a lookup reads. */
export interface GoListModule {
  Path: string;
  Version?: string;
  Query?: string;
  Time?: string;
  Versions?: string[];
  GoMod?: string;
  Error?: { Err: string };
}

export type GoListAnswer = { kind: 'module'; module: GoListModule } | { kind: 'failed'; message: string; timedOut: boolean };

/** Two kinds of run: `-versions -retracted` lists (every tagged version, retracted ones included, as a proxy's list), and plain queries. */
export type BatchKind = 'versions' | 'query';

export interface GoListBatchOptions {
  go: GoRunner;
  cwd: () => string;
  env: Record<string, string>;
  /** go processes at once. */
  processes: number;
  /** Arguments per go process. */
  maxArgs: number;
  timeoutMs: number;
  /** Resolves when a batch may start (once the module proxy is quiet); at once when absent. */
  startWhen?: () => Promise<void>;
}

interface Waiting {
  arg: string;
  path: string;
  settle: (a: GoListAnswer) => void;
}

export class GoListBatch {
  private readonly queued: Record<BatchKind, Waiting[]> = { versions: [], query: [] };
  private readonly inFlight = new Map<string, Promise<GoListAnswer>>();
  private running = 0;
  private scheduled = false;

  constructor(private readonly opts: GoListBatchOptions) {}

  /** `arg` is a module path (versions) or path@query; `path` is the module path the answer names. */
  ask(kind: BatchKind, path: string, arg: string): Promise<GoListAnswer> {
    const key = `${kind} ${arg}`;
    let p = this.inFlight.get(key);
    if (!p) {
      p = new Promise<GoListAnswer>((settle) => this.queued[kind].push({ arg, path, settle })).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
      this.schedule();
    }
    return p;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // One turn of the event loop (and the wait for a quiet proxy): the lookups
    // a check starts together land in one batch.
    setImmediate(() => {
      void (this.opts.startWhen?.() ?? Promise.resolve()).then(() => {
        this.scheduled = false;
        this.pump();
      });
    });
  }

  private pump(): void {
    while (this.running < this.opts.processes) {
      const kind: BatchKind | undefined = this.queued.versions.length > 0 ? 'versions' : this.queued.query.length > 0 ? 'query' : undefined;
      if (!kind) return;
      const batch = this.take(kind);
      this.running++;
      void this.run(kind, batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** Up to maxArgs waiting queries, one per module path: the go command answers a path once per run. */
  private take(kind: BatchKind): Waiting[] {
    const queue = this.queued[kind];
    const batch: Waiting[] = [];
    const paths = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < this.opts.maxArgs; ) {
      if (paths.has(queue[i].path)) {
        i++;
        continue;
      }
      paths.add(queue[i].path);
      batch.push(...queue.splice(i, 1));
    }
    return batch;
  }

  private async run(kind: BatchKind, batch: Waiting[]): Promise<void> {
    const flags = kind === 'versions' ? ['-versions', '-retracted'] : [];
    const answers = await this.goList(flags, batch.map((w) => w.arg));
    const missing: Waiting[] = [];
    batch.forEach((w, i) => {
      const a = answers.kind === 'failed' ? undefined : answers.modules[i];
      if (a && a.Path === w.path) w.settle({ kind: 'module', module: a });
      else if (answers.kind === 'failed' && batch.length === 1) w.settle(answers);
      else missing.push(w);
    });
    // A run that stopped before answering everyone (an argument the go command
    // rejects outright stops it, even with -e): the rest are asked one by one.
    for (const w of missing) {
      const one = await this.goList(flags, [w.arg]);
      const m = one.kind === 'failed' ? undefined : one.modules[0];
      w.settle(m && m.Path === w.path ? { kind: 'module', module: m } : one.kind === 'failed' ? one : { kind: 'failed', message: `go list gave no answer for ${w.arg}`, timedOut: false });
    }
  }

  private async goList(flags: string[], args: string[]): Promise<{ kind: 'ok'; modules: GoListModule[] } | Extract<GoListAnswer, { kind: 'failed' }>> {
    const r = await this.opts.go.run(['list', '-m', '-json', '-e', ...flags, '--', ...args], { cwd: this.opts.cwd(), env: this.opts.env, timeoutMs: this.opts.timeoutMs, background: true });
    const modules = splitJsonObjects(r.stdout).filter(isModule);
    if (r.ok || modules.length > 0) return { kind: 'ok', modules };
    const timedOut = r.cause === 'timeout';
    const message = timedOut ? `the go command did not finish within ${Math.round(this.opts.timeoutMs / 1000)} s` : r.stderr.trim() || `go list failed (${r.cause})`;
    return { kind: 'failed', message, timedOut };
  }
}

function isModule(v: unknown): v is GoListModule {
  return typeof v === 'object' && v !== null && typeof (v as { Path?: unknown }).Path === 'string';
}
