// Which suites a launch runs. Shared by index.ts (in the extension host, on the
// compiled files) and test/e2e/extensionHost.test.ts (on the sources, to know
// which tests must have run), so the two cannot disagree.
import { readdirSync } from 'node:fs';

export type Mode = 'trusted' | 'restricted';
export const MODES: readonly Mode[] = ['trusted', 'restricted'];

const RESTRICTED_SUITE = 'restricted.vscodetest';

/**
 * The suite files in `dir` for this mode, sorted: "trusted" runs every suite
 * but the restricted one, "restricted" only that one. `ext` is ".js" for the
 * compiled suites, ".ts" for their sources.
 */
export function suiteFiles(dir: string, mode: Mode, ext: '.js' | '.ts'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(`.vscodetest${ext}`) && (f === `${RESTRICTED_SUITE}${ext}`) === (mode === 'restricted'))
    .sort();
}
