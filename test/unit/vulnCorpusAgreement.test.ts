// The engine's vulnerability matching against a second reading of the OSV
// rules (test/support/osvReference.ts), on every requirement of the
// real-world go.mod corpus. The engine is asked the way the product asks it:
// the database is written in the v1 layout, opened over file:// through the
// real client (index, candidate selection by the index's fixed version,
// entries read by id), and each requirement goes through its replace
// directive (vulnTargetOf) into gatherVulns. Entries are generated around the
// versions the corpus requires, so that matching is tested at its edges on
// real module paths and versions (pseudo-versions, pre-releases,
// +incompatible, replacements), in the fixture database and in one the size
// of vuln.go.dev.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SemVer } from 'semver';
import { gatherVulns, vulnTargetOf } from '../../server/src/core/facts/vulnFacts';
import type { ParsedFile } from '../../server/src/core/gomod/parse';
import { parseFile } from '../../server/src/core/gomod/parse';
import { replacementFor } from '../../server/src/core/gomod/replacement';
import { decodeGoBytes } from '../../server/src/core/text/goText';
import { vulnDbLocation } from '../../server/src/core/vuln/location';
import { loadCorpus } from '../support/corpus';
import { OsvReference, referenceTarget } from '../support/osvReference';
import { prng } from '../support/prng';
import { generateVulnDbEntries, type OsvJson, VULN_FIXTURE_ENTRIES, writeVulnDb } from '../support/vulnDb';
import { vulnDbClient } from '../support/vulnDbHarness';

/** The matching's "now": every withdrawal in the data is before it. */
const NOW = Date.parse('2026-12-01T00:00:00Z');

const CORPUS: { name: string; parsed: ParsedFile }[] = loadCorpus()
  .filter((f) => f.name.startsWith('realworld/') && f.kind === 'mod')
  .map((f) => ({ name: f.name, parsed: parseFile(decodeGoBytes(f.bytes), { filename: f.name, kind: 'mod' }) }));

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

// ---------------------------------------------------------------------------
// Entries about the corpus's modules.

type Event = { introduced?: string; fixed?: string };
type Item = { ranges?: { type: string; events: Event[] }[] };

/** Versions near an anchor (OSV form, build dropped): below it, nearest first, and above it, nearest first. */
function neighbours(anchor: string): { below: string[]; above: string[] } {
  const s = new SemVer(anchor);
  const { major: M, minor: m, patch: p } = s;
  const below = [`${M}.${m}.${p}-0`, `${M}.${m}.${p}-beta.1`, `${M}.${m}.${p}-rc.1`, p > 0 ? `${M}.${m}.${p - 1}` : '', p > 0 ? `${M}.${m}.${p - 1}-rc.1` : '',
    m > 0 ? `${M}.${m - 1}.0` : '', M > 0 ? `${M - 1}.0.0` : '', '0.0.0-0'];
  const above = [`${M}.${m}.${p}`, `${M}.${m}.${p}-rc.99`, `${M}.${m}.${p + 1}-0`, `${M}.${m}.${p + 1}-rc.1`, `${M}.${m}.${p + 1}`, `${M}.${m + 1}.0-rc.1`, `${M}.${m + 1}.0`, `${M + 1}.0.0`];
  const uniq = (xs: string[]) => [...new Set(xs.filter((x) => x !== ''))];
  return {
    below: uniq(below).filter((x) => s.compare(x) > 0).sort((a, b) => new SemVer(b).compare(a)),
    above: uniq(above).filter((x) => s.compare(x) < 0).sort((a, b) => new SemVer(a).compare(b)),
  };
}

interface Points { a: string; b1: string; b2: string; u1: string; u2: string; preAbove: string; preBelow: string }

/** Points around the anchor: b2 < b1 < a < u1 < u2, and pre-releases just above and below; undefined where they run out. */
function points(anchor: string, rnd: () => number): Partial<Points> & { a: string } {
  const { below, above } = neighbours(anchor);
  const pick = (xs: string[]) => (xs.length === 0 ? 0 : Math.floor(rnd() * Math.min(2, xs.length)));
  const bi = pick(below);
  const ui = pick(above);
  return {
    a: anchor, b1: below[bi], b2: below[bi + 1], u1: above[ui], u2: above[ui + 1],
    preAbove: above.find((x) => new SemVer(x).prerelease.length > 0), preBelow: below.find((x) => new SemVer(x).prerelease.length > 0),
  };
}

