// The effective Go configuration computed without the go command: the order
// environment > go env file > $GOROOT/go.env > default, Go's empty-means-unset
// rule, derived defaults (GONOPROXY/GONOSUMDB from GOPRIVATE, GOMODCACHE from
// GOPATH), every host's file locations, and GOFLAGS. test/oracle/goenv.test.ts
// checks the same rules against `go env -json`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GoRunner } from '../../server/src/core/gocmd/runner';
import { envFileLocation, parseEnvFile } from '../../server/src/core/goenv/envFile';
import { computeGoEnv, GO_ENV_NAMES, type GoEnv, type GoEnvDeps, parseGoFlags, resolveGoEnv } from '../../server/src/core/goenv/goEnv';
import { splitList } from '../../server/src/core/goenv/hostPaths';

const HOME = '/home/gopher';
const USER_FILE = `${HOME}/.config/go/env`;

function deps(env: Record<string, string | undefined>, files: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): GoEnvDeps {
  return { env: { HOME, ...env }, readFile: (p) => files[p], platform, cwd: '/', homeDir: HOME };
}

test('defaults with nothing set', () => {
  const r = computeGoEnv(deps({}));
  assert.deepEqual(r.values, {
    GOPROXY: 'https://proxy.golang.org,direct',
    GOPRIVATE: '',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOINSECURE: '',
    GOFLAGS: '',
    GOMODCACHE: `${HOME}/go/pkg/mod`,
    GOENV: USER_FILE,
    GOAUTH: 'netrc',
    GOTOOLCHAIN: 'auto',
    GOPATH: `${HOME}/go`,
    GOSUMDB: 'sum.golang.org',
    GOVCS: '',
  });
  assert.ok(GO_ENV_NAMES.every((n) => r.source[n] === 'default'));
  assert.deepEqual(r.warnings, []);
});

test('the environment alone', () => {
  const r = computeGoEnv(deps({ GOPROXY: 'https://goproxy.example.com', GOPRIVATE: '*.corp.example.com', GOFLAGS: '-mod=mod', GOSUMDB: 'off' }));
  assert.equal(r.values.GOPROXY, 'https://goproxy.example.com');
  assert.equal(r.values.GONOPROXY, '*.corp.example.com', 'GONOPROXY defaults to GOPRIVATE');
  assert.equal(r.values.GONOSUMDB, '*.corp.example.com', 'GONOSUMDB defaults to GOPRIVATE');
  assert.equal(r.values.GOSUMDB, 'off');
  assert.equal(r.source.GOPROXY, 'environment');
  assert.equal(r.source.GOPRIVATE, 'environment');
  assert.equal(r.source.GONOPROXY, 'default');
});

test('the go env file alone: raw KEY=VALUE lines, later lines win, comments and junk ignored', () => {
  const file = [
    '# written by go env -w',
    'GOPROXY=https://first.example.com',
    'GOPROXY=https://second.example.com|direct',
    'GOFLAGS=-ldflags=-X=main.v=1 -mod=vendor',
    'goprivate=lower.example.com',
    ' GOINSECURE=leading.space.example.com',
    'GOPRIVATE="quoted.example.com"',
    'GONOSUMDB=crlf.example.com\r',
    'NOEQUALS',
    '',
  ].join('\n');
  const r = computeGoEnv(deps({}, { [USER_FILE]: file }));
  assert.equal(r.values.GOPROXY, 'https://second.example.com|direct');
  assert.equal(r.values.GOFLAGS, '-ldflags=-X=main.v=1 -mod=vendor', 'only the first = separates the key');
  assert.equal(r.values.GOPRIVATE, '"quoted.example.com"', 'no unquoting');
  assert.equal(r.values.GOINSECURE, '', 'a line must start with an upper-case letter');
  assert.equal(r.values.GONOSUMDB, 'crlf.example.com\r', 'lines end at \\n only');
  assert.equal(r.source.GOPROXY, 'go env file');
  assert.equal(r.source.GOPRIVATE, 'go env file');
});

