// @vscode/test-electron's runTests always passes --disable-workspace-trust,
// which makes every workspace trusted. Restricted mode needs VS Code started
// without it, so runTests is given a launcher that drops that one argument
// and runs VS Code with all the others.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Writes the launcher into `dir` and returns its path. */
export function withoutWorkspaceTrustFlag(executable: string, dir: string): string {
  if (process.platform === 'win32') throw new Error('the restricted-mode launch uses a POSIX shell script, which Windows cannot run');
  const script = path.join(dir, 'code-without-trust-flag.sh');
  const lines = [
    '#!/bin/sh',
    'for arg do',
    '  shift',
    '  [ "$arg" = --disable-workspace-trust ] || set -- "$@" "$arg"',
    'done',
    `exec ${shellQuote(executable)} "$@"`,
  ];
  writeFileSync(script, lines.join('\n') + '\n', { mode: 0o755 });
  return script;
}
