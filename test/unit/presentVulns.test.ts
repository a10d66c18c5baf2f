// The words the editor uses for known vulnerabilities, from records given by
// hand: the inlay hint and its tooltip, the hover of a requirement (entries,
// the version that fixes them, a replacement checked in its place, a directory
// replacement not checked, a database that failed), the hover of the go line,
// long lists kept short, hostile database text kept inert, the configuration
// report's database part and the status bar's count.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { StatusReport } from '../../shared/protocol';
import type { FactsRecord } from '../../server/src/core/facts/requirementFacts';
import type { VulnRecord } from '../../server/src/core/facts/vulnFacts';
import { parseFile } from '../../server/src/core/gomod/parse';
import { ago, explainVulnDb, type VulnDbExplainInput } from '../../server/src/core/present/explainVulnDb';
import { type HintChoices, hintLabels } from '../../server/src/core/present/hintLabels';
import { type HoverFacts, hoverMarkdown } from '../../server/src/core/present/hoverText';
import { markdownLink, safeLinkTarget } from '../../server/src/core/present/markdownText';
import { HOVER_VULNS_IN_FULL, toolchainHoverMarkdown } from '../../server/src/core/present/vulnHover';
import type { Vulnerability } from '../../server/src/core/vuln/match';
import { REPO_ROOT } from '../support/corpus';

const ALL: HintChoices = { updates: true, majors: true, retracted: true, deprecated: true, vulnerabilities: true, upToDate: false };

function vuln(n: number, extra: Partial<Vulnerability> = {}): Vulnerability {
  const id = `GO-2024-${String(n).padStart(4, '0')}`;
  return { id, aliases: [`CVE-2024-${1000 + n}`], summary: `Problem number ${n}`, url: `https://pkg.go.dev/vuln/${id}`, packages: ['example.com/a/pkg'], fixed: 'v1.4.0', ...extra };
}

function checked(vulns: Vulnerability[], extra: Partial<Extract<VulnRecord, { kind: 'checked' }>> = {}): VulnRecord {
  return { kind: 'checked', path: 'example.com/a', version: 'v1.0.0', vulns, dbModified: '2024-02-12T10:00:00Z', ...extra };
}

function record(vulns: VulnRecord | undefined, facts: Partial<FactsRecord['facts']> = {}): FactsRecord {
  return { facts: { path: 'example.com/a', version: 'v1.0.0', retractions: [], ...facts }, ...(vulns ? { vulns } : {}) };
}

const mod = (extra = '') => parseFile(`module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n${extra}`, { filename: 'go.mod', kind: 'mod' });
const base: HoverFacts = { path: 'example.com/a', version: 'v1.0.0', times: new Map(), notProxied: false, publicLink: false, lookedUp: true };

test('the hint counts the vulnerabilities, sits after retracted and deprecated and before the update, and its tooltip lists the ids', () => {
  const r = record(checked([vuln(1), vuln(2)], { upgradeTo: 'v1.4.0' }), { retracted: ['Broken'], deprecated: 'Use b', update: { Version: 'v1.5.0' } });
  const hints = hintLabels('v1.0.0', r, ALL);
  assert.deepEqual(hints.map((h) => h.label), ['⚠ retracted', '⚠ deprecated', '⚠ 2 vulnerabilities', '→ v1.5.0 (minor)']);
  assert.equal(hints[2].tooltip, 'Known vulnerabilities: GO-2024-0001, GO-2024-0002. Upgrade to v1.4.0 fixes them all.');
  assert.deepEqual(hintLabels('v1.0.0', record(checked([vuln(7)])), ALL).map((h) => [h.label, h.tooltip]), [['⚠ 1 vulnerability', 'Known vulnerability: GO-2024-0007.']]);
});