test('the environment beats the file, but an empty variable does not', () => {
  const file = 'GOPROXY=https://file.example.com\nGOPRIVATE=file.example.com\nGOFLAGS=-mod=mod\n';
  const r = computeGoEnv(deps({ GOPROXY: 'https://env.example.com', GOPRIVATE: '', GOFLAGS: '' }, { [USER_FILE]: file }));
  assert.equal(r.values.GOPROXY, 'https://env.example.com');
  assert.equal(r.source.GOPROXY, 'environment');
  assert.equal(r.values.GOPRIVATE, 'file.example.com', 'GOPRIVATE= in the environment counts as unset');
  assert.equal(r.values.GOFLAGS, '-mod=mod');
  assert.equal(r.values.GONOPROXY, 'file.example.com');
});

test('an empty line in the file hides the GOROOT/go.env default, and says so', () => {
  const r = computeGoEnv(deps({}, { [USER_FILE]: 'GOPROXY=\nGOSUMDB=\nGOTOOLCHAIN=\nGONOPROXY=\n' }));
  assert.equal(r.values.GOPROXY, '');
  assert.equal(r.values.GOSUMDB, '');
  assert.equal(r.values.GOTOOLCHAIN, '');
  assert.equal(r.source.GOPROXY, 'go env file');
  assert.equal(r.values.GONOPROXY, '', 'an empty GONOPROXY falls back to GOPRIVATE');
  assert.equal(r.source.GONOPROXY, 'default');
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings[0], /GOPROXY is empty in .*go\/env.*contains no entries/);
  assert.match(r.warnings[1], /GOSUMDB is empty.*missing GOSUMDB/);
});

test('GONOPROXY and GONOSUMDB follow GOPRIVATE unless set themselves', () => {
  const r = computeGoEnv(deps({ GOPRIVATE: 'corp.example.com' }, { [USER_FILE]: 'GONOSUMDB=sumless.example.com\n' }));
  assert.equal(r.values.GONOPROXY, 'corp.example.com');
  assert.equal(r.values.GONOSUMDB, 'sumless.example.com');
  assert.equal(r.source.GONOSUMDB, 'go env file');
});

test('overrides win, and derived defaults follow them', () => {
  const file = 'GOPRIVATE=file.example.com\nGOPATH=/file/gopath\n';
  const over: Partial<GoEnv> = { GOPRIVATE: 'override.example.com', GOPATH: '/override/gopath', GOPROXY: 'off', GOFLAGS: '' };
  const r = computeGoEnv(deps({ GOPROXY: 'https://env.example.com', GOFLAGS: '-mod=mod' }, { [USER_FILE]: file }), over);
  assert.equal(r.values.GOPRIVATE, 'override.example.com');
  assert.equal(r.values.GONOPROXY, 'override.example.com');
  assert.equal(r.values.GONOSUMDB, 'override.example.com');
  assert.equal(r.values.GOPATH, '/override/gopath');
  assert.equal(r.values.GOMODCACHE, '/override/gopath/pkg/mod');
  assert.equal(r.values.GOPROXY, 'off');
  assert.equal(r.values.GOFLAGS, '-mod=mod', 'an empty override is unset, as for the go command');
  assert.equal(r.source.GOPRIVATE, 'override');
  assert.equal(r.source.GOPROXY, 'override');
  assert.equal(r.source.GOFLAGS, 'environment');
  assert.equal(r.source.GONOPROXY, 'default');
});

test('a GOENV override moves the file', () => {
  const r = computeGoEnv(deps({}, { '/etc/other-env': 'GOPROXY=https://other.example.com\n' }), { GOENV: '/etc/other-env' });
  assert.equal(r.values.GOENV, '/etc/other-env');
  assert.equal(r.source.GOENV, 'override');
  assert.equal(r.values.GOPROXY, 'https://other.example.com');
});

