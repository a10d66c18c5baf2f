// What a fix changes in go.mod, in words, line by line. The go command does
// more than it is asked: `go get m@v` drops requirements on excluded versions
// ("go: dropping requirement on excluded version", go.dev/ref/mod#go-mod-file-exclude),
// adds what m@v needs, raises the go line, and since Go 1.17 keeps indirect
// requirements in a block of their own (go.dev/ref/mod#go-mod-file-require).
// Each changed line gets one change that says what it is part of, whether the
// fix's title promised it, and whether it takes something out of the file, so
// the editor can show it before it is applied and a summary can follow.
import { compare } from '../semver/goSemver';
import { plural } from '../text/plural';
import { parseFile } from './parse';
import { lineEdits, type OffsetEdit } from './textDiff';

/** What the fix was asked to do: its title. */
export type FixIntent = { kind: 'get'; modules: { path: string; version: string }[] } | { kind: 'tidy' };

/** 'layout': blank lines and block parentheses, which only regroup what is there. */
export type ChangeKind = 'upgrade' | 'downgrade' | 'add' | 'remove' | 'move' | 'indirect' | 'direct' | 'line' | 'layout';

export interface LineChange {
  kind: ChangeKind;
  /** Words for people, the same for every line of one change: "Upgrade example.com/a v1.0.0 → v1.1.0". */
  label: string;
  /** The requirement the change is about, if any. */
  path?: string;
  from?: string;
  to?: string;
  /** A removed requirement on a version that an exclude directive names. */
  excluded?: boolean;
  /** What the fix's title promised. */
  titled: boolean;
  /** Takes something out of the file: a requirement, a directive, a comment. */
  destructive: boolean;
}

export interface DescribedEdit extends OffsetEdit {
  change: LineChange;
}

interface Req {
  version: string;
  indirect: boolean;
}

/** What one line of a go.mod holds, for pairing and describing. */
interface LineMeaning {
  /** Lines with the same key are one thing in both texts: a requirement, the go line. */
  key: string;
  require?: string;
  text: string;
}

function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function meanings(text: string): { lines: LineMeaning[]; reqs: Map<string, Req>; excluded: Set<string> } {
  // Not lax: a lax parse (modfile.ParseLax) leaves out exclude and replace, which a main module's go.mod has.
  const p = parseFile(text, { filename: 'go.mod', kind: 'mod' });
  const byLine = new Map<number, LineMeaning>();
  const reqs = new Map<string, Req>();
  for (const r of p.directives.require) {
    byLine.set(r.line.start.line, { key: `require ${r.mod.path}`, require: r.mod.path, text: '' });
    if (!reqs.has(r.mod.path)) reqs.set(r.mod.path, { version: r.mod.version, indirect: r.indirect });
  }
  if (p.directives.go) byLine.set(p.directives.go.line.start.line, { key: 'go', text: '' });
  if (p.directives.toolchain) byLine.set(p.directives.toolchain.line.start.line, { key: 'toolchain', text: '' });
  const excluded = new Set(p.directives.exclude.map((x) => `${x.mod.path}@${x.mod.version}`));
  const lines = splitLines(text).map((raw, i) => {
    const t = raw.trim();
    const m = byLine.get(i + 1);
    return m ? { ...m, text: t } : { key: `text ${t}`, text: t };
  });
  return { lines, reqs, excluded };
}

