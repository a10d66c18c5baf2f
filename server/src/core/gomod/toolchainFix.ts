// Correcting a `toolchain` line, as a plain text edit: one the go command
// rejects, or one that names a language version instead of a toolchain.
// The go command accepts `toolchain default` or a name starting with `go1`
// (modfile's ToolchainRE); anything else stops it with "invalid toolchain
// version '...': must match format go1.23.0 or default". The usual slips have
// one obvious correction: a missing or wrong prefix (`1.22.1`, `v1.22.1`,
// `Go1.22.1`, `go 1.22.1`). Toolchain names are goV for a release, release
// candidate or beta, and from Go 1.21 on the first release of 1.N is 1.N.0:
// "go1.21rc1 and go1.21.0 are toolchain names; go1.21 and go1.22 are not"
// (go.dev/doc/toolchain#name), so a bare 1.N of 1.21 or later becomes go1.N.0.
// `toolchain go1.22` itself parses, but a go command that has to switch to it
// stops: "invalid toolchain: go1.22 is a language version but not a toolchain
// version (go1.22.x)" (Go 1.23).
import type { Line, Stmt } from './ast';
import type { ParsedFile } from './parse';
import type { OffsetEdit } from './textDiff';

/** A Go release version: 1.N, 1.N.P, 1.NrcK or 1.NbetaK (go.dev/doc/toolchain#version). */
const GO_RELEASE = /^1\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)|(?:rc|beta)[1-9][0-9]*)?$/;

/** The toolchain name meant by the arguments of a rejected toolchain line, or undefined when none is obvious. */
export function correctToolchainName(args: string[]): string | undefined {
  const joined = args.length === 2 && /^go$/i.test(args[0]) ? args[1] : args.length === 1 ? args[0] : undefined;
  if (joined === undefined) return undefined;
  const version = /^(?:go|v)?(.*)$/i.exec(joined)![1];
  if (!GO_RELEASE.test(version)) return undefined;
  const [, minor, patch] = /^1\.(\d+)(?:\.(\d+))?/.exec(version)!;
  const bare = patch === undefined && !/rc|beta/.test(version);
  const name = `go${bare && Number(minor) >= 21 ? `${version}.0` : version}`;
  return name === joined && args.length === 1 ? undefined : name;
}

/** For a toolchain name that is a language version of Go 1.21 or later (go1.22): the first release's name (go1.22.0). */
export function releaseForLanguageVersion(name: string): string | undefined {
  const m = /^go1\.(0|[1-9][0-9]*)$/.exec(name);
  return m && Number(m[1]) >= 21 ? `${name}.0` : undefined;
}

function toolchainLines(stmts: Stmt[]): Line[] {
  return stmts.filter((s): s is Line => s.type === 'line' && s.tokens[0]?.text === 'toolchain');
}

/** For a toolchain line at `offset` that the go command rejects or that names a language version: the corrected name and the edit that writes it. */
export function toolchainFix(p: ParsedFile, offset: number): { name: string; edit: OffsetEdit } | undefined {
  const problems = [...p.syntaxErrors, ...p.errors];
  for (const line of toolchainLines(p.syntax.stmts)) {
    if (offset < line.start.offset || offset > line.end.offset) continue;
    const args = line.tokens.slice(1);
    const rejected = problems.some((e) => e.pos.line === line.start.line);
    const name = rejected ? correctToolchainName(args.map((t) => t.raw)) : args.length === 1 ? releaseForLanguageVersion(args[0].raw) : undefined;
    if (!name) return undefined;
    return { name, edit: { start: args[0].start.offset, end: args[args.length - 1].end.offset, text: name } };
  }
  return undefined;
}
