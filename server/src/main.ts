// The process entry of dist/cli.js. `lsp` starts the language-server face;
// every other command belongs to the command-line face. The two faces never
// import each other: this file is the only one that knows both. Each face is
// loaded only when its command runs: the editor waits for `lsp` to answer
// initialize, and the command line (with the engine behind `check`) is code
// the language server would evaluate for nothing.
import type { Io } from './cli/cli';
import { redactText } from './core/text/redact';

const cliFace = () => require('./cli/cli') as typeof import('./cli/cli');

function startLanguageServer(args: string[], io: Io): number {
  // vscode-languageclient appends --clientProcessId=PID; vscode-languageserver reads it to exit with the editor.
  const unknown = args.filter((a) => a !== '--stdio' && !/^--clientProcessId=\d+$/.test(a));
  if (unknown.length > 0) return cliFace().usageError(io, `unknown flag for lsp: ${unknown[0]}`);
  // Loaded on demand so that `parse` and `check` start without the LSP libraries.
  const { startServer } = require('./lsp/connection') as typeof import('./lsp/connection');
  startServer();
  return -1; // keep running
}

// Every error message is redacted here; parse's output is the user's own file and is printed as it is.
const io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(redactText(s)) };
const [command, ...rest] = process.argv.slice(2);
const run = command === 'lsp' && !rest.includes('--help') && !rest.includes('-h')
  ? Promise.resolve(startLanguageServer(rest, io))
  : cliFace().main(process.argv.slice(2), io);
run.then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    // Never a stack trace for the user; this is a bug in the tool.
    process.stderr.write(redactText(`go-mod-hygiene: internal error: ${e instanceof Error ? e.message : String(e)}\n`));
    process.exitCode = 3;
  },
);