/** Pairs of lines with equal keys (indices into a and b), in order: a longest common subsequence. */
function pairByKey(a: LineMeaning[], b: LineMeaning[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > 1_000_000) return [];
  const len = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[at(i, j)] = a[i].key === b[j].key ? len[at(i + 1, j + 1)] + 1 : Math.max(len[at(i + 1, j)], len[at(i, j + 1)]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i].key === b[j].key) pairs.push([i++, j++]);
    else if (len[at(i + 1, j)] >= len[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/**
 * Edits that turn `before` into `after` (both with the same line endings),
 * one per changed line, each with the change it is part of. Applied in order
 * they give `after`: inserts sit at the end of the line they follow.
 */
export function describeGoModChange(before: string, after: string, intent: FixIntent): DescribedEdit[] {
  const was = meanings(before);
  const now = meanings(after);
  const asked = new Map(intent.kind === 'get' ? intent.modules.map((m) => [m.path, m.version]) : []);
  const titled = (path: string | undefined, to: string | undefined) =>
    intent.kind === 'tidy' || (path !== undefined && to !== undefined && asked.get(path) === to);

  const requirementChange = (path: string): LineChange => {
    const b = was.reqs.get(path);
    const a = now.reqs.get(path);
    const ind = (r: Req) => (r.indirect ? ' // indirect' : '');
    if (b && a && b.version !== a.version) {
      const up = compare(a.version, b.version) > 0;
      return { kind: up ? 'upgrade' : 'downgrade', label: `${up ? 'Upgrade' : 'Downgrade'} ${path} ${b.version} → ${a.version}`, path, from: b.version, to: a.version, titled: titled(path, a.version), destructive: false };
    }
    if (b && a && b.indirect !== a.indirect) {
      return { kind: a.indirect ? 'indirect' : 'direct', label: `Mark ${path} ${a.indirect ? 'indirect' : 'direct'}`, path, from: b.version, to: a.version, titled: titled(undefined, undefined), destructive: false };
    }
    if (b && a) return { kind: 'move', label: `Move ${path} ${a.version}${ind(a)} to another require block`, path, from: b.version, to: a.version, titled: titled(undefined, undefined), destructive: false };
    if (b) {
      const excluded = was.excluded.has(`${path}@${b.version}`);
      return { kind: 'remove', label: `Remove requirement ${path} ${b.version}${excluded ? ' (an excluded version)' : ''}`, path, from: b.version, excluded, titled: titled(undefined, undefined), destructive: true };
    }
    return { kind: 'add', label: `Add requirement ${path} ${a!.version}${ind(a!)}`, path, to: a!.version, titled: titled(path, a!.version), destructive: false };
  };

  const layout = (t: string) => t === '' || t === ')' || t.endsWith('(');
  const lineChange = (old: LineMeaning | undefined, neu: LineMeaning | undefined): LineChange => {
    const path = old?.require ?? neu?.require;
    if (path !== undefined) return requirementChange(path);
    const t = titled(undefined, undefined);
    if (old && neu) return { kind: 'line', label: `Change ${short(old.text)} → ${short(neu.text)}`, titled: t, destructive: false };
    const text = (old ?? neu)!.text;
    // Blank lines and block parentheses only regroup what is there.
    if (layout(text)) return { kind: 'layout', label: 'Regroup require blocks (layout only)', titled: t, destructive: false };
    if (old) return { kind: 'line', label: `Remove ${text.startsWith('//') ? 'comment' : 'line'}: ${short(text)}`, titled: t, destructive: true };
    return { kind: 'line', label: `Add ${short(text)}`, titled: t, destructive: false };
  };

  const a = splitLines(before);
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1] + line.length);
  const lineAt = new Map(offsets.map((o, i) => [o, i]));
  const out: DescribedEdit[] = [];
  let shift = 0; // lines of `after` minus lines of `before` so far
  for (const hunk of lineEdits(before, after)) {
    const i0 = lineAt.get(hunk.start)!;
    const i1 = lineAt.get(hunk.end)!;
    const j0 = i0 + shift;
    const added = splitLines(hunk.text);
    shift += added.length - (i1 - i0);
    const olds = was.lines.slice(i0, i1);
    const news = now.lines.slice(j0, j0 + added.length);
    const edits: DescribedEdit[] = [];
    let i = 0;
    let j = 0;
    for (const [pi, pj] of [...pairByKey(olds, news), [olds.length, added.length] as [number, number]]) {
      for (; i < pi; i++) edits.push({ start: offsets[i0 + i], end: offsets[i0 + i + 1], text: '', change: lineChange(olds[i], undefined) });
      for (; j < pj; j++) edits.push({ start: offsets[i0 + i], end: offsets[i0 + i], text: added[j], change: lineChange(undefined, news[j]) });
      if (pi < olds.length) {
        if (a[i0 + pi] !== added[pj]) edits.push({ start: offsets[i0 + pi], end: offsets[i0 + pi + 1], text: added[pj], change: lineChange(olds[pi], news[pj]) });
        i = pi + 1;
        j = pj + 1;
      }
    }
    out.push(...layoutJoined(commentsJoined(edits)));
  }
  return out;
}

/**
 * Comments above a line belong to it (modfile attaches them as its Before
 * comments), and the go command drops them with the requirement: a removed
 * comment right above a removed requirement is part of that removal.
 */
