// The Go configuration against the go command itself: for many setups (variables,
// go env files, GOENV, XDG_CONFIG_HOME, GOPATH lists, overrides, no home) the values
// computed without Go equal `go env -json`; the defaults equal $GOROOT/go.env; GOFLAGS
// parsing agrees with what `go list -m` does with it; and GOPRIVATE-style matching
// agrees with Go's own path.Match and x/mod MatchPrefixPatterns on thousands of patterns.
// Every go command here runs with GOTOOLCHAIN=local and an isolated HOME, offline.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createGoRunner } from '../../server/src/core/gocmd/runner';
import { GOROOT_GO_ENV, parseEnvFile } from '../../server/src/core/goenv/envFile';
import { computeGoEnv, GO_ENV_NAMES, type GoEnv, parseGoFlags, resolveGoEnv } from '../../server/src/core/goenv/goEnv';
import { pathMatch } from '../../server/src/core/goenv/pathMatch';
import { matchPrefixPatterns } from '../../server/src/core/goenv/patterns';
import { findGo } from '../support/goOracle';

const goBin = findGo();
let root: string;

before(() => {
  assert.ok(goBin, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
  root = mkdtempSync(path.join(tmpdir(), 'gmh-goenv-'));
});
after(() => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

type Env = Record<string, string>;

function go(args: string[], env: Env, cwd: string, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(goBin!, args, { cwd, env: { GOTOOLCHAIN: 'local', ...env }, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    // go may exit before it reads its input (a flag error): the write then fails with
    // EPIPE, which says nothing about the run. Its output and status are what count.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

interface Setup {
  name: string;
  /** Variables besides PATH, HOME and GOTOOLCHAIN=local; `@` stands for the setup's directory. */
  env?: Env;
  /** Files to write, relative to the setup's directory (the default go env file is home/.config/go/env). */
  files?: Record<string, string>;
  overrides?: Partial<GoEnv>;
  noHome?: boolean;
  /** The go command refuses this setup with this message, which must be among our warnings. */
  goFails?: string;
}

const USER_FILE = 'home/.config/go/env';
const setups: Setup[] = [
  { name: 'nothing set' },
  { name: 'environment only', env: { GOPROXY: 'https://goproxy.example.com,direct', GOPRIVATE: '*.corp.example.com,github.com/acme', GOFLAGS: '-mod=mod', GOINSECURE: 'insecure.example.com', GOSUMDB: 'off', GOAUTH: 'git /' } },
  { name: 'go env file only', files: { [USER_FILE]: 'GOPROXY=file:///srv/proxy\nGOPRIVATE=corp.example.com\nGOSUMDB=sum.golang.google.cn\nGOFLAGS=-mod=vendor -modfile=alt.mod\nGOAUTH=netrc\nGOMODCACHE=/srv/modcache\nGOTOOLCHAIN=local\n' } },
  { name: 'both: the environment wins, empty variables do not', env: { GOPROXY: 'https://env.example.com', GOPRIVATE: '', GOFLAGS: '' }, files: { [USER_FILE]: 'GOPROXY=https://file.example.com\nGOPRIVATE=file.example.com\nGOFLAGS=-mod=mod\nGONOSUMDB=nosum.example.com\n' } },
  { name: 'file syntax: CRLF, comments, lower case, duplicates, = in values, BOM', files: { [USER_FILE]: '\uFEFFGOINSECURE=bom.example.com\n# GOPROXY=comment\ngoprivate=lower.example.com\nGOPRIVATE=crlf.example.com\r\nGOPROXY=https://a.example.com\nGOPROXY=https://b.example.com|off\nGOFLAGS=-ldflags=-X=main.v=1\n GONOPROXY=space.example.com\n=novalue\n' } },
  { name: 'empty lines in the file hide the GOROOT/go.env defaults', files: { [USER_FILE]: 'GOPROXY=\nGOSUMDB=\nGONOPROXY=\nGOPATH=\n' } },
  { name: 'GONOPROXY set, GONOSUMDB from GOPRIVATE', env: { GOPRIVATE: 'corp.example.com' }, files: { [USER_FILE]: 'GONOPROXY=proxyless.example.com\n' } },
  { name: 'GOPATH list', env: { GOPATH: '@/a//b/:@/c' } },
  { name: 'GOPATH list with an empty first entry', env: { GOPATH: ':@/c' } },
  { name: 'GOPATH list with empty entries in the middle', env: { GOPATH: '@/ok::@/b' } },
  { name: 'relative GOPATH entry', env: { GOPATH: '/abs:rel/dir' }, goFails: 'GOPATH entry is relative; must be absolute path: "rel/dir"' },
  { name: 'GOPATH entry starting with ~', files: { [USER_FILE]: 'GOPATH=/abs:~/go\n' }, goFails: `GOPATH entry cannot start with shell metacharacter '~': "~/go"` },
  { name: 'relative HOME: the inferred GOPATH is dropped, GOMODCACHE is not', env: { HOME: 'relhome' } },
  { name: 'HOME starting with ~', env: { HOME: '~home' }, goFails: `GOPATH entry cannot start with shell metacharacter '~': "~home/go"` },
  { name: 'relative GOMODCACHE', env: { GOMODCACHE: 'rel/cache' } },
  { name: 'GOPATH from the file drives GOMODCACHE', files: { [USER_FILE]: 'GOPATH=@/filepath\n' } },
  { name: 'GOENV=off ignores the file', env: { GOENV: 'off' }, files: { [USER_FILE]: 'GOPROXY=https://ignored.example.com\n' } },
  { name: 'GOENV names another file', env: { GOENV: '@/custom/env' }, files: { 'custom/env': 'GOPROXY=https://custom.example.com\nGOPRIVATE=custom.example.com\n', [USER_FILE]: 'GOPROXY=https://ignored.example.com\n' } },
  { name: 'GOENV names a missing file', env: { GOENV: '@/missing/env' } },
  { name: 'XDG_CONFIG_HOME moves the file', env: { XDG_CONFIG_HOME: '@/xdg/' }, files: { 'xdg/go/env': 'GOPROXY=https://xdg.example.com\n', [USER_FILE]: 'GOPROXY=https://ignored.example.com\n' } },
  { name: 'empty XDG_CONFIG_HOME', env: { XDG_CONFIG_HOME: '' }, files: { [USER_FILE]: 'GOPROXY=https://home.example.com\n' } },
  { name: 'no HOME: no GOPATH, no module cache, no file', noHome: true },
  { name: 'no HOME, but XDG_CONFIG_HOME and GOPATH', noHome: true, env: { XDG_CONFIG_HOME: '@/xdg', GOPATH: '@/gp' }, files: { 'xdg/go/env': 'GOPRIVATE=xdg.example.com\n' } },
  { name: 'overrides beat environment and file; GONOPROXY follows an overridden GOPRIVATE', env: { GOPROXY: 'https://env.example.com', GOFLAGS: '-mod=mod' }, files: { [USER_FILE]: 'GOPRIVATE=file.example.com\nGONOSUMDB=nosum.example.com\n' }, overrides: { GOPROXY: 'off', GOPRIVATE: 'override.example.com', GOPATH: '@/override', GOFLAGS: '' } },
  { name: 'a GOENV override', files: { 'other/env': 'GOPROXY=https://other.example.com\n' }, overrides: { GOENV: '@/other/env' } },
];

function expand(s: string, dir: string): string {
  return s.replaceAll('@', dir);
}

function prepare(s: Setup, i: number): { dir: string; env: Env; overrides: Partial<GoEnv> } {
  const dir = path.join(root, `setup-${i}`);
  mkdirSync(path.join(dir, 'home'), { recursive: true });
  for (const [rel, text] of Object.entries(s.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), expand(text, dir));
  }
  const env: Env = { PATH: process.env.PATH ?? '/usr/bin:/bin', GOTOOLCHAIN: 'local' };
  if (!s.noHome) env.HOME = path.join(dir, 'home');
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(v, dir);
  const overrides: Partial<GoEnv> = {};
  for (const [k, v] of Object.entries(s.overrides ?? {})) overrides[k as keyof GoEnv] = expand(v, dir);
  return { dir, env, overrides };
}

const readFile = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

test('the built-in defaults are the distribution’s $GOROOT/go.env', async () => {
  const r = await go(['env', 'GOROOT'], { PATH: process.env.PATH ?? '', HOME: root, GOENV: 'off' }, root);
  const goroot = r.stdout.trim();
  assert.deepEqual(parseEnvFile(readFileSync(path.join(goroot, 'go.env'), 'utf8')), new Map(GOROOT_GO_ENV));
});

test('computed without Go, every setup equals `go env -json`', async () => {
  const failures: string[] = [];
  for (const [i, s] of setups.entries()) {
    const { dir, env, overrides } = prepare(s, i);
    const goEnv: Env = { ...env };
    for (const [k, v] of Object.entries(overrides)) if (v) goEnv[k] = v;
    const r = await go(['env', '-json', ...GO_ENV_NAMES], goEnv, dir);
    const ours = computeGoEnv({ env, readFile, platform: process.platform, cwd: dir }, overrides);
    if (s.goFails) {
      assert.notEqual(r.code, 0, `${s.name}: go env should fail`);
      assert.ok(r.stderr.includes(`go: ${s.goFails}`), `${s.name}: ${r.stderr}`);
      assert.ok(ours.warnings.some((w) => w.startsWith(s.goFails!)), `${s.name}: warnings ${JSON.stringify(ours.warnings)}`);
      continue;
    }
    assert.equal(r.code, 0, `${s.name}: ${r.stderr}`);
    const want = JSON.parse(r.stdout) as Record<string, string>;
    for (const name of GO_ENV_NAMES) {
      // Go 1.23 knows GOAUTH only when the go env file mentions it.
      if (name === 'GOAUTH' && want[name] === '') continue;
      if (ours.values[name] !== want[name]) failures.push(`${s.name}: ${name} = ${JSON.stringify(ours.values[name])}, go env says ${JSON.stringify(want[name])}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('resolveGoEnv with the real go command: the same values, sources explained', async () => {
  const i = setups.findIndex((s) => s.name.startsWith('overrides beat'));
  const { dir, env, overrides } = prepare(setups[i], i);
  const runGo = createGoRunner({ goBinary: goBin!, baseEnv: env });
  const viaGo = await resolveGoEnv({ env, readFile, platform: process.platform, cwd: dir, runGo }, overrides);
  const without = computeGoEnv({ env, readFile, platform: process.platform, cwd: dir }, overrides);
  assert.deepEqual(viaGo.warnings, []);
  assert.deepEqual(viaGo.values, without.values);
  assert.deepEqual(viaGo.source, without.source);
  assert.equal(viaGo.source.GOPROXY, 'override');
  assert.equal(viaGo.source.GONOSUMDB, 'go env file');
  assert.equal(viaGo.source.GONOPROXY, 'default');
  assert.equal(viaGo.values.GONOPROXY, 'override.example.com');
});

test('resolveGoEnv reports the user’s GOTOOLCHAIN, not the runner’s local', async () => {
  const dir = path.join(root, 'toolchain');
  mkdirSync(path.join(dir, 'home/.config/go'), { recursive: true });
  writeFileSync(path.join(dir, 'home/.config/go/env'), 'GOTOOLCHAIN=go1.23.0+auto\n');
  const env = { PATH: process.env.PATH ?? '', HOME: path.join(dir, 'home'), GOPROXY: 'off' };
  const runGo = createGoRunner({ goBinary: goBin!, baseEnv: env });
  const r = await resolveGoEnv({ env, readFile, platform: process.platform, cwd: dir, runGo });
  assert.equal(r.values.GOTOOLCHAIN, 'go1.23.0+auto');
  assert.equal(r.source.GOTOOLCHAIN, 'go env file');
  assert.deepEqual(r.warnings, []);
});

test('GOFLAGS: -modfile, -mod and the errors are what `go list -m` makes of them', async () => {
  const dir = path.join(root, 'goflags');
  mkdirSync(path.join(dir, 'sp ace'), { recursive: true });
  writeFileSync(path.join(dir, 'go.mod'), 'module main.example\ngo 1.21\n');
  writeFileSync(path.join(dir, 'alt.mod'), 'module alt.example\ngo 1.21\n');
  writeFileSync(path.join(dir, 'sp ace/alt.mod'), 'module spaced.example\ngo 1.21\n');
  const modules: Record<string, string> = { 'alt.mod': 'alt.example', 'sp ace/alt.mod': 'spaced.example' };
  const cases = ['', '-mod=mod', '-modfile=alt.mod', '--modfile=alt.mod', `'-modfile=sp ace/alt.mod'`, `"-modfile=sp ace/alt.mod"'-mod=mod'`,
    '-modfile=alt.mod -modfile=nope.mod', '-modfile=nope.mod -modfile=alt.mod', `'-mod=mod`, `"-mod=mod`, '-mod', '-modfile', 'mod=mod', '---x', '-=x', '--',
    '-mod=bogus', '-mod=readonly --mod=bogus2', ' \t-modfile=alt.mod\r\n', `-modfile='alt.mod'`];
  for (const flags of cases) {
    const r = await go(['list', '-m'], { PATH: process.env.PATH ?? '', HOME: root, GOENV: 'off', GOPROXY: 'off', GOWORK: 'off', GOFLAGS: flags }, dir);
    const ours = parseGoFlags(flags);
    const what = `GOFLAGS=${JSON.stringify(flags)}: go says ${JSON.stringify((r.stdout + r.stderr).trim())}, we parsed ${JSON.stringify(ours)}`;
    if (ours.error) {
      assert.ok(r.stderr.includes(`go: ${ours.error}`), what);
      continue;
    }
    if (ours.mod !== undefined && !['mod', 'readonly', 'vendor', ''].includes(ours.mod)) {
      assert.ok(r.stderr.includes(`-mod=${ours.mod} not supported`), what);
      continue;
    }
    if (ours.modfile !== undefined && !ours.modfile.endsWith('.mod')) {
      assert.ok(r.stderr.includes(`-modfile=${ours.modfile}: file does not have .mod extension`), what);
      continue;
    }
    if (ours.modfile !== undefined && !(ours.modfile in modules)) {
      assert.ok(r.stderr.includes(`open ${ours.modfile}: no such file or directory`), what);
      continue;
    }
    assert.equal(r.code, 0, what);
    assert.equal(r.stdout.trim(), ours.modfile === undefined ? 'main.example' : modules[ours.modfile], what);
  }
});

// The Go side: the real path.Match and x/mod's MatchPrefixPatterns, the latter
// copied from the go command's own vendored source at test time.
async function goMatches(cases: [string, string][]): Promise<[boolean, boolean, boolean][]> {
  const goroot = (await go(['env', 'GOROOT'], { PATH: process.env.PATH ?? '', HOME: root, GOENV: 'off' }, root)).stdout.trim();
  const vendored = readFileSync(path.join(goroot, 'src/cmd/vendor/golang.org/x/mod/module/module.go'), 'utf8');
  const fn = /^func MatchPrefixPatterns\(globs, target string\) bool \{\n[\s\S]*?^\}\n/m.exec(vendored);
  assert.ok(fn, 'MatchPrefixPatterns found in the vendored x/mod');
  const dir = path.join(root, 'match');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'go.mod'), 'module oracle\ngo 1.21\n');
  writeFileSync(path.join(dir, 'main.go'), `package main

import (
	"encoding/json"
	"os"
	"path"
	"strings"
)

func main() {
	var cases [][2]string
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	out := make([][3]bool, len(cases))
	for i, c := range cases {
		m, err := path.Match(c[0], c[1])
		out[i] = [3]bool{m, err != nil, MatchPrefixPatterns(c[0], c[1])}
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

var _ = strings.Index

${fn[0]}`);
  // A build cache of its own (a few seconds to fill) keeps the user's home untouched.
  const env = { PATH: process.env.PATH ?? '', HOME: root, GOCACHE: path.join(root, 'gocache'), GOENV: 'off', GOPROXY: 'off', GOFLAGS: '-mod=mod', GOWORK: 'off' };
  const r = await go(['run', '.'], env, dir, JSON.stringify(cases));
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as [boolean, boolean, boolean][];
}

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('path.Match and MatchPrefixPatterns agree with Go on 4,000 patterns', async () => {
  const rand = rng(20250101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const patternBits = ['a', 'b', 'x', '.', '/', '/', '*', '*', '?', '[', ']', '^', '-', '\\', ',', 'é', '😀', 'ζ', 'example.com', 'rsc.io', '[a-c]', '[^/]', '*.io'];
  const targetBits = ['a', 'b', 'x', '.', '/', '/', 'é', '😀', '-', '[', '*', '\\', 'example.com', 'rsc.io', 'quote', 'v3'];
  const cases: [string, string][] = [
    ['rsc.io/', 'rsc.io/quote'], ['*/quote', 'rsc.io/quote/v3'], ['[', 'x'], ['a[', 'a'], ['*é', 'aé'], ['?', 'é'], ['*?', 'é'], ['*[é]', 'xé'],
    ['[^a]', 'é'], ['a*?b', 'aéb'], ['\\', ''], ['', ''], ['*', ''], [',', 'x'], ['example.com,', 'example.com/x'], ['[-a]', 'a'],
  ];
  while (cases.length < 4000) {
    const p = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(patternBits)).join('');
    const t = Array.from({ length: Math.floor(rand() * 6) }, () => pick(targetBits)).join('');
    cases.push([p, t]);
  }
  const want = await goMatches(cases);
  const failures: string[] = [];
  cases.forEach(([p, t], i) => {
    const m = pathMatch(p, t);
    const got: [boolean, boolean, boolean] = [m.matched, m.bad, matchPrefixPatterns(p, t)];
    if (got.join() !== want[i].join()) failures.push(`${JSON.stringify(p)} ${JSON.stringify(t)}: ours [match, bad, prefix] = ${got}, Go ${want[i]}`);
  });
  assert.deepEqual(failures.slice(0, 20), []);
  assert.ok(want.some((w) => w[0]) && want.some((w) => w[1]) && want.some((w) => w[2]), 'the cases exercise matches, bad patterns and prefix matches');
});
