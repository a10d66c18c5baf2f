// The configuration report names the proxy chain, the private patterns and
// what they match, and explains the classic failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConfiguration, type ExplainInput } from '../../server/src/core/present/explain';
import { computeGoEnv } from '../../server/src/core/goenv/goEnv';
import { goMinor, knowsSetting } from '../../server/src/core/goenv/goVersion';

function input(env: Record<string, string>, extra: Partial<ExplainInput> = {}): ExplainInput {
  const goEnv = computeGoEnv({ env: { HOME: '/home/u', GOENV: 'off', ...env }, readFile: () => undefined, platform: 'linux', cwd: '/' });
  return {
    goEnv,
    requirements: ['github.com/acme/private', 'example.com/public'],
    notFound: [],
    trusted: true,
    offline: false,
    probe: async (url) => (url.hostname === 'down.example' ? { reachable: false, detail: 'ECONNREFUSED', ms: 3 } : { reachable: true, detail: 'answers', ms: 42 }),
    exists: () => true,
    versionControl: { used: true },
    directStatus: () => ({ state: 'pending' }),
    ...extra,
  };
}

test('the proxy chain with reachability, and "," after a failing proxy explained', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://down.example,https://proxy.example|direct' }));
  assert.match(md, /\| 1 \| `https:\/\/down\.example` \| next if not found \(`,`\) \| no \| 3 ms \|/);
  // A pipe in a cell is escaped, or the table would split there.
  assert.match(md, /\| 2 \| `https:\/\/proxy\.example` \| next on any error \(`\\\|`\) \| yes \| 42 ms \|/);
  assert.match(md, /\| 3 \| direct \| — \| not probed \| — \|/);
  assert.match(md, /^- `https:\/\/down\.example`: ECONNREFUSED\.$/m, 'the detail goes under the table');
  assert.match(md, /"," after it means the go command stops there/);
});

test('table cells stay short, so that no column wraps: long explanations go under the table', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://down.example,https://proxy.example|off' }, {
    probe: async () => ({ reachable: false, detail: 'connect ECONNREFUSED 127.0.0.1:443 (the proxy at this address refused the connection)', ms: 3 }),
  }));
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  assert.equal(rows.length, 4, 'a header and three entries');
  for (const row of rows) {
    // Cells split on unescaped pipes, as GFM tables do; the entry (a URL) is as long as it is.
    const cells = row.slice(2, -2).split(/(?<!\\) \| /);
    assert.equal(cells.length, 5, row);
    for (const [i, cell] of cells.entries()) if (i !== 1) assert.ok(cell.length <= 24, `"${cell}" in ${row}`);
  }
  assert.match(md, /^- `https:\/\/down\.example`: connect ECONNREFUSED 127\.0\.0\.1:443 \(the proxy at this address refused the connection\)\.$/m);
  assert.match(md, /`\|` lets it go on after any error/, 'the separators are explained where there are several entries');
  const single = await explainConfiguration(input({ GOPROXY: 'https://proxy.example' }));
  assert.doesNotMatch(single, /lets it go on after any error/, 'and not for a single entry');
});

test('the go command\'s version is named, and settings it does not know are left out (GOAUTH before Go 1.24)', async () => {
  const withVersion = (goVersion: string) => {
    const i = input({ GOPROXY: 'https://proxy.example' }, { goBinary: '/usr/lib/go-1.23/bin/go' });
    return explainConfiguration({ ...i, goEnv: { ...i.goEnv, goVersion } });
  };
  const old = await withVersion('go1.23.5');
  assert.match(old, /^Go command: `\/usr\/lib\/go-1\.23\/bin\/go`, go1\.23\.5\.$/m);
  assert.doesNotMatch(old, /GOAUTH/);
  assert.match(old, /^- GOTOOLCHAIN = /m);
  const current = await withVersion('go1.26.8');
  assert.match(current, /^- GOAUTH = `netrc` \(from default\)$/m);
  // Without the go command (restricted mode), the settings are computed, and all are shown.
  const restricted = await explainConfiguration(input({ GOPROXY: 'https://proxy.example' }, { trusted: false, goBinary: undefined }));
  assert.match(restricted, /^Go command: not run in restricted mode \(settings were computed the way Go computes them\)\.$/m);
  assert.match(restricted, /^- GOAUTH = /m);
});

test('the go command\'s version tells its settings apart', () => {
  assert.equal(goMinor('go1.23.5'), 23);
  assert.equal(goMinor('go1.24rc1'), 24);
  assert.equal(goMinor('devel go1.25-abcdef'), undefined);
  assert.equal(knowsSetting('go1.23.5', 'GOAUTH'), false);
  assert.equal(knowsSetting('go1.24.0', 'GOAUTH'), true);
  assert.equal(knowsSetting('go1.20.1', 'GOTOOLCHAIN'), false);
  assert.equal(knowsSetting('go1.20.1', 'GOPROXY'), true);
  assert.equal(knowsSetting(undefined, 'GOAUTH'), true, 'no version: nothing is left out');
});

