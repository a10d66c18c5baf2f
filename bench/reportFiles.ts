// Every benchmark leaves its report twice in bench/: Markdown for people, JSON for comparisons between runs.
// And the figure they report: the median, which noise moves least.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

const BENCH_DIR = path.join(__dirname, '..', '..', 'bench');

export function writeReport(name: string, markdown: string, data: unknown): void {
  writeFileSync(path.join(BENCH_DIR, `${name}.md`), markdown);
  writeFileSync(path.join(BENCH_DIR, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  process.stdout.write(markdown);
}

/** The middle sample (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
