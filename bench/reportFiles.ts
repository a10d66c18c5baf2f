// Every benchmark leaves its report twice in bench/: Markdown for people, JSON for comparisons between runs.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

const BENCH_DIR = path.join(__dirname, '..', '..', 'bench');

export function writeReport(name: string, markdown: string, data: unknown): void {
  writeFileSync(path.join(BENCH_DIR, `${name}.md`), markdown);
  writeFileSync(path.join(BENCH_DIR, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  process.stdout.write(markdown);
}
