// `go mod tidy -diff` (Go 1.23+): what tidy would change, as a unified diff,
// without writing go.mod or go.sum. The user's files are never touched.
import type { GoRunner } from './runner';

export type TidyDiff =
  /** Tidy would change nothing. */
  | { kind: 'tidy' }
  /** Tidy would change go.mod or go.sum: the diff it printed. */
  | { kind: 'diff'; diff: string }
  /** The go command could not answer (an older Go, a module it cannot load, a deadline). */
  | { kind: 'failed'; why: string };

export const TIDY_TIMEOUT_MS = 120_000;

export async function tidyDiff(go: GoRunner, moduleDir: string, timeoutMs = TIDY_TIMEOUT_MS): Promise<TidyDiff> {
  const r = await go.run(['mod', 'tidy', '-diff'], { cwd: moduleDir, timeoutMs });
  if (r.ok) return { kind: 'tidy' };
  if (r.cause !== 'exit' || r.stdout.trim() === '') return { kind: 'failed', why: (cause(r.stderr) || r.cause).slice(0, 300) };
  return { kind: 'diff', diff: r.stdout };
}

/** Notes the go command prints on its way (go: downloading, finding, dropping, found ...), not the error it stops at. */
const PROGRESS = /^go: (downloading|finding|found|dropping|upgraded|added|removed|extracting) /;

/** The line that says why the go command stopped: its last line that is not a progress note. */
export function cause(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.filter((l) => !PROGRESS.test(l)).at(-1) ?? lines.at(-1) ?? '';
}