const semverRange = (...events: Event[]) => ({ type: 'SEMVER', events });

/** The shapes of entries around one version: what matching must get right at its edges. Each needs the points it names. */
const SHAPES: { name: string; needs: (keyof Points)[]; items: (p: Points, rnd: () => number) => Item[] }[] = [
  { name: 'fixed above', needs: ['u1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.u1 })] }] },
  { name: 'fixed at the version', needs: [], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.a })] }] },
  { name: 'introduced at the version', needs: ['u1'], items: (p) => [{ ranges: [semverRange({ introduced: p.a }, { fixed: p.u1 })] }] },
  { name: 'fixed just below', needs: ['b1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 })] }] },
  { name: 'around the version', needs: ['b1', 'u1'], items: (p) => [{ ranges: [semverRange({ introduced: p.b1 }, { fixed: p.u1 })] }] },
  { name: 'introduced above', needs: ['u1', 'u2'], items: (p) => [{ ranges: [semverRange({ introduced: p.u1 }, { fixed: p.u2 })] }] },
  { name: 're-introduced at the version', needs: ['b1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 }, { introduced: p.a })] }] },
  { name: 're-introduced above', needs: ['b1', 'u1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 }, { introduced: p.u1 })] }] },
  { name: 'second span', needs: ['b2', 'b1', 'u1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b2 }, { introduced: p.b1 }, { fixed: p.u1 })] }] },
  { name: 'between spans', needs: ['b1', 'u1', 'u2'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 }, { introduced: p.u1 }, { fixed: p.u2 })] }] },
  { name: 'pre-release fix above', needs: ['preAbove'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.preAbove })] }] },
  { name: 'pre-release fix below', needs: ['preBelow'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.preBelow })] }] },
  { name: 'never fixed', needs: [], items: () => [{ ranges: [semverRange({ introduced: '0' })] }] },
  { name: 'no ranges', needs: [], items: () => [{}] },
  {
    name: 'events out of order', needs: ['b2', 'b1', 'u1'],
    items: (p, rnd) => {
      const events: Event[] = [{ introduced: '0' }, { fixed: p.b2 }, { introduced: p.b1 }, { fixed: p.u1 }];
      for (let i = events.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [events[i], events[j]] = [events[j], events[i]];
      }
      return [{ ranges: [semverRange(...events)] }];
    },
  },
  { name: 'two ranges', needs: ['b2', 'b1', 'u1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b2 }), semverRange({ introduced: p.b1 }, { fixed: p.u1 })] }] },
  { name: 'another kind of range beside', needs: ['b1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 }), { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '999.0.0' }] }] }] },
  // One module in several affected items of one entry: a fix one item gives, another may take back.
  { name: 'split items', needs: ['b1', 'u1', 'u2'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.b1 })] }, { ranges: [semverRange({ introduced: p.a }, { fixed: p.u1 })] }, { ranges: [semverRange({ introduced: p.u1 }, { fixed: p.u2 })] }] },
  { name: 'split items, version in the later one', needs: ['b1', 'u1'], items: (p) => [{ ranges: [semverRange({ introduced: p.b1 }, { fixed: p.u1 })] }, { ranges: [semverRange({ introduced: '0' }, { fixed: p.a })] }] },
  { name: 'split items, one without ranges', needs: ['u1'], items: (p) => [{ ranges: [semverRange({ introduced: '0' }, { fixed: p.u1 })] }, {}] },
];

interface CorpusEntryOptions {
  seed: number;
  /** The share of module paths that get entries. */
  share: number;
  /** The year in the ids, so that two sets never share one. */
  year: number;
}

/** Every module version the corpus's requirements build with, by path; the paths replace directives replace, and those they put in their place. */
function corpusTargets(): { versions: Map<string, string[]>; replacedAway: Set<string>; replacements: Set<string> } {
  const versions = new Map<string, Set<string>>();
  const replacedAway = new Set<string>();
  const replacements = new Set<string>();
  for (const { parsed } of CORPUS) {
    for (const r of parsed.directives.replace) {
      replacedAway.add(r.old.path);
      if (r.new.version !== '') replacements.add(r.new.path);
    }
    for (const req of parsed.directives.require) {
      const t = referenceTarget(parsed.directives.replace, req.mod.path, req.mod.version);
      if ('directory' in t) continue;
      const set = versions.get(t.path) ?? new Set();
      set.add(t.version);
      versions.set(t.path, set);
    }
  }
  return { versions: new Map([...versions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, vs]) => [p, [...vs].sort()])), replacedAway, replacements };
}