test('the hint follows its setting and the record: off, none found, not checked, failed', () => {
  const r = record(checked([vuln(1)]));
  assert.deepEqual(hintLabels('v1.0.0', r, { ...ALL, vulnerabilities: false }), []);
  assert.deepEqual(hintLabels('v1.0.0', record(checked([])), ALL), []);
  assert.deepEqual(hintLabels('v1.0.0', record({ kind: 'skipped', why: 'it is replaced by the directory ../a' }), ALL), []);
  assert.deepEqual(hintLabels('v1.0.0', record({ kind: 'failed', message: 'HTTP 500' }), ALL), []);
  // "Up to date" is not said of a vulnerable version.
  assert.deepEqual(hintLabels('v1.0.0', r, { ...ALL, upToDate: true }).map((h) => h.label), ['⚠ 1 vulnerability']);
});

test('the hint of a replaced requirement says what was checked; a long list of ids is cut in the tooltip', () => {
  const replaced = hintLabels('v1.0.0', record(checked([vuln(1)], { path: 'example.com/fork', version: 'v1.2.0', replaced: true })), ALL);
  assert.equal(replaced[0].tooltip, 'Known vulnerability (checked as its replacement example.com/fork v1.2.0): GO-2024-0001.');
  const many = hintLabels('v1.0.0', record(checked(Array.from({ length: 14 }, (_, i) => vuln(i + 1)))), ALL)[0];
  assert.equal(many.label, '⚠ 14 vulnerabilities');
  assert.match(many.tooltip, /GO-2024-0010 and 4 more\.$/);
  assert.doesNotMatch(many.tooltip, /GO-2024-0011/);
});

test('the hover lists each vulnerability: id linked, aliases, summary, fixed version or none yet, packages; the upgrade; govulncheck', () => {
  const r = record(checked([
    vuln(1, { aliases: ['CVE-2024-0001', 'GHSA-abcd-efgh-ijkl'], packages: ['example.com/a', 'example.com/a/sub'] }),
    vuln(2, { fixed: undefined, summary: 'Unfixed code execution' }),
  ], { upgradeTo: 'v1.4.0' }));
  const h = hoverMarkdown(mod(), { ...base, record: r });
  assert.match(h, /\*\*2 known vulnerabilities\*\* \(database of 2024-02-12\):/);
  assert.match(h, /^- \[GO-2024-0001\]\(https:\/\/pkg\.go\.dev\/vuln\/GO-2024-0001\) \(CVE-2024-0001, GHSA-abcd-efgh-ijkl\): Problem number 1\. Fixed in v1\.4\.0\. Packages: `example\.com\/a`, `example\.com\/a\/sub`\.$/m);
  assert.match(h, /^- \[GO-2024-0002\]\([^)]+\) \(CVE-2024-1002\): Unfixed code execution\. No fix yet\. Package: `example\.com\/a\/pkg`\.$/m);
  assert.match(h, /Upgrade to \*\*v1\.4\.0\*\* to fix them all\./);
  assert.match(h, /Whether your code reaches the vulnerable symbols is what govulncheck tells: run `govulncheck \.\/\.\.\.` in the module\./);
  // The vulnerabilities come after what the proxy said, before the replace words and the link.
  const withUpdate = hoverMarkdown(mod(), { ...base, publicLink: true, record: { ...r, facts: { ...r.facts, update: { Version: 'v1.5.0' } } } });
  assert.ok(withUpdate.indexOf('Update:') < withUpdate.indexOf('known vulnerabilities') && withUpdate.indexOf('known vulnerabilities') < withUpdate.indexOf('[pkg.go.dev]'), withUpdate);
});

test('the hover says why nothing fixes them, when nothing does', () => {
  const none = hoverMarkdown(mod(), { ...base, record: record(checked([vuln(1, { fixed: undefined }), vuln(2, { fixed: undefined })])) });
  assert.match(none, /No fixed version is known for any of them yet\./);
  const some = hoverMarkdown(mod(), { ...base, record: record(checked([vuln(1), vuln(2, { fixed: undefined })])) });
  assert.match(some, /1 of them has no fixed version yet\./);
  const unlisted = hoverMarkdown(mod(), { ...base, record: record(checked([vuln(1)])) });
  assert.match(unlisted, /No published version is known to fix it\./);
});