test('GOPATH lists: the module cache is under the first entry, cleaned', () => {
  assert.equal(computeGoEnv(deps({ GOPATH: '/a//b/:/c' })).values.GOMODCACHE, '/a/b/pkg/mod');
  assert.equal(computeGoEnv(deps({ GOPATH: '/a//b/:/c' })).values.GOPATH, '/a//b/:/c', 'GOPATH itself is kept as written');
  assert.equal(computeGoEnv(deps({ GOPATH: 'rel/dir:/c' })).values.GOMODCACHE, 'rel/dir/pkg/mod');
  const empty = computeGoEnv(deps({ GOPATH: ':/c' }));
  assert.equal(empty.values.GOMODCACHE, '', 'an empty first entry gives no module cache');
  assert.deepEqual(empty.warnings, ['GOMODCACHE is empty because the first GOPATH entry is empty, so the go command has no module cache']);
  assert.equal(computeGoEnv(deps({ GOPATH: ':/c', GOMODCACHE: '/cache' })).values.GOMODCACHE, '/cache');
  const fromFile = computeGoEnv(deps({}, { [USER_FILE]: 'GOPATH=/file/gopath\n' }));
  assert.equal(fromFile.values.GOMODCACHE, '/file/gopath/pkg/mod');
  assert.equal(fromFile.source.GOMODCACHE, 'default');
});

test('GOENV=off ignores the file; GOENV=path reads that file', () => {
  const files = { [USER_FILE]: 'GOPROXY=https://user.example.com\n', '/etc/goenv': 'GOPROXY=https://custom.example.com\n' };
  const off = computeGoEnv(deps({ GOENV: 'off' }, files));
  assert.equal(off.values.GOENV, '');
  assert.equal(off.values.GOPROXY, 'https://proxy.golang.org,direct');
  const custom = computeGoEnv(deps({ GOENV: '/etc/goenv' }, files));
  assert.equal(custom.values.GOENV, '/etc/goenv');
  assert.equal(custom.source.GOENV, 'environment');
  assert.equal(custom.values.GOPROXY, 'https://custom.example.com');
  const missing = computeGoEnv(deps({ GOENV: '/nowhere' }, files));
  assert.equal(missing.values.GOPROXY, 'https://proxy.golang.org,direct', 'a missing file is no file');
});

test('where the file lives on each host', () => {
  assert.deepEqual(envFileLocation({ HOME }, 'linux'), { path: USER_FILE, changed: false });
  assert.deepEqual(envFileLocation({ HOME, XDG_CONFIG_HOME: '/xdg/' }, 'linux'), { path: '/xdg/go/env', changed: false });
  assert.deepEqual(envFileLocation({ HOME, XDG_CONFIG_HOME: '' }, 'linux'), { path: USER_FILE, changed: false });
  assert.deepEqual(envFileLocation({ HOME: '/Users/g' }, 'darwin'), { path: '/Users/g/Library/Application Support/go/env', changed: false });
  assert.deepEqual(envFileLocation({ APPDATA: 'C:\\Users\\g\\AppData\\Roaming' }, 'win32'), { path: 'C:\\Users\\g\\AppData\\Roaming\\go\\env', changed: false });
  assert.deepEqual(envFileLocation({}, 'linux'), { path: '', reason: 'neither $XDG_CONFIG_HOME nor $HOME are defined' });
  assert.deepEqual(envFileLocation({}, 'win32'), { path: '', reason: '%AppData% is not defined' });
  assert.deepEqual(envFileLocation({ GOENV: 'off', HOME }, 'linux'), { path: '', reason: 'GOENV=off' });
});

test('without a home there is no GOPATH, no module cache and no file', () => {
  const r = computeGoEnv({ env: {}, readFile: () => undefined, platform: 'linux', cwd: '/', homeDir: HOME });
  assert.equal(r.values.GOPATH, '');
  assert.equal(r.values.GOMODCACHE, '');
  assert.equal(r.values.GOENV, '');
  assert.deepEqual(r.warnings, ['GOMODCACHE is empty because GOPATH is not set and there is no $HOME, so the go command has no module cache (with $HOME set it would be /home/gopher/go/pkg/mod)']);
});

