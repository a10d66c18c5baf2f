// Seeded mutations of go.mod/go.work text for the differential mutation test:
// deleted and inserted tokens, duplicated and truncated lines.
import { prng } from './prng';

export { prng };

const INSERTS = [
  '(', ')', '[', ']', ',', '=>', '"', '`', '//', '/*', '{', '}', '\n', '\t', ' ',
  'v1.2.3', 'v2.0.0', 'v1.2', 'v0.0.0-20200101000000-abcdefabcdef', 'v2.0.0+incompatible', 'latest', '1.21',
  'module', 'go', 'require', 'replace', 'exclude', 'retract', 'toolchain', 'godebug', 'use', 'tool', 'ignore',
  'example.com/m', 'example.com/m/v2', 'gopkg.in/yaml.v3', './local', '../up', '// indirect', '// Deprecated: x',
  '"example.com/q"', '"v1.0.0"', '"\\x41"', 'key=value', '\u00e9', '\u0000', '\ufeff', '\r\n',
];

interface Tok {
  start: number;
  end: number;
}

/** Rough token boundaries: runs of non-space, or single punctuation. */
function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /[()[\],]|=>|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"?|[^\s()[\],]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

export type MutationKind = 'delete-token' | 'insert-token' | 'duplicate-line' | 'truncate-line';
export const MUTATION_KINDS: MutationKind[] = ['delete-token', 'insert-token', 'duplicate-line', 'truncate-line'];

export function mutate(text: string, kind: MutationKind, rand: () => number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  if (kind === 'delete-token' || kind === 'insert-token') {
    const toks = tokens(text);
    if (toks.length === 0) return text + INSERTS[pick(INSERTS.length)];
    const t = toks[pick(toks.length)];
    if (kind === 'delete-token') return text.slice(0, t.start) + text.slice(t.end);
    const ins = INSERTS[pick(INSERTS.length)];
    const at = rand() < 0.5 ? t.start : t.end;
    const sep = rand() < 0.7 ? ' ' : '';
    return text.slice(0, at) + sep + ins + sep + text.slice(at);
  }
  const lines = text.split('\n');
  const i = pick(lines.length);
  if (kind === 'duplicate-line') {
    lines.splice(i, 0, lines[i]);
  } else {
    lines[i] = lines[i].slice(0, pick(lines[i].length + 1));
  }
  return lines.join('\n');
}