function commentsJoined(edits: DescribedEdit[]): DescribedEdit[] {
  const out = [...edits];
  for (let k = out.length - 2; k >= 0; k--) {
    const e = out[k];
    const next = out[k + 1];
    const removedComment = e.text === '' && e.change.kind === 'line' && e.change.label.startsWith('Remove comment');
    if (removedComment && next.text === '' && next.start === e.end && next.change.kind === 'remove') out[k] = { ...e, change: next.change };
  }
  return out;
}

/**
 * A blank line or a parenthesis belongs to the change beside it (the new
 * block an indirect requirement moves to, the block a removal empties): so it
 * is shown, confirmed and applied with that change, never on its own.
 */
function layoutJoined(edits: DescribedEdit[]): DescribedEdit[] {
  const meaningful = edits.filter((e) => e.change.kind !== 'layout');
  if (meaningful.length === 0) return edits;
  return edits.map((e, k) => {
    if (e.change.kind !== 'layout') return e;
    const next = edits.slice(k + 1).find((x) => x.change.kind !== 'layout');
    const previous = edits.slice(0, k).reverse().find((x) => x.change.kind !== 'layout');
    return { ...e, change: (next ?? previous)!.change };
  });
}

/** The distinct changes of a fix, in the order they first appear. */
export function distinctChanges(edits: DescribedEdit[]): LineChange[] {
  const seen = new Map<string, LineChange>();
  for (const e of edits) if (!seen.has(e.change.label)) seen.set(e.change.label, e.change);
  return [...seen.values()];
}

/**
 * Whether a change needs the user's yes: beyond the title, or destructive.
 * Layout goes with the changes around it and means nothing by itself.
 */
export function needsConfirmation(c: LineChange): boolean {
  return c.kind !== 'layout' && (!c.titled || c.destructive);
}

export function needingConfirmation(edits: DescribedEdit[]): LineChange[] {
  return distinctChanges(edits).filter(needsConfirmation);
}

export function removedRequirements(edits: DescribedEdit[]): LineChange[] {
  return distinctChanges(edits).filter((c) => c.kind === 'remove');
}


/** "upgraded 4, removed 1 requirement on an excluded version": what a fix did, for a message after it. */
export function changeSummary(edits: DescribedEdit[]): string {
  const changes = distinctChanges(edits);
  const count = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  const parts: string[] = [];
  if (count('upgrade')) parts.push(`upgraded ${count('upgrade')}`);
  if (count('downgrade')) parts.push(`downgraded ${count('downgrade')}`);
  if (count('add')) parts.push(`added ${plural(count('add'), 'requirement')}`);
  const removed = changes.filter((c) => c.kind === 'remove');
  const excluded = removed.filter((c) => c.excluded).length;
  if (removed.length > 0) {
    if (excluded === removed.length) parts.push(`removed ${plural(removed.length, 'requirement')} on ${excluded === 1 ? 'an excluded version' : 'excluded versions'}`);
    else parts.push(`removed ${plural(removed.length, 'requirement')}${excluded > 0 ? ` (${excluded} on an excluded version)` : ''}`);
  }
  if (count('move')) parts.push(`moved ${plural(count('move'), 'requirement')} to another require block`);
  if (count('indirect')) parts.push(`marked ${count('indirect')} indirect`);
  if (count('direct')) parts.push(`marked ${count('direct')} direct`);
  const other = count('line');
  if (other) parts.push(`changed ${plural(other, 'other line')}`);
  return parts.length > 0 ? parts.join(', ') : 'regrouped the require blocks';
}

/** "go.sum: 4 checksums added, 2 removed", for the go.sum part of the same edit. */
export function goSumChangeLabel(before: string, after: string): string {
  const lines = (s: string) => new Set(s.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
  const was = lines(before);
  const now = lines(after);
  const added = [...now].filter((l) => !was.has(l)).length;
  const removed = [...was].filter((l) => !now.has(l)).length;
  const parts = [added > 0 ? `${plural(added, 'checksum')} added` : '', removed > 0 ? `${plural(removed, 'checksum')} removed` : ''].filter((p) => p !== '');
  return `go.sum: ${parts.length > 0 ? parts.join(', ') : 'checksums updated'}`;
}
