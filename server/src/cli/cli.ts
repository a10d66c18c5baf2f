// The command-line face: `go-mod-hygiene parse FILE` and `go-mod-hygiene check`.
// Exit codes (documented in USAGE): 0 clean, 1 findings at --fail-on (errors by
// default, as linters do), 2 nothing could be checked.
// `lsp` is dispatched by ../main.ts before this face is reached.
import { decodeGoBytes } from '../core/text/goText';
import { editJson, fileKindOf, formatProblem } from '../core/gomod/parse';
import { runCheck } from './check';
import { readRegularFileSync } from '../node/regularFile';
import { redactText } from '../core/text/redact';

declare const PACKAGE_VERSION: string;
const version = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev';

const USAGE = `Usage: go-mod-hygiene <command> [arguments]

Commands:
  check [PATH]    check a go.mod, or a go.work and every module it uses, against
                  the module proxy configured for Go (GOPROXY): updates,
                  retractions, deprecations, known vulnerabilities (from the
                  Go vulnerability database: GOVULNDB, default
                  https://vuln.go.dev; only its index is downloaded, no
                  module path is sent), replace/exclude misuse. PATH is a
                  file or a directory (its go.work if it has one and GOWORK is
                  not off, else its go.mod); default: the current directory
    --json            print {"modules": [...], "findings": [...]}
    --offline         answer only from the module cache (GOMODCACHE) and the
                      cached copy of the vulnerability database: no network
    --no-cache        do not use cached proxy or database answers
    --no-vulns        do not check known vulnerabilities
    --times           also fetch publish times (two requests more per update)
    --tidy            also ask the go command (go mod tidy -diff) whether
                      go.mod is tidy; this may download the module graph
    --fail-on LEVEL   exit 1 if a finding is at least LEVEL: error (default),
                      warning, info, hint, or none to never fail on findings
    --width N         wrap the text report at N columns (0: never); by default
                      only a terminal is wrapped, at $COLUMNS or its width
  parse FILE      print FILE (a go.mod or go.work) as \`go mod edit -json\` /
                  \`go work edit -json\` would; errors go to stderr as
                  FILE:LINE:COL: message
  lsp --stdio     run the language server over standard input and output

Options:
  -h, --help      show this help
  -v, --version   show the version

Exit status:
  0  no finding at or above --fail-on (parse: the file is valid)
  1  findings at or above --fail-on, errors by default (parse: Go rejects FILE)
  2  nothing was checked: a usage error (the reason, then this help), a file
     that cannot be read or a failure while starting (one line on stderr)
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function usageError(io: Io, message: string): number {
  io.err(`go-mod-hygiene: ${message}\n\n${USAGE}`);
  return 2;
}

function runParse(args: string[], io: Io): number {
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  if (flags.length > 0) return usageError(io, `unknown flag for parse: ${flags[0]}`);
  if (args.length !== 1) return usageError(io, 'parse takes exactly one FILE');
  const file = args[0];
  const read = readRegularFileSync(file);
  if (!read.ok) {
    io.err(`go-mod-hygiene: cannot read ${file}: ${read.reason}\n`);
    return 2;
  }
  const result = editJson(decodeGoBytes(read.bytes), { filename: file, kind: fileKindOf(file) });
  if (!result.ok) {
    io.err(result.errors.map((e) => formatProblem(file, e) + '\n').join(''));
    return 1;
  }
  io.out(result.value);
  return 0;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(io, 'missing command');
  if (command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`go-mod-hygiene ${version}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  switch (command) {
    case 'parse':
      return runParse(rest, io);
    case 'check':
      // Everything check prints can quote GOPROXY, a proxy's answer or the go command; its errors are redacted below.
      return runCheck(rest, {
        ...io,
        out: (s) => io.out(redactText(s)),
        stdoutIsTty: process.stdout.isTTY === true,
        stderrIsTty: process.stderr.isTTY === true,
        columns: process.stdout.columns,
        env: process.env,
        cwd: process.cwd(),
        usage: (message) => usageError(io, message),
      });
    default:
      if (command.startsWith('-')) return usageError(io, `unknown flag: ${command}`);
      return usageError(io, `unknown command: ${command}`);
  }
}
