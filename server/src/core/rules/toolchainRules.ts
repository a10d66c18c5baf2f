// A toolchain line that names a Go language version instead of a toolchain
// (go.dev/doc/toolchain#name): "go1.21 and go1.22 are not [toolchain names]
// (the initial releases are go1.21.0 and go1.22.0)". The go command accepts
// the line while its own version is newer, and stops as soon as it has to
// switch to it.
import { argTokens } from '../gomod/ast';
import type { ParsedFile } from '../gomod/parse';
import { releaseForLanguageVersion } from '../gomod/toolchainFix';
import { type Finding, finding } from './finding';
import { tokenRange } from './lineParts';

export function toolchainRules(p: ParsedFile): Finding[] {
  const t = p.directives.toolchain;
  const release = t && releaseForLanguageVersion(t.name);
  if (!t || !release) return [];
  const at = tokenRange(argTokens(t.line)[0], t.line);
  return [finding('toolchain-language-version', at.start, at.end,
    `${t.name} is a Go language version, not a toolchain: write toolchain ${release}, the first ${t.name.slice(2)} release. A go command that has to switch to this toolchain stops with "invalid toolchain: ${t.name} is a language version but not a toolchain version".`)];
}
