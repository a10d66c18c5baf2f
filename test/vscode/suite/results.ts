// The outcome of a mocha run as a JSON file (GMH_VSCODE_RESULTS), for a test
// that starts the extension host from outside and must not scrape the mocha
// report out of console text: test/e2e/extensionHost.test.ts.
import { renameSync, writeFileSync } from 'node:fs';
import type Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  /** Failed tests and hooks, by full title. */
  failures: { title: string; message: string }[];
  /** Titles of the tests that ran (passed or failed). */
  tests: string[];
}

export function emptyResults(): SuiteResults {
  return { passed: 0, failed: 0, pending: 0, failures: [], tests: [] };
}

/** Fills `results` from the runner's events as the run goes. */
export function record(runner: Mocha.Runner, results: SuiteResults): void {
  runner.on('pass', (t) => {
    results.passed++;
    results.tests.push(t.title);
  });
  runner.on('fail', (t, err: unknown) => {
    results.failed++;
    results.failures.push({ title: t.fullTitle(), message: err instanceof Error ? err.message : String(err) });
    // A failing hook is not a test; the tests it stops never run, and so are missing from `tests`.
    if (t.type === 'test') results.tests.push(t.title);
  });
  runner.on('pending', () => results.pending++);
}

/** Written whole and then renamed, so a reader polling for the file never sees half of it. */
export function writeResults(file: string, results: SuiteResults): void {
  writeFileSync(`${file}.partial`, JSON.stringify(results, null, 2));
  renameSync(`${file}.partial`, file);
}