test('private patterns, what they match, and the classic private-module mistakes', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GOPRIVATE: 'github.com/acme' }));
  assert.match(md, /GONOPROXY matches 1 requirement, which the go command fetches straight from its repository, never through a proxy: `github\.com\/acme\/private`\./);
  const leaky = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GONOSUMDB: 'github.com/acme' }, { notFound: ['github.com/acme/private'] }));
  assert.match(leaky, /GONOSUMDB is set but GONOPROXY\/GOPRIVATE is not/);
  assert.match(leaky, /github\.com\/acme\/private was not found by the proxies\. If it is private, add it to GOPRIVATE \(go env -w GOPRIVATE=github\.com\/acme\)/);
});

test('each private requirement: the rule, the host, how its repository is found, GOVCS, and the last result', async () => {
  const env = { GOPROXY: 'https://proxy.example', GOPRIVATE: 'github.com/acme,git.corp.example', GOVCS: 'git.corp.example:hg' };
  const md = await explainConfiguration(input(env, {
    requirements: ['github.com/acme/private', 'git.corp.example/team/lib', 'git.corp.example/team/tools.git/sub', 'example.com/public'],
    directStatus: (p) => (p === 'github.com/acme/private' ? { state: 'resolved', latest: 'v1.4.0' } : p.includes('tools') ? { state: 'failed', message: 'needs credentials | a .netrc entry' } : { state: 'pending' }),
  }));
  assert.match(md, /^\| `github\.com\/acme\/private` \| github\.com \| github\.com is a host the go command knows, git \| all \(the default private:all\) \| resolved \(latest `v1\.4\.0`\) \|$/m);
  assert.match(md, /^\| `git\.corp\.example\/team\/lib` \| git\.corp\.example \| the go-import meta tag at https:\/\/git\.corp\.example\/team\/lib\?go-get=1 \| hg \(GOVCS entry git\.corp\.example:hg\) \| not checked yet \|$/m);
  // The path names a git repository, which this GOVCS forbids; a | in the message does not split the cell.
  assert.match(md, /^\| `git\.corp\.example\/team\/tools\.git\/sub` \| git\.corp\.example \| the path names the repository \(git\.corp\.example\/team\/tools\.git\), git \| \*\*hg\*\*: git not allowed \(GOVCS entry git\.corp\.example:hg\) \| failed: needs credentials \\\| a \.netrc entry \|$/m);
  assert.doesNotMatch(md, /`example\.com\/public` \|/);
  // Without version control (restricted mode), they are named as not checked, with the reason.
  const restricted = await explainConfiguration(input(env, { requirements: ['github.com/acme/private'], trusted: false, versionControl: { used: false, why: 'restricted mode runs neither git nor the go command' } }));
  assert.match(restricted, /1 private module is not checked for updates, retractions or deprecations: never sent to a proxy, and restricted mode runs neither git nor the go command\./);
  assert.doesNotMatch(restricted, /\| module \| host \|/);
});

test('GOPROXY=off, -modfile, -mod=vendor, GOSUMDB=off and GOINSECURE are explained', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'off', GOFLAGS: '-mod=vendor -modfile=other.mod', GOSUMDB: 'off', GOINSECURE: 'example.com' }));
  for (const re of [/GOPROXY=off: the go command looks nothing up/, /-modfile=other\.mod: the go command reads and writes that file instead of go\.mod/, /-mod=vendor/, /GOSUMDB=off/, /GOINSECURE=example\.com/]) assert.match(md, re);
  const fine = await explainConfiguration(input({ GOPROXY: 'https://proxy.example' }));
  assert.match(fine, /## Problems found\n\nNone\./);
});

test('an unset value is named "not set", and GONOSUMDB\'s matches read as a sentence', async () => {
  const md = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GOFLAGS: '', GOINSECURE: '', GONOSUMDB: 'github.com/acme', GOSUMDB: 'off' }));
  assert.match(md, /^- GOFLAGS = \*not set\*$/m, 'an unset value has no source to name');
  assert.match(md, /^- GOINSECURE = \*not set\*$/m);
  assert.doesNotMatch(md, /= ``/, 'no empty quotes');
  assert.match(md, /^- GOENV = `off` \(from environment\): no go env file is read$/m, 'GOENV=off is off, not unset');
  assert.match(md, /^GONOSUMDB matches 1 requirement, whose checksums the go command does not check against the checksum database: `github\.com\/acme\/private`\.$/m);
  assert.doesNotMatch(md, /against off|Requirements not checked/);
  const withDb = await explainConfiguration(input({ GOPROXY: 'https://proxy.example', GONOSUMDB: 'github.com/acme,example.com' }));
  assert.match(withDb, /^GONOSUMDB matches 2 requirements, whose checksums the go command does not check against `sum\.golang\.org`: `github\.com\/acme\/private`, `example\.com\/public`\.$/m);
});

test('a value set to nothing in the go env file is empty, not unset, and says where it comes from', async () => {
  const goEnv = computeGoEnv({ env: { HOME: '/home/u', GOENV: '/cfg/go/env' }, readFile: (p) => (p === '/cfg/go/env' ? 'GOPROXY=\n' : undefined), platform: 'linux', cwd: '/' });
  const md = await explainConfiguration({ ...input({}), goEnv });
  assert.match(md, /^GOPROXY = \*empty\* \(from go env file\)$/m);
  assert.match(md, /^- GOENV = `\/cfg\/go\/env`$/m);
});