/**
 * Entries naming a share of the corpus's module paths (every path a replace
 * directive names among them), each around one of the versions the corpus
 * requires of it. Some entries name two modules; some name a path next to the module's
 * (a subdirectory, another case) that must not match; every path a
 * requirement is replaced away from gets an entry on all its versions, which
 * only a replacement applied can escape.
 */
function corpusEntries(opts: CorpusEntryOptions): OsvJson[] {
  const rnd = prng(opts.seed);
  const { versions, replacedAway, replacements } = corpusTargets();
  const chosen = [...versions.keys()].filter((p) => replacements.has(p) || replacedAway.has(p) || rnd() < opts.share);
  const entries: OsvJson[] = [];
  const add = (name: string, items: { path: string; item: Item }[], withdrawn = false) => {
    const n = entries.length + 1;
    const id = `GO-${opts.year}-${String(n).padStart(5, '0')}`;
    entries.push({
      id, modified: `${opts.year}-03-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00Z`, published: `${opts.year}-01-02T08:00:00Z`,
      ...(withdrawn ? { withdrawn: `${opts.year}-04-01T00:00:00Z` } : {}),
      aliases: [`CVE-${opts.year}-${40000 + n}`], summary: `${name} in ${items.map((i) => i.path).join(', ')}`, details: 'Generated around a version the corpus requires.',
      affected: items.map(({ path: p, item }) => ({ package: { name: p, ecosystem: 'Go' }, ...item, ecosystem_specific: { imports: [{ path: p }] } })),
    });
  };
  /** One shape's items around one of the versions of path, with +incompatible on the events of some of those that have it. */
  const around = (p: string): { name: string; items: Item[] } => {
    const vs = versions.get(p)!;
    const version = vs[Math.floor(rnd() * vs.length)];
    const incompatible = version.endsWith('+incompatible') && rnd() < 0.5 ? '+incompatible' : '';
    const pts = points(version.slice(1).replace(/\+.*$/, ''), rnd);
    const usable = SHAPES.filter((s) => s.needs.every((k) => pts[k] !== undefined));
    const shape = usable[Math.floor(rnd() * usable.length)];
    const withSuffix = (e: Event): Event => ({
      ...(e.introduced !== undefined ? { introduced: e.introduced === '0' ? '0' : e.introduced + incompatible } : {}),
      ...(e.fixed !== undefined ? { fixed: e.fixed + incompatible } : {}),
    });
    const items = shape.items(pts as Points, rnd).map((it) => (it.ranges ? { ranges: it.ranges.map((r) => ({ type: r.type, events: r.type === 'SEMVER' ? r.events.map(withSuffix) : r.events })) } : it));
    return { name: shape.name, items };
  };
  for (const p of chosen) {
    const count = 1 + Math.floor(rnd() * rnd() * 4);
    for (let k = 0; k < count; k++) {
      const main = around(p);
      const items = main.items.map((item) => ({ path: p, item }));
      if (rnd() < 0.1) {
        const other = chosen[Math.floor(rnd() * chosen.length)];
        if (other !== p) items.push(...around(other).items.map((item) => ({ path: other, item })));
      }
      add(main.name, items, rnd() < 0.03);
    }
    if (rnd() < 0.05) add('a neighbouring path', [{ path: rnd() < 0.5 ? `${p}/internal` : p.toUpperCase(), item: {} }]);
  }
  for (const p of [...replacedAway].sort()) add('every version of a module replaced away', [{ path: p, item: {} }]);
  return entries;
}

/** The real-size database's shapes on corpus paths: some generated entries moved onto a module the corpus requires. */
function mixIntoCorpus(entries: OsvJson[], seed: number, share: number): OsvJson[] {
  const rnd = prng(seed);
  const paths = [...corpusTargets().versions.keys()];
  return entries.map((e) => {
    if (rnd() >= share) return e;
    const p = paths[Math.floor(rnd() * paths.length)];
    const [first, ...rest] = e.affected;
    return { ...e, affected: [{ ...first, package: { ...first.package, name: p }, ecosystem_specific: { imports: [{ path: p }] } }, ...rest] };
  });
}

