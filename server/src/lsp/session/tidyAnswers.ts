// The go command's answer to "is this go.mod tidy?" (`go mod tidy -diff`),
// per document, asked in the background on open and save: tidy reads go.mod
// from disk, which matches the buffer then. One run per document at a time;
// a save during a run asks once more when it ends. Reset: forget every answer.
import type { GoRunner } from '../../core/gocmd/runner';
import { type TidyDiff, tidyDiff } from '../../core/gocmd/tidyDiff';

export class TidyAnswers {
  private readonly answers = new Map<string, TidyDiff>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private generation = 0;

  get(uri: string): TidyDiff | undefined {
    return this.answers.get(uri);
  }

  /** Asks the go command; `answered` runs when a new answer is stored. */
  check(uri: string, go: GoRunner, moduleDir: string, answered: () => void): Promise<void> {
    const busy = this.running.get(uri);
    if (busy) {
      this.again.add(uri);
      return busy;
    }
    const generation = this.generation;
    const run = tidyDiff(go, moduleDir).then((answer) => {
      // A reset (refresh, settings) or a close while the go command ran makes its answer stale.
      if (generation !== this.generation || !this.running.has(uri)) return;
      this.answers.set(uri, answer);
      answered();
    }).finally(() => {
      this.running.delete(uri);
      if (this.again.delete(uri) && generation === this.generation) void this.check(uri, go, moduleDir, answered);
    });
    this.running.set(uri, run);
    return run;
  }

  forget(uri: string): void {
    this.answers.delete(uri);
    this.running.delete(uri);
    this.again.delete(uri);
  }

  reset(): void {
    this.generation++;
    this.answers.clear();
    this.again.clear();
  }
}
