// A vulnerability database the size of vuln.go.dev (about 1,400 modules and
// 4,300 module lines in index/modules.json), the same for the same seed, for
// benchmarks and agreement tests. Its shapes follow the real one: most
// entries affect one module, some several; a few modules (the standard
// library among them) have dozens of entries; ranges have one to three
// affected spans, pre-release fixes and unfixed ones.
import { prng } from './prng';
import type { OsvJson } from './vulnDb';

export interface GeneratedVulnDb {
  entries: OsvJson[];
  /** Every module path the entries name, sorted. */
  modules: string[];
}


const HOSTS = ['github.com', 'gitlab.com', 'golang.org/x', 'go.etcd.io', 'k8s.io', 'example.com/gen'];

function modulePath(i: number, rnd: () => number): string {
  const host = HOSTS[i % HOSTS.length];
  const name = host === 'github.com' || host === 'gitlab.com' ? `org${i % 97}/repo${i}` : `mod${i}`;
  const major = rnd() < 0.15 ? `/v${2 + Math.floor(rnd() * 4)}` : '';
  return `${host}/${name}${major}`;
}

function version(rnd: () => number, major: number): string {
  const v = `${major}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}`;
  return rnd() < 0.08 ? `${v}-rc.${1 + Math.floor(rnd() * 3)}` : v;
}

/** Events in ascending order: introduced/fixed pairs, sometimes without the last fix. */
function events(rnd: () => number, major: number): { introduced?: string; fixed?: string }[] {
  const spans = 1 + Math.floor(rnd() * rnd() * 3);
  const points = new Set<string>();
  while (points.size < spans * 2) points.add(version(rnd, major));
  const sorted = [...points].sort((a, b) => cmp(a, b));
  const out: { introduced?: string; fixed?: string }[] = [];
  for (let s = 0; s < spans; s++) {
    out.push({ introduced: s === 0 && rnd() < 0.6 ? '0' : sorted[2 * s] });
    if (s < spans - 1 || rnd() < 0.9) out.push({ fixed: sorted[2 * s + 1] });
  }
  return out;
}

/** Enough ordering for generated versions (no build metadata; rc below the release). */
function cmp(a: string, b: string): number {
  const [av, ap = '~'] = a.split('-');
  const [bv, bp = '~'] = b.split('-');
  const an = av.split('.').map(Number);
  const bn = bv.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (an[i] !== bn[i]) return an[i] - bn[i];
  return ap < bp ? -1 : ap > bp ? 1 : 0;
}

export function generateVulnDbEntries(opts: { seed: number; modules?: number; entries?: number }): GeneratedVulnDb {
  const rnd = prng(opts.seed);
  const moduleCount = opts.modules ?? 1_400;
  const entryCount = opts.entries ?? 3_900;
  const paths = ['stdlib', 'toolchain'];
  while (paths.length < moduleCount) paths.push(modulePath(paths.length, rnd));
  const entries: OsvJson[] = [];
  for (let i = 0; i < entryCount; i++) {
    // Every module has at least one entry; then a skew towards the first ones, as real databases have.
    const first = i < moduleCount ? i : Math.floor(rnd() * rnd() * moduleCount);
    const affectedPaths = new Set([paths[first]]);
    if (rnd() < 0.1) affectedPaths.add(paths[Math.floor(rnd() * moduleCount)]);
    const year = 2020 + (i % 5);
    // Numbered from 1000: the fixture's entries (vulnFixture.ts) keep the low numbers.
    const id = `GO-${year}-${1000 + i}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    entries.push({
      id,
      modified: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${day}T12:00:00Z`,
      published: `${year}-01-${day}T12:00:00Z`,
      ...(rnd() < 0.01 ? { withdrawn: `${year}-06-01T00:00:00Z` } : {}),
      aliases: [`CVE-${year}-${10000 + i}`, `GHSA-${(i * 7919).toString(36).padStart(4, '0')}-gen0-gen0`],
      summary: `Generated vulnerability ${i} in ${[...affectedPaths].join(', ')}`,
      details: `Generated for benchmarks and agreement tests (seed ${opts.seed}).`,
      affected: [...affectedPaths].map((p) => {
        const m = /\/v(\d+)$/.exec(p);
        const major = p === 'stdlib' || p === 'toolchain' ? 1 : m ? Number(m[1]) : Math.floor(rnd() * 2);
        return {
          package: { name: p, ecosystem: 'Go' },
          ...(rnd() < 0.02 ? {} : { ranges: [{ type: 'SEMVER', events: events(rnd, major) }] }),
          ecosystem_specific: { imports: [{ path: p === 'stdlib' ? 'net/http' : p === 'toolchain' ? 'cmd/go' : p, symbols: rnd() < 0.5 ? ['Parse', 'Decoder.Decode'] : undefined }] },
        };
      }),
    });
  }
  return { entries, modules: [...new Set(entries.flatMap((e) => e.affected.map((a) => a.package.name)))].sort() };
}