test('Windows: %USERPROFILE%\\go, %AppData%, case-insensitive names, quoted GOPATH lists', () => {
  const env = { USERPROFILE: 'C:\\Users\\g', AppData: 'C:\\Users\\g\\AppData\\Roaming', goprivate: 'corp.example.com' };
  const files = { 'C:\\Users\\g\\AppData\\Roaming\\go\\env': 'GOPROXY=https://win.example.com\n' };
  const r = computeGoEnv({ env, readFile: (p) => files[p as keyof typeof files], platform: 'win32', cwd: 'C:\\' });
  assert.equal(r.values.GOPATH, 'C:\\Users\\g\\go');
  assert.equal(r.values.GOMODCACHE, 'C:\\Users\\g\\go\\pkg\\mod');
  assert.equal(r.values.GOPROXY, 'https://win.example.com');
  assert.equal(r.values.GOPRIVATE, 'corp.example.com');
  assert.deepEqual(splitList('"C:\\a;b";D:\\c', 'win32'), ['C:\\a;b', 'D:\\c']);
  assert.deepEqual(splitList('', 'win32'), []);
  assert.deepEqual(splitList('/a::/b', 'linux'), ['/a', '', '/b']);
});

test('parseEnvFile keeps empty values and the text after the first =', () => {
  assert.deepEqual([...parseEnvFile('A=\nB=x=y\n=z\n\uFEFFC=1\nD=2')], [['A', ''], ['B', 'x=y'], ['D', '2']]);
});

test('parseGoFlags splits like cmd/internal/quoted and finds -mod and -modfile', () => {
  assert.deepEqual(parseGoFlags(''), { other: [] });
  assert.deepEqual(parseGoFlags('-mod=mod'), { mod: 'mod', other: [] });
  assert.deepEqual(parseGoFlags('--mod=vendor -mod=readonly'), { mod: 'readonly', other: [] }, 'the last one wins');
  assert.deepEqual(parseGoFlags(`-modfile='/a b/go.mod'`), { modfile: "'/a", other: [], error: 'parsing $GOFLAGS: non-flag "b/go.mod\'"' }, 'quotes only count at the start of a field');
  assert.deepEqual(parseGoFlags(`'-modfile=/a b/go.mod' -tags=x\t-v\n`), { modfile: '/a b/go.mod', other: ['-tags=x', '-v'] });
  assert.deepEqual(parseGoFlags(`"-mod=mod"'-v'`), { mod: 'mod', other: ['-v'] }, 'a closing quote ends the field');
  assert.deepEqual(parseGoFlags(`-ldflags="-s -w"`), { other: ['-ldflags="-s', '-w"'] }, 'no unquoting inside a field');
  assert.equal(parseGoFlags(`'-mod=mod`).error, "parsing $GOFLAGS: unterminated ' string");
  assert.equal(parseGoFlags('-mod').error, 'flag needs an argument: -mod (from $GOFLAGS)');
  assert.equal(parseGoFlags('mod=mod').error, 'parsing $GOFLAGS: non-flag "mod=mod"');
  assert.equal(parseGoFlags('---mod=mod').error, 'parsing $GOFLAGS: non-flag "---mod=mod"');
});

