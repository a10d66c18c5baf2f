// An outline of a go.mod/go.work file (directives and the entries in their
// blocks) and the local directories it points at, independent of any editor.
import type { Line, LineBlock, Position, Token } from './ast';
import { isDirectoryPath } from './directives';
import type { ParsedFile } from './parse';

export type OutlineKind = 'module' | 'go' | 'toolchain' | 'godebug' | 'require' | 'exclude' | 'replace' | 'retract' | 'tool' | 'ignore' | 'use' | 'unknown';

export interface OutlineItem {
  kind: OutlineKind;
  name: string;
  detail: string;
  start: Position;
  end: Position;
  /** The part to reveal when the item is selected: the module path, or the directive word. */
  selectStart: Position;
  selectEnd: Position;
  children: OutlineItem[];
}

const KINDS = new Set<OutlineKind>(['module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore', 'use']);

function kindOf(verb: string): OutlineKind {
  return KINDS.has(verb as OutlineKind) ? (verb as OutlineKind) : 'unknown';
}

function entry(kind: OutlineKind, tokens: Token[], line: Line): OutlineItem {
  const first = tokens.length > 0 ? tokens[0] : line.tokens[0];
  const texts = tokens.map((t) => t.text);
  let name = texts[0] ?? '';
  let detail = texts.slice(1).join(' ');
  if (kind === 'replace') {
    name = texts.join(' ');
    detail = '';
  } else if (kind === 'retract') {
    name = texts.join(' ').replace(/\[ /, '[').replace(/ ,/, ',').replace(/ \]/, ']');
    detail = '';
  } else if (kind === 'require' && line.comments.suffix[0]?.token.match(/^\/\/\s*indirect\b/)) {
    detail += ' // indirect';
  }
  return { kind, name, detail, start: line.start, end: line.end, selectStart: first.start, selectEnd: first.end, children: [] };
}

function blockItem(kind: OutlineKind, b: LineBlock): OutlineItem {
  const rparenEnd = { ...b.rparen.pos, offset: b.rparen.pos.offset + 1, col: b.rparen.pos.col + 1 };
  return {
    kind,
    name: b.tokens.map((t) => t.raw).join(' '),
    detail: `${b.lines.length} ${b.lines.length === 1 ? 'entry' : 'entries'}`,
    start: b.start,
    end: rparenEnd,
    selectStart: b.tokens[0].start,
    selectEnd: b.tokens[b.tokens.length - 1].end,
    children: b.lines.filter((l) => l.tokens.length > 0).map((l) => entry(kind, l.tokens, l)),
  };
}

export function outline(p: ParsedFile): OutlineItem[] {
  const items: OutlineItem[] = [];
  for (const s of p.syntax.stmts) {
    if (s.type === 'line') {
      const kind = kindOf(s.tokens[0].raw);
      const item = entry(kind, s.tokens.slice(1), s);
      if (s.tokens.length === 1) {
        item.name = s.tokens[0].raw;
        item.selectStart = s.tokens[0].start;
        item.selectEnd = s.tokens[0].end;
      }
      if (kind === 'go' || kind === 'toolchain' || kind === 'unknown') {
        item.name = s.tokens.map((t) => t.text).join(' ');
        item.detail = '';
        item.selectStart = s.tokens[0].start;
        item.selectEnd = s.tokens[0].end;
      }
      items.push(item);
    } else if (s.type === 'block') {
      items.push(blockItem(kindOf(s.tokens[0].raw), s));
    }
  }
  return items;
}

export interface LocalPathLink {
  /** The directory as written in the file (unquoted). */
  path: string;
  start: Position;
  end: Position;
}

/** Directory targets of replace (go.mod and go.work) and use (go.work) directives. */
export function localPathLinks(p: ParsedFile): LocalPathLink[] {
  const links: LocalPathLink[] = [];
  for (const r of p.directives.replace) {
    if (!isDirectoryPath(r.new.path)) continue;
    const arrow = r.line.tokens.findIndex((t) => t.text === '=>');
    const tok = r.line.tokens[arrow + 1];
    if (tok) links.push({ path: r.new.path, start: tok.start, end: tok.end });
  }
  for (const u of p.directives.use) {
    const tok = u.line.tokens[u.line.tokens.length - 1];
    links.push({ path: u.path, start: tok.start, end: tok.end });
  }
  return links;
}
