// Reading the vulnerability database's files: hostile shapes are skipped or
// refused with a reason, never thrown; and the test database writer computes
// the index as x/vulndb does, in the documented layout.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parseEntry } from '../../server/src/core/vuln/entryParse';
import { parseDbMeta, parseModuleIndex } from '../../server/src/core/vuln/indexParse';
import { MAX_DETAILS, MAX_SUMMARY } from '../../server/src/core/vuln/limits';
import { generateVulnDbEntries, moduleIndexOf, nonSupersededFix, VULN_FIXTURE_ENTRIES, writeVulnDb } from '../support/vulnDb';
import { vulnDbClient } from '../support/vulnDbHarness';

const T = '2024-01-01T00:00:00Z';

test('a modules index of hostile shapes keeps what is usable and counts the rest', () => {
  const parsed = parseModuleIndex([
    null, 'example.com/str', 7, [], { path: 5, vulns: [] }, { path: 'x'.repeat(5000), vulns: [] }, { path: 'example.com/novulns', vulns: 'many' },
    { path: 'example.com/ok', vulns: [{ id: 'GO-2024-0001', modified: T, fixed: '1.2.3' }, { id: '../../etc/passwd', modified: T }, { id: 'GO-2024-0002', modified: 5 }, null, { id: 'GO-2024-0003', modified: T, fixed: ['1.0.0'] }] },
    { path: 'example.com/ok', vulns: [{ id: 'GO-2024-0004', modified: T }] },
  ]);
  assert.ok(typeof parsed !== 'string');
  assert.deepEqual([...parsed.byPath.keys()], ['example.com/ok']);
  assert.deepEqual(parsed.byPath.get('example.com/ok')!.vulns, [
    { id: 'GO-2024-0001', modified: T, fixed: '1.2.3' },
    { id: 'GO-2024-0003', modified: T },
    { id: 'GO-2024-0004', modified: T },
  ]);
  assert.equal(parsed.skipped, 7 + 3);
  assert.equal(parseModuleIndex({ modules: [] }), 'not a JSON array of modules');
  assert.equal(parseModuleIndex('[]'), 'not a JSON array of modules');
  assert.deepEqual(parseDbMeta({ modified: T, extra: 1 }), { modified: T });
  assert.equal(parseDbMeta([T]), 'not a JSON object');
  assert.equal(parseDbMeta({ modified: 'x'.repeat(1000) }), 'no "modified" time');
});

test('an index line listing a huge number of vulns twice is merged without overflowing the stack', () => {
  const vulns = Array.from({ length: 200_000 }, (_, i) => ({ id: `GO-2024-${i}`, modified: T }));
  const parsed = parseModuleIndex([{ path: 'example.com/m', vulns }, { path: 'example.com/m', vulns }]);
  assert.ok(typeof parsed !== 'string');
  assert.equal(parsed.byPath.get('example.com/m')!.vulns.length, 400_000);
});

test('an entry whose matching fields are damaged is refused with the reason; shown fields are trimmed', () => {
  const base = VULN_FIXTURE_ENTRIES[0];
  const refused = (raw: unknown) => {
    const r = parseEntry(raw, base.id);
    assert.equal(typeof r, 'string', JSON.stringify(raw).slice(0, 200));
    return r;
  };
  assert.equal(refused([base]), 'not an OSV entry (a JSON object)');
  assert.equal(refused({ ...base, id: 'GO-2024-0002' }), 'the entry names GO-2024-0002, not GO-2024-0001');
  assert.equal(refused({ ...base, id: { toString: 1 } }), 'the entry names another id, not GO-2024-0001');
  assert.equal(refused({ ...base, modified: undefined }), 'no "modified" time');
  assert.equal(refused({ ...base, affected: 'all' }), 'affected is not a list');
  assert.equal(refused({ ...base, affected: [{ package: { name: 7 } }] }), 'affected[0].package.name is not a module path');
  assert.equal(refused({ ...base, affected: [{ package: { name: 'm' }, ranges: [{ events: [] }] }] }), 'affected[0].ranges[0] has no type');
  assert.equal(refused({ ...base, affected: [{ package: { name: 'm' }, ranges: [{ type: 'SEMVER', events: [{ fixed: 1.2 }] }] }] }), 'affected[0].ranges[0].events[0].fixed is not a version');
  assert.equal(refused({ ...base, affected: [{ package: { name: 'm' }, ecosystem_specific: { imports: [{ path: 'p', goos: 'linux' }] } }] }), 'affected[0].ecosystem_specific.imports[0].goos is not a list');
  assert.equal(refused({ ...base, affected: [{ package: { name: 'm' }, ecosystem_specific: { imports: [{ path: 'p', symbols: ['A', 3] }] } }] }), 'affected[0].ecosystem_specific.imports[0].symbols holds something other than a name');

  const kept = parseEntry({
    ...base,
    summary: 's'.repeat(MAX_SUMMARY * 10), details: 'd'.repeat(MAX_DETAILS * 10), aliases: ['CVE-1', 5, null, 'x'.repeat(500), 'GHSA-1'],
    withdrawn: 12, database_specific: { url: 'javascript:alert(1)' },
    affected: [{ package: { name: 'm' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, {}, { introduced: '' }, { last_affected: '1.0.0' }, { fixed: '1.1.0' }] }] }],
  }, base.id);
  assert.ok(typeof kept !== 'string');
  assert.equal(kept.summary.length, MAX_SUMMARY + 1);
  assert.equal(kept.details.length, MAX_DETAILS + 1);
  assert.deepEqual(kept.aliases, ['CVE-1', 'GHSA-1']);
  assert.equal(kept.withdrawn, undefined);
  assert.equal(kept.url, 'https://pkg.go.dev/vuln/GO-2024-0001');
  assert.deepEqual(kept.affected, [{ module: 'm', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }], packages: [] }]);
});