test('a bad GOFLAGS is a warning, not a failure', () => {
  const r = computeGoEnv(deps({ GOFLAGS: `'-mod=mod` }));
  assert.equal(r.values.GOFLAGS, `'-mod=mod`);
  assert.match(r.warnings.join('\n'), /GOFLAGS \(environment\): parsing \$GOFLAGS: unterminated ' string/);
});

function fakeRunner(reply: (args: string[], env: Record<string, string> | undefined) => Awaited<ReturnType<GoRunner['run']>>): GoRunner & { calls: { args: string[]; env?: Record<string, string> }[] } {
  const calls: { args: string[]; env?: Record<string, string> }[] = [];
  return {
    calls,
    run: async (args, opts) => {
      calls.push({ args, env: opts.env });
      return reply(args, opts.env);
    },
  };
}

test('resolveGoEnv asks go env -json, passes overrides as variables, and explains sources', async () => {
  const goenv = { GOPROXY: 'https://distro.example.com', GOPRIVATE: 'p.example.com', GONOPROXY: 'p.example.com', GONOSUMDB: 'p.example.com', GOINSECURE: '', GOFLAGS: '-mod=mod', GOMODCACHE: `${HOME}/go/pkg/mod`, GOENV: USER_FILE, GOAUTH: '', GOTOOLCHAIN: 'local', GOPATH: `${HOME}/go`, GOSUMDB: 'sum.golang.org', GOVCS: '' };
  const runner = fakeRunner(() => ({ ok: true, stdout: JSON.stringify(goenv), stderr: '' }));
  const r = await resolveGoEnv({ ...deps({ GOFLAGS: '-mod=mod' }, { [USER_FILE]: 'GOTOOLCHAIN=go1.22.0+auto\n' }), runGo: runner }, { GOPRIVATE: 'p.example.com' });
  assert.deepEqual(runner.calls[0].args, ['env', '-json', ...GO_ENV_NAMES, 'GOVERSION']);
  assert.deepEqual(runner.calls[0].env, { GOPRIVATE: 'p.example.com' });
  assert.equal(r.values.GOPROXY, 'https://distro.example.com');
  assert.equal(r.source.GOPROXY, 'go env', 'a value no known source explains, such as $GOROOT/go.env');
  assert.equal(r.source.GOPRIVATE, 'override');
  assert.equal(r.source.GOFLAGS, 'environment');
  assert.equal(r.source.GOPATH, 'default');
  assert.equal(r.values.GOTOOLCHAIN, 'go1.22.0+auto', 'the runner’s GOTOOLCHAIN=local is not the user’s setting');
  assert.equal(r.source.GOTOOLCHAIN, 'go env file');
  assert.equal(r.values.GOAUTH, 'netrc', 'Go before 1.24 reports an empty GOAUTH');
  assert.deepEqual(r.warnings, []);
});

test('resolveGoEnv falls back to its own computation when go fails', async () => {
  const missing = fakeRunner(() => ({ ok: false, code: null, stdout: '', stderr: '/usr/bin/go not found', cause: 'not-found' }));
  const r = await resolveGoEnv({ ...deps({ GOPROXY: 'off' }), runGo: missing });
  assert.equal(r.values.GOPROXY, 'off');
  assert.equal(r.source.GOPROXY, 'environment');
  assert.match(r.warnings[0], /could not run `go env` \(\/usr\/bin\/go not found\)/);
  const garbage = fakeRunner(() => ({ ok: true, stdout: 'not json', stderr: '' }));
  const g = await resolveGoEnv({ ...deps({}), runGo: garbage });
  assert.equal(g.values.GOPROXY, 'https://proxy.golang.org,direct');
  assert.match(g.warnings[0], /printed something unexpected/);
});

test('resolveGoEnv says when go disagrees with a value it should have read', async () => {
  const runner = fakeRunner(() => ({ ok: true, stdout: JSON.stringify({ GOPROXY: 'https://elsewhere.example.com' }), stderr: '' }));
  const r = await resolveGoEnv({ ...deps({ GOPROXY: 'https://env.example.com' }), runGo: runner });
  assert.equal(r.values.GOPROXY, 'https://elsewhere.example.com');
  assert.equal(r.source.GOPROXY, 'go env');
  assert.match(r.warnings[0], /reports GOPROXY=https:\/\/elsewhere\.example\.com, not https:\/\/env\.example\.com as read from the environment/);
});

test('the GOPATH checks every go command makes first', () => {
  const relative = computeGoEnv(deps({ GOPATH: '/abs:rel/dir' }));
  assert.deepEqual(relative.warnings, ['GOPATH entry is relative; must be absolute path: "rel/dir" (every go command fails)']);
  const tilde = computeGoEnv(deps({}, { [USER_FILE]: 'GOPATH=~/go\n' }));
  assert.deepEqual(tilde.warnings, [`GOPATH entry cannot start with shell metacharacter '~': "~/go" (every go command fails)`]);
  const relHome = computeGoEnv({ env: { HOME: 'relhome' }, readFile: () => undefined, platform: 'linux', cwd: '/' });
  assert.equal(relHome.values.GOPATH, '', 'a GOPATH inferred from a relative HOME is dropped');
  assert.equal(relHome.values.GOMODCACHE, 'relhome/go/pkg/mod', 'after GOMODCACHE was derived from it');
  assert.deepEqual(relHome.warnings, ['GOMODCACHE entry is relative; must be absolute path: "relhome/go/pkg/mod" (module downloads fail)']);
  assert.deepEqual(computeGoEnv(deps({ GOPATH: '/a::/b' })).warnings, [], 'empty entries after the first are skipped');
});