test('the hover of a replaced requirement: a version replacement is checked in its place, a directory is not checked, a failed database names its cause', () => {
  const replacedMod = mod('\nreplace example.com/a => example.com/fork v1.2.0\n');
  const asFork = hoverMarkdown(replacedMod, { ...base, record: record(checked([vuln(1)], { path: 'example.com/fork', version: 'v1.2.0', replaced: true })) });
  assert.match(asFork, /\*\*1 known vulnerability\*\*, checked as its replacement \*\*example\.com\/fork v1\.2\.0\*\*/);
  assert.match(asFork, /Builds use the replacement, so upgrading the requirement changes nothing: point the replace directive at a fixed version of example\.com\/fork\./);
  const clean = hoverMarkdown(replacedMod, { ...base, record: record(checked([], { path: 'example.com/fork', version: 'v1.2.0', replaced: true })) });
  assert.match(clean, /No known vulnerabilities in its replacement example\.com\/fork v1\.2\.0 \(database of 2024-02-12\)\./);
  const dirMod = mod('\nreplace example.com/a => ../a\n');
  const why = 'it is replaced by the directory ../a, whose code no vulnerability database describes';
  assert.match(hoverMarkdown(dirMod, { ...base, record: record({ kind: 'skipped', why }) }), /Known vulnerabilities are not checked: it is replaced by the directory \.\.\/a, whose code no vulnerability database describes\./);
  assert.match(hoverMarkdown(mod(), { ...base, record: record({ kind: 'failed', message: 'https://vuln.example: HTTP 503' }) }), /Known vulnerabilities could not be checked: https:\/\/vuln\.example: HTTP 503\./);
  // No check, no words.
  assert.doesNotMatch(hoverMarkdown(mod(), { ...base, record: record(undefined) }), /vulnerab/i);
});

test('the hover of an exclude line says nothing of the required version\'s vulnerabilities', () => {
  const p = mod('\nexclude example.com/a v1.1.0\n');
  const r = record(checked([vuln(1)]));
  assert.doesNotMatch(hoverMarkdown(p, { ...base, version: 'v1.1.0', record: r }), /vulnerab/i);
  assert.match(hoverMarkdown(p, { ...base, record: r }), /1 known vulnerability/);
});

test('a long list stays short: the first entries in full, then ids, then a count', () => {
  const vulns = Array.from({ length: 40 }, (_, i) => vuln(i + 1));
  const h = hoverMarkdown(mod(), { ...base, record: record(checked(vulns)) });
  const entries = h.split('\n').filter((l) => l.startsWith('- ['));
  assert.equal(entries.length, HOVER_VULNS_IN_FULL);
  assert.match(h, /^- and 30 more: GO-2024-0011, GO-2024-0012, .*GO-2024-0030 and 10 others$/m);
  assert.doesNotMatch(h, /GO-2024-0031/);
  assert.ok(h.length < 5000, `${h.length} characters`);
});