// ---------------------------------------------------------------------------
// The comparison.

interface Tally {
  requirements: number;
  files: number;
  /** Requirements with at least one finding. */
  vulnerable: number;
  ids: number;
  /** Findings with a fixed version. */
  withFix: number;
  /** Requirements whose module the database names but that no entry affects. */
  spared: number;
  /** Requirements checked as their version-to-version replacement. */
  replaced: number;
  /** Requirements replaced by a directory. */
  directories: number;
  disagreements: string[];
}

const finding = (id: string, fixed: string | undefined) => `${id} ${fixed ? `fixed in ${fixed}` : 'not fixed'}`;

async function compareCorpus(entries: OsvJson[]): Promise<Tally> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-vuln-agree-'));
  dirs.push(dir);
  const written = writeVulnDb(path.join(dir, 'db'), entries, { forms: ['json'] });
  // The location the product derives from GOVULNDB, opened by the real client over file:// with a disk cache.
  const location = vulnDbLocation({ govulndb: written.fileUrl });
  assert.ok(!('error' in location) && location.kind === 'url', JSON.stringify(location));
  const harness = vulnDbClient(location.url.href, { cacheDir: path.join(dir, 'cache') });
  const reference = new OsvReference(entries, NOW);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const tally: Tally = { requirements: 0, files: 0, vulnerable: 0, ids: 0, withFix: 0, spared: 0, replaced: 0, directories: 0, disagreements: [] };
  try {
    for (const { name, parsed } of CORPUS) {
      tally.files++;
      await Promise.all(parsed.directives.require.map(async (req) => {
        tally.requirements++;
        const target = vulnTargetOf(req, replacementFor(parsed.directives, req.mod.path, req.mod.version));
        const { record } = await gatherVulns({ db: harness.db, match: { now: NOW } }, target);
        const engine = record.kind === 'checked'
          ? [`${record.path}@${record.version}`, ...record.vulns.map((v) => finding(v.id, v.fixed))]
          : record.kind === 'skipped' ? ['a directory'] : [`failed: ${record.message}`];
        const t = referenceTarget(parsed.directives.replace, req.mod.path, req.mod.version);
        const found = 'directory' in t ? [] : reference.findings(t.path, t.version);
        const expected = 'directory' in t ? ['a directory'] : [`${t.path}@${t.version}`, ...found.map((f) => finding(f.id, f.fixed))];
        if (JSON.stringify(engine) !== JSON.stringify(expected)) {
          // The entries on one side only, with the summary that names their shape.
          const differing = [...new Set([...engine, ...expected].filter((x) => !engine.includes(x) || !expected.includes(x)).map((x) => x.split(' ')[0]))];
          const shapes = differing.filter((id) => byId.has(id)).map((id) => `\n    ${id}: ${byId.get(id)!.summary} ${JSON.stringify(byId.get(id)!.affected.map((a) => a.ranges ?? []))}`);
          tally.disagreements.push(`${name}: ${req.mod.path}@${req.mod.version}:\n    engine    ${engine.join(', ')}\n    reference ${expected.join(', ')}${shapes.join('')}`);
        }
        if ('directory' in t) tally.directories++;
        else {
          if (t.replaced) tally.replaced++;
          if (found.length > 0) tally.vulnerable++;
          else if (reference.names(t.path)) tally.spared++;
        }
        tally.ids += found.length;
        tally.withFix += found.filter((f) => f.fixed).length;
      }));
    }
  } finally {
    await harness.close();
  }
  return tally;
}

function report(label: string, t: Tally): void {
  console.log(`vuln agreement (${label}): ${t.requirements} requirements in ${t.files} files, ${t.vulnerable} vulnerable, ${t.ids} ids (${t.withFix} with a fix), `
    + `${t.spared} named but not affected, ${t.replaced} replaced, ${t.directories} directories; ${t.disagreements.length} disagreements`);
  assert.equal(t.disagreements.length, 0, `${t.disagreements.length} requirements disagree; the first:\n${t.disagreements.slice(0, 8).join('\n')}`);
}

// ---------------------------------------------------------------------------