test('the index "fixed" is x/vulndb\'s: the latest fix, cleared when reintroduced after it', () => {
  const semver = (...events: { introduced?: string; fixed?: string }[]) => ({ type: 'SEMVER', events });
  assert.equal(nonSupersededFix([semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.5.0' })]), '');
  assert.equal(nonSupersededFix([semver({ introduced: '0' }, { fixed: '0.4.0' }, { introduced: '1.0.0' }, { fixed: '1.3.2' })]), '1.3.2');
  assert.equal(nonSupersededFix([semver({ introduced: '3.0.0' }, { fixed: '3.1.0-rc.1' })]), '3.1.0-rc.1');
  assert.equal(nonSupersededFix([semver({ introduced: '1.0.0' }, { fixed: '1.1.0-rc.2' }, { fixed: '1.1.0' })]), '1.1.0', 'a release is later than its candidates');
  assert.equal(nonSupersededFix([semver({ introduced: '0' })]), '');
  assert.equal(nonSupersededFix([]), '');
  assert.equal(nonSupersededFix([semver({ introduced: '0' }, { fixed: '1.0.0' }), semver({ introduced: '1.1.0' }, { fixed: '1.2.0' }), { type: 'ECOSYSTEM', events: [{ fixed: '9.0.0' }] }]), '1.2.0');
  assert.equal(nonSupersededFix([semver({ introduced: '2.0.0+incompatible' }, { fixed: '3.0.0+incompatible' })]), '3.0.0+incompatible');
  const stdlib = moduleIndexOf(VULN_FIXTURE_ENTRIES).find((m) => m.path === 'stdlib');
  assert.deepEqual(stdlib?.vulns, [{ id: 'GO-2024-0008', modified: '2024-02-08T10:00:00Z', fixed: '1.22.4' }]);
});

test('the written database is the v1 layout, each endpoint also gzipped with the same JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulndb-layout-'));
  try {
    const db = writeVulnDb(dir, VULN_FIXTURE_ENTRIES);
    assert.deepEqual(readdirSync(path.join(dir, 'index')).sort(), ['db.json', 'db.json.gz', 'modules.json', 'modules.json.gz', 'vulns.json', 'vulns.json.gz']);
    assert.equal(readdirSync(path.join(dir, 'ID')).length, VULN_FIXTURE_ENTRIES.length * 2);
    for (const f of ['index/db', 'index/modules', 'index/vulns', `ID/${VULN_FIXTURE_ENTRIES[0].id}`]) {
      assert.deepEqual(gunzipSync(readFileSync(path.join(dir, `${f}.json.gz`))), readFileSync(path.join(dir, `${f}.json`)), f);
    }
    const latest = VULN_FIXTURE_ENTRIES.map((e) => e.modified).sort().at(-1);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'index/db.json'), 'utf8')), { modified: latest });
    assert.equal(db.modified, latest);
    const vulns = JSON.parse(readFileSync(path.join(dir, 'index/vulns.json'), 'utf8'));
    assert.deepEqual(vulns[0], { id: 'GO-2024-0001', modified: VULN_FIXTURE_ENTRIES[0].modified, aliases: VULN_FIXTURE_ENTRIES[0].aliases });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated database has the real one\'s size, is the same for a seed, and reads through the client', async () => {
  const a = generateVulnDbEntries({ seed: 42 });
  assert.deepEqual(generateVulnDbEntries({ seed: 42 }), a);
  assert.notDeepEqual(generateVulnDbEntries({ seed: 43 }).entries, a.entries);
  const index = moduleIndexOf(a.entries);
  const lines = index.reduce((n, m) => n + m.vulns.length, 0);
  assert.equal(index.length, a.modules.length);
  assert.ok(index.length >= 1_300 && index.length <= 1_400, `${index.length} modules`);
  assert.ok(lines >= 4_000 && lines <= 4_600, `${lines} module lines`);
  assert.ok(index.some((m) => m.vulns.some((v) => v.fixed?.includes('-rc.'))), 'pre-release fixes');
  assert.ok(index.some((m) => m.vulns.some((v) => v.fixed === undefined)), 'unfixed vulnerabilities');

  const dir = mkdtempSync(path.join(tmpdir(), 'gmh-vulndb-gen-'));
  const h = vulnDbClient(writeVulnDb(dir, a.entries, { forms: ['json'] }).fileUrl);
  try {
    const got = await h.db.index();
    assert.ok(got.kind === 'ok');
    assert.deepEqual([...got.value.byPath.values()], index);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