test('database text stays text: markdown escaped, one line, bounded; only web links are links', () => {
  const hostile = vuln(1, {
    id: 'GO-2024-0001',
    summary: `**bold** [x](command:workbench.action.terminal.new) <img src=x>\n\n# heading ${'long '.repeat(200)}`,
    aliases: ['CVE-1', 'CVE-2', 'CVE-3', 'CVE-4', 'CVE-5'],
    url: 'javascript:alert(1)',
    packages: ['a`b', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'],
  });
  const h = hoverMarkdown(mod(), { ...base, record: record(checked([hostile])) });
  const line = h.split('\n').find((l) => l.startsWith('- GO-2024-0001'));
  assert.ok(line, `the id without a link: ${h}`);
  assert.ok(!h.includes('javascript:'), h);
  assert.match(line, /\\\*\\\*bold\\\*\\\* \\\[x\\\]\(command:/);
  assert.match(line, /\\<img src=x\\>/);
  assert.doesNotMatch(h, /^# heading/m);
  assert.ok(line.length < 600, `${line.length} characters`);
  assert.match(line, /\(CVE-1, CVE-2, CVE-3, \+2\)/);
  assert.match(line, /Packages: `a'b`, `p2`, `p3`, `p4`, `p5` and 2 more\./);
  assert.equal(safeLinkTarget('https://example.com/a(b) c'), 'https://example.com/a%28b%29%20c');
  assert.equal(safeLinkTarget('https://user:secret@example.com/x'), undefined);
  assert.equal(safeLinkTarget('file:///etc/passwd'), undefined);
  assert.equal(markdownLink('GO-1', 'command:x'), 'GO-1');
});

test('the go line\'s hover: which release was checked and why, its vulnerabilities in Go\'s names, and the release that fixes them', () => {
  const t = (from: 'toolchain line' | 'go line' | 'local go command', tag: string, version: string): VulnRecord => ({
    kind: 'checked', path: 'stdlib', version, dbModified: '2024-02-12T10:00:00Z', upgradeTo: 'v1.22.5',
    toolchain: { tag, version, from },
    vulns: [vuln(8, { fixed: 'v1.22.4', packages: ['net/http'], summary: 'Request smuggling in net/http' }), vuln(9, { fixed: 'v1.22.5', packages: ['cmd/go'] })],
  });
  const line = toolchainHoverMarkdown(t('toolchain line', 'go1.22.1', 'v1.22.1'));
  assert.match(line, /^\*\*go1\.22\.1\*\*: the release the toolchain line names\.$/m);
  assert.match(line, /\*\*2 known vulnerabilities\*\* in the standard library or the go command/);
  assert.match(line, /Request smuggling in net\/http\. Fixed in go1\.22\.4\. Package: `net\/http`\./);
  assert.match(line, /\*\*go1\.22\.5\*\* fixes them all: raise the toolchain line \(`go get toolchain@go1\.22\.5`\)\./);
  assert.match(line, /govulncheck \.\/\.\.\./);
  assert.match(toolchainHoverMarkdown(t('go line', 'go1.22.0', 'v1.22.0')), /the release the go line names \(there is no toolchain line\)/);
  const local = toolchainHoverMarkdown(t('local go command', 'go1.22.3', 'v1.22.3'));
  assert.match(local, /the local go command, newer than the go and toolchain lines, so builds use it/);
  assert.match(local, /fixes them all: install a newer Go\./);
  assert.match(toolchainHoverMarkdown({ kind: 'skipped', why: 'the go and toolchain lines name no Go release' }), /not checked: the go and toolchain lines name no Go release/);
  assert.match(toolchainHoverMarkdown({ kind: 'failed', message: 'HTTP 500' }), /could not be checked: HTTP 500/);
  const clean: VulnRecord = { kind: 'checked', path: 'stdlib', version: 'v1.23.5', vulns: [], dbModified: '2024-02-12T10:00:00Z', toolchain: { tag: 'go1.23.5', version: 'v1.23.5', from: 'go line' } };
  assert.match(toolchainHoverMarkdown(clean), /No known vulnerabilities in the standard library or the go command/);
});

const NOW = Date.parse('2024-02-15T10:00:00Z');
const explainInput = (extra: Partial<VulnDbExplainInput>): VulnDbExplainInput => ({
  location: { kind: 'url', url: new URL('https://vuln.go.dev'), redacted: 'https://vuln.go.dev', source: 'default' },
  settingName: 'goModHygiene.vulnerabilityDatabase', offline: false, now: NOW, ...extra,
});

test('the report\'s database part: the URL and what chose it, its data\'s age, when it answered, whether it answers', () => {
  const ok = explainVulnDb(explainInput({ status: { location: explainInput({}).location as never, modified: '2024-02-12T10:00:00Z', answeredAt: NOW - 3 * 60_000 } }));
  const text = ok.lines.join('\n');
  assert.match(text, /^## Vulnerability database$/m);
  assert.match(text, /^- URL: `https:\/\/vuln\.go\.dev` \(the default: neither GOVULNDB nor goModHygiene\.vulnerabilityDatabase is set\)$/m);
  assert.match(text, /^- Data last modified: `2024-02-12T10:00:00Z` \(3 days ago\)$/m);
  assert.match(text, /^- Last answered: 3 minutes ago$/m);
  assert.match(text, /^- Reachable: yes$/m);
  assert.deepEqual(ok.problems, []);

  const fromEnv = explainVulnDb(explainInput({ location: { kind: 'url', url: new URL('http://127.0.0.1:1/db'), redacted: 'http://127.0.0.1:1/db', source: 'GOVULNDB' }, govulndbFrom: 'goModHygiene.env or go.toolsEnvVars', status: { location: { kind: 'off', why: '' }, error: 'connect ECONNREFUSED' } }));
  assert.match(fromEnv.lines.join('\n'), /^- URL: `http:\/\/127\.0\.0\.1:1\/db` \(from GOVULNDB \(goModHygiene\.env or go\.toolsEnvVars\)\)$/m);
  assert.match(fromEnv.lines.join('\n'), /^- Reachable: no \(connect ECONNREFUSED\)$/m);
  assert.match(fromEnv.problems.join('\n'), /does not answer \(connect ECONNREFUSED\)/);

  const setting = explainVulnDb(explainInput({ location: { kind: 'url', url: new URL('file:///srv/db'), redacted: 'file:///srv/db', source: 'setting' }, offline: true }));
  assert.match(setting.lines.join('\n'), /\(from goModHygiene\.vulnerabilityDatabase\)/);
  assert.match(setting.lines.join('\n'), /^- Reachable: not asked yet$/m);
  assert.match(setting.lines.join('\n'), /Offline mode: only the copy in the cache is read/);

  const off = explainVulnDb(explainInput({ location: { kind: 'off', why: 'GOVULNDB=off' } }));
  assert.match(off.lines.join('\n'), /^Off: GOVULNDB=off\. Known vulnerabilities are not checked\.$/m);
  const broken = explainVulnDb(explainInput({ location: { error: 'GOVULNDB is not a URL: "x"' } }));
  assert.match(broken.lines.join('\n'), /Cannot be used: GOVULNDB is not a URL: "x"\./);
  assert.equal(broken.problems.length, 1);
  assert.deepEqual([ago(0), ago(59_000), ago(60_000), ago(7_200_000), ago(86_400_000)], ['just now', '59 seconds ago', '1 minute ago', '2 hours ago', '1 day ago']);
});

type PresentStatus = (report: StatusReport | undefined, trusted: boolean) => { text: string; tooltip: string };

test('the status bar names the vulnerable requirements, in the text and the tooltip, and says nothing new when there are none', () => {
  const compiled = path.join(REPO_ROOT, 'out', 'client', 'src', 'statusText.js');
  assert.ok(existsSync(compiled), 'run `tsc -b` first');
  const { presentStatus } = require(compiled) as { presentStatus: PresentStatus };
  const report = (counts: Partial<StatusReport>): StatusReport => ({ uri: 'file:///m/go.mod', state: 'done', updates: 0, problems: 0, errors: 0, warnings: 0, infos: 0, proxy: '', ...counts });
  const two = presentStatus(report({ problems: 3, warnings: 3, vulnerable: 2, updates: 1 }), true);
  assert.equal(two.text, '$(warning) Go Module Hygiene: 3 problems · 2 vulnerable · 1 update');
  assert.match(two.tooltip, /^2 requirements have known vulnerabilities \(Go vulnerability database\); hover one for the list\.$/m);
  assert.match(presentStatus(report({ problems: 1, warnings: 1, vulnerable: 1 }), true).tooltip, /^1 requirement has known vulnerabilities/m);
  const none = presentStatus(report({ problems: 1, warnings: 1, vulnerable: 0 }), true);
  assert.equal(none.text, '$(warning) Go Module Hygiene: 1 problem');
  assert.doesNotMatch(none.tooltip, /vulnerab/);
  const work = presentStatus(report({ modules: [
    { dir: './app', module: 'example.com/app', errors: 0, warnings: 1, infos: 0, updates: 0, vulnerable: 1 },
    { dir: './lib', module: 'example.com/lib', errors: 0, warnings: 0, infos: 0, updates: 0 },
  ] }), true);
  assert.equal(work.text, '$(warning) Go Module Hygiene: 2 modules · 1 problem · 1 vulnerable');
  assert.match(work.tooltip, /^- \.\/app \(example\.com\/app\): 1 warning, 1 vulnerable$/m);
});