test('the reference reads the OSV rules: half-open spans, the beginning of time, pseudo-versions, pre-releases, +incompatible, items, withdrawals', () => {
  const on = (id: string, affected: OsvJson['affected'], extra: Partial<OsvJson> = {}): OsvJson => ({ id, modified: '2026-01-01T00:00:00Z', details: '', affected, ...extra });
  const m = (ranges?: Item['ranges']) => ({ package: { name: 'example.com/m', ecosystem: 'Go' }, ...(ranges ? { ranges } : {}) });
  const ref = new OsvReference([
    on('A', [m([semverRange({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.5.0' })])]),
    on('B', [m([semverRange({ fixed: '2.1.0' }, { introduced: '2.0.0+incompatible' })])]),
    on('C', [m([semverRange({ introduced: '1.3.0' }, { fixed: '1.4.0-rc.1' })]), m([semverRange({ introduced: '1.4.0-rc.1' }, { fixed: '1.4.2' })])]),
    on('D', [m()], { withdrawn: '2026-06-01T00:00:00Z' }),
    on('E', [m([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }])]),
    on('F', [m([semverRange({ introduced: '0' }, { fixed: '0.0.0' })]), { package: { name: 'example.com/other', ecosystem: 'Go' } }]),
  ], NOW);
  const ids = (v: string) => ref.findings('example.com/m', v).map((f) => (f.fixed ? `${f.id}<${f.fixed}` : f.id)).join(' ');
  assert.equal(ids('v0.0.0-20190101000000-abcdefabcdef'), 'A<v1.2.0 E F<v0.0.0');
  assert.equal(ids('v1.2.0'), 'E');
  assert.equal(ids('v1.1.9'), 'A<v1.2.0 E');
  assert.equal(ids('v1.2.1-0.20200101000000-abcdefabcdef'), 'E', 'a pseudo-version after 1.2.0 is past the fix');
  assert.equal(ids('v1.3.5'), 'C<v1.4.2 E', 'the fix in 1.4.0-rc.1 is taken back by the other item');
  assert.equal(ids('v1.4.2'), 'E');
  assert.equal(ids('v1.9.0'), 'A E');
  assert.equal(ids('v2.0.5+incompatible'), 'A B<v2.1.0 E', '+incompatible orders as the plain version');
  assert.equal(ids('v2.1.0+incompatible'), 'A E');
  assert.equal(ids('1.0.0'), '', 'not a Go version');
  assert.deepEqual(ref.findings('example.com/other', 'v9.9.9').map((f) => f.id), ['F'], 'an item without ranges affects every version');
  assert.deepEqual(ref.findings('example.com/m/v2', 'v2.0.0'), []);
});

test('the engine agrees with the reference on every real-world requirement: the fixture database and entries around the corpus', async () => {
  const entries = [...VULN_FIXTURE_ENTRIES, ...corpusEntries({ seed: 1, share: 0.55, year: 2025 })];
  const t = await compareCorpus(entries);
  report('fixture + corpus entries', t);
  assert.equal(t.files, CORPUS.length);
  assert.ok(t.requirements >= 3000, `${t.requirements} requirements`);
  assert.ok(t.vulnerable >= 500, `only ${t.vulnerable} vulnerable requirements`);
  assert.ok(t.ids >= 800, `only ${t.ids} ids`);
  assert.ok(t.withFix >= 300, `only ${t.withFix} findings with a fix`);
  assert.ok(t.spared >= 300, `only ${t.spared} requirements named but spared`);
  assert.ok(t.replaced >= 10 && t.directories >= 30, `${t.replaced} replaced, ${t.directories} directories`);
});

test('the engine agrees with the reference on every real-world requirement: a database the size of vuln.go.dev with corpus modules mixed in', async () => {
  const generated = generateVulnDbEntries({ seed: 42 });
  const entries = [...mixIntoCorpus(generated.entries, 43, 0.08), ...corpusEntries({ seed: 2, share: 0.3, year: 2026 })];
  assert.ok(new Set(entries.flatMap((e) => e.affected.map((a) => a.package.name))).size >= 1_400);
  const t = await compareCorpus(entries);
  report('real-size database + corpus entries', t);
  assert.ok(t.vulnerable >= 300, `only ${t.vulnerable} vulnerable requirements`);
  assert.ok(t.ids >= 400, `only ${t.ids} ids`);
  assert.ok(t.spared >= 200, `only ${t.spared} requirements named but spared`);
});
