// The process entry of dist/cli.js. `lsp` starts the language-server face;
// every other command belongs to the command-line face. The two faces never
// import each other: this file is the only one that knows both. Each face is
// loaded only when its command runs: the editor waits for `lsp` to answer
// initialize, and the command line (with the engine behind `check`) is code
// the language server would evaluate for nothing.
import type { Io } from './cli/cli';
import { redactText } from './core/text/redact';

const cliFace = () => require('./cli/cli') as typeof import('./cli/cli');

/** The status of a run that checked nothing (see the exit codes in cli/cli.ts). */
const FAILED = 2;

function startLanguageServer(args: string[], io: Io): number {
  // vscode-languageclient appends --clientProcessId=PID; vscode-languageserver reads it to exit with the editor.
  const unknown = args.filter((a) => a !== '--stdio' && !/^--clientProcessId=\d+$/.test(a));
  if (unknown.length > 0) return cliFace().usageError(io, `unknown flag for lsp: ${unknown[0]}`);
  // Loaded on demand so that `parse` and `check` start without the LSP libraries.
  const { startServer } = require('./lsp/connection') as typeof import('./lsp/connection');
  startServer();
  return -1; // keep running
}

/**
 * One line for the user, never a stack trace: this is a bug in the tool or a
 * broken installation. Node's messages can run on ("Require stack: ..."),
 * so only the first line is kept.
 */
function internalError(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const first = (err instanceof Error ? err.message : String(e)).split('\n')[0];
  const hint = err?.code === 'MODULE_NOT_FOUND' ? ' (a file of go-mod-hygiene is missing: build or install it again)' : '';
  return redactText(`go-mod-hygiene: internal error: ${first}${hint}\n`);
}

function fail(e: unknown): void {
  process.stderr.write(internalError(e));
  process.exit(FAILED);
}

const [command, ...rest] = process.argv.slice(2);
const serving = command === 'lsp' && !rest.includes('--help') && !rest.includes('-h');
if (!serving) {
  // The language server keeps node's own reports: its stderr is the editor's log, where a stack helps.
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // A reader that stops early (`check | head`) is not a failure of the check, whose status still counts.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? undefined : fail(e)));
}

// Every error message is redacted here; parse's output is the user's own file and is printed as it is.
const io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(redactText(s)) };
let run: Promise<number>;
try {
  run = serving ? Promise.resolve(startLanguageServer(rest, io)) : cliFace().main(process.argv.slice(2), io);
} catch (e) {
  // Loading the command line can fail before it runs (a bundle part missing next to this file).
  run = Promise.reject(e);
}
run.then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  fail,
);
