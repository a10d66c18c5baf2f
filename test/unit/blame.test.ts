// Which go.mod line a failed go command is about, from the go command's own
// stderr, and the stand-ins that let go get run past such lines. The stderr
// samples are the go command's (Go 1.23) on examples/demo.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blameLine } from '../../server/src/core/gocmd/blame';
import { linesRunWithout } from '../../server/src/core/gocmd/pastBrokenLines';
import { withoutStandIns, withStandIns } from '../../server/src/core/gocmd/standIns';
import { parseFile } from '../../server/src/core/gomod/parse';

const GO_MOD = [
  'module example.com/demo',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.com/cache v1.0.1',
  '\texample.com/config v1.7.0',
  '\texample.com/legacy v1.0.0',
  '\texample.com/router v1.9.0',
  '\texample.net/acme/billing v1.3.0',
  ')',
  '',
  'replace example.com/legacy => ./third_party/legacy',
  '',
].join('\n');
const p = parseFile(GO_MOD, { filename: 'go.mod', kind: 'mod' });
const asked = new Set(['example.com/cache']);
const blame = (stderr: string) => blameLine(p, stderr, asked);

test('a version that does not exist: its requirement line, in the words a user searches for', () => {
  const b = blame('go: dropping requirement on excluded version example.com/metrics v1.1.0\ngo: example.com/config@v1.7.0: reading http://127.0.0.1:1/example.com/config/@v/v1.7.0.mod: 404 Not Found\n\tserver response: not found: example.com/config@v1.7.0: invalid version: unknown revision v1.7.0\n');
  assert.equal(b?.text, 'line 7: example.com/config v1.7.0 does not exist');
  assert.deepEqual(b?.mod, { path: 'example.com/config', version: 'v1.7.0' });
  assert.equal(b?.kind, 'not-found');
  assert.equal(b?.start.offset, GO_MOD.indexOf('example.com/config'));
});

test('a replace by a missing directory: the replace line, in go get\'s and go mod tidy\'s wording', () => {
  const get = blame('go: example.com/legacy@v1.0.0 (replaced by ./third_party/legacy): reading third_party/legacy/go.mod: open /x/third_party/legacy/go.mod: no such file or directory');
  assert.equal(get?.text, 'line 13: example.com/legacy is replaced by ./third_party/legacy, which does not exist');
  const tidy = blame('go: example.com/demo imports\n\texample.com/legacy: example.com/legacy@v1.0.0: replacement directory ./third_party/legacy does not exist');
  assert.equal(tidy?.text, get?.text);
});

test('a module required through another: the line of the requirement that led there', () => {
  const b = blame('go: example.com/router@v1.9.0 requires\n\texample.com/zzz@v1.0.0: reading http://127.0.0.1:1/example.com/zzz/@v/v1.0.0.mod: 404 Not Found');
  assert.equal(b?.text, 'line 9: example.com/router v1.9.0 requires example.com/zzz v1.0.0, which does not exist');
  assert.deepEqual(b?.mod, { path: 'example.com/zzz', version: 'v1.0.0' }, 'the module that cannot be loaded, for its stand-in');
});

test('the chain on one line, as go get prints it; a chain through the module asked for is that request\'s own failure', () => {
  assert.equal(blame('go: example.com/router@v1.9.0 requires example.com/zzz@v1.0.0: reading file:///p/example.com/zzz/@v/v1.0.0.mod: no such file or directory')?.text,
    'line 9: example.com/router v1.9.0 requires example.com/zzz v1.0.0, which does not exist');
  assert.equal(blame('go: example.com/cache@v1.0.2 requires example.com/config@v1.8.0: reading file:///p/example.com/config/@v/v1.8.0.mod: no such file or directory'), undefined,
    'the new version of the module asked for needs it: no other line is to blame, and no stand-in may hide it');
  assert.equal(blame('go: example.com/cache@v1.0.2 requires\n\texample.com/config@v1.8.0: reading http://x/example.com/config/@v/v1.8.0.mod: 404 Not Found\n\tserver response: not found: example.com/config@v1.8.0: invalid version: unknown revision v1.8.0'), undefined,
    'nor the proxy\'s words quoted under it');
});

test('a private module out of reach; and nothing to blame on the module asked for, or on no module at all', () => {
  assert.equal(blame('go: example.net/acme/billing@v1.3.0: no modules on example.net')?.text, 'line 10: example.net/acme/billing v1.3.0 cannot be reached (network, VPN or credentials)');
  assert.equal(blame('go: example.com/cache@v1.0.9: reading http://x/example.com/cache/@v/v1.0.9.mod: 404 Not Found'), undefined, 'the user\'s own request');
  assert.equal(blame('go: updates to go.mod needed; to update it:\n\tgo mod tidy'), undefined);
  assert.equal(blame('go: example.com/unknown@v1.0.0: reading https://u:secret@host/x: 404'), undefined, 'a module this go.mod does not name');
  assert.equal(linesRunWithout([blame('go: example.com/config@v1.7.0: 404 Not Found')!, blame('go: example.net/acme/billing@v1.3.0: no modules on example.net')!]),
    'line 7 (example.com/config v1.7.0 does not exist) and line 10 (example.net/acme/billing v1.3.0 cannot be reached (network, VPN or credentials))');
});

test('stand-ins: exact-version replaces by empty modules, taken out of the result without a trace', () => {
  const standIns = [{ mod: { path: 'example.com/config', version: 'v1.7.0' }, dir: '/tmp/go-mod-hygiene-a' }, { mod: { path: 'example.com/legacy', version: 'v1.0.0' }, dir: '/tmp/with space/b' }];
  const copy = withStandIns(GO_MOD, standIns);
  const parsed = parseFile(copy, { filename: 'go.mod', kind: 'mod' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.directives.replace.map((r) => `${r.old.path} ${r.old.version} => ${r.new.path}`), [
    'example.com/legacy  => ./third_party/legacy',
    'example.com/config v1.7.0 => /tmp/go-mod-hygiene-a',
    'example.com/legacy v1.0.0 => /tmp/with space/b',
  ]);
  assert.equal(withoutStandIns(copy, standIns), GO_MOD);
  // The go command may change the rest of the file; only the stand-ins go.
  const upgraded = copy.replace('cache v1.0.1', 'cache v1.0.2');
  assert.equal(withoutStandIns(upgraded, standIns), GO_MOD.replace('cache v1.0.1', 'cache v1.0.2'));
  assert.equal(withoutStandIns(GO_MOD, standIns), undefined, 'a stand-in that is gone: the result is not trusted');
  assert.equal(withStandIns(GO_MOD, []), GO_MOD);
});
