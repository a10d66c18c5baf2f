// The go command as the oracle for the text-only fixes: a toolchain line it
// rejects is rejected by our parser with its words, and the corrected line is
// accepted by it with the toolchain name we wrote; a toolchain name it calls a
// language version is the one we warn about; the standard-library paths a
// deprecation message may name are the go command's own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseFile } from '../../server/src/core/gomod/parse';
import { applyEdits } from '../../server/src/core/gomod/textDiff';
import { toolchainFix } from '../../server/src/core/gomod/toolchainFix';
import { isStdPackagePath, STD_FIRST_ELEMENTS } from '../../server/src/core/module/replacementPath';
import { toolchainRules } from '../../server/src/core/rules/toolchainRules';
import { disableGoTelemetry, runGo } from '../support/goList';
import { findGo, GoOracle } from '../support/goOracle';

const goBin = findGo();
const oracle = goBin ? new GoOracle(goBin) : undefined;
after(() => oracle?.dispose());

test('a corrected toolchain line is one the go command accepts, with the name we wrote', async () => {
  assert.ok(oracle, 'the go command is required');
  for (const [kind, arg] of [['mod', '1.22.1'], ['mod', 'v1.23.0'], ['mod', 'Go1.21.3'], ['mod', 'go 1.22.4'], ['mod', '1.22'], ['work', '1.23rc1'], ['work', '1.20']] as const) {
    const head = kind === 'mod' ? 'module example.com/m\n\ngo 1.21\n' : 'go 1.21\n';
    const text = `${head}\ntoolchain ${arg}\n`;
    const before = await oracle.edit(kind, '-json', text);
    assert.equal(before.ok, false, `the go command rejects toolchain ${arg}`);
    const p = parseFile(text, { filename: `go.${kind}`, kind });
    const ours = [...p.syntaxErrors, ...p.errors][0];
    assert.ok(ours && !before.ok && before.errors[0].message === ours.message, `same words as the go command for ${arg}: ${ours?.message}`);
    const fix = toolchainFix(p, text.indexOf('toolchain'));
    assert.ok(fix, `a fix for toolchain ${arg}`);
    // go work edit -json has no Toolchain field (Go 1.23): the printed file says it there.
    const after = await oracle.edit(kind, kind === 'mod' ? '-json' : '-print', applyEdits(text, [fix.edit]));
    assert.ok(after.ok, `the go command accepts toolchain ${fix.name}`);
    if (kind === 'mod') assert.equal(JSON.parse(after.stdout).Toolchain, fix.name);
    else assert.match(after.stdout, new RegExp(`^toolchain ${fix.name}$`, 'm'));
  }
});

test('toolchain-language-version is given exactly where the go command calls the name a language version', async () => {
  assert.ok(goBin, 'the go command is required');
  const home = mkdtempSync(path.join(tmpdir(), 'gmh-toolchain-'));
  try {
    disableGoTelemetry(home);
    // Names above the local Go 1.23, so that the go command has to switch (GOTOOLCHAIN=auto) and says what it thinks of them; GOPROXY=off downloads nothing.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GOTOOLCHAIN: 'auto', GOFLAGS: '', GOENV: 'off', GOPROXY: 'off', GOWORK: 'off', GOCACHE: path.join(home, 'cache'), GOPATH: path.join(home, 'gopath') };
    for (const name of ['go1.24', 'go1.30', 'go1.24.0', 'go1.24rc1', 'go1.25.3']) {
      const text = `module example.com/m\n\ngo 1.21\n\ntoolchain ${name}\n`;
      writeFileSync(path.join(home, 'go.mod'), text);
      const r = await runGo(goBin, ['mod', 'edit', '-json'], home, env);
      const goSays = r.stderr.includes(`invalid toolchain: ${name} is a language version but not a toolchain version`);
      const weSay = toolchainRules(parseFile(text, { filename: 'go.mod', kind: 'mod' })).some((f) => f.code === 'toolchain-language-version');
      assert.equal(weSay, goSays, `${name}: go says ${r.stderr.trim()}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
});

test('every first element of a standard-library package (go list std) is known, and only packages stand alone', async () => {
  assert.ok(goBin, 'the go command is required');
  const home = mkdtempSync(path.join(tmpdir(), 'gmh-std-'));
  try {
    disableGoTelemetry(home);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GOTOOLCHAIN: 'local', GOFLAGS: '', GOENV: 'off', GOPROXY: 'off', GOCACHE: path.join(home, 'cache'), GOPATH: path.join(home, 'gopath') };
    const r = await runGo(goBin, ['list', 'std'], home, env);
    assert.equal(r.code, 0, r.stderr);
    const std = r.stdout.trim().split('\n').filter((p) => !/(^|\/)(internal|vendor)(\/|$)/.test(p));
    for (const p of std) assert.ok(STD_FIRST_ELEMENTS.has(p.split('/')[0]), `${p}: first element known`);
    for (const p of std) assert.ok(isStdPackagePath(p), `${p} is a standard-library package path`);
    const packages = new Set(std);
    for (const first of STD_FIRST_ELEMENTS) {
      // weak is Go 1.24's: newer than the pinned Go 1.23.
      if (first === 'weak') continue;
      assert.equal(isStdPackagePath(first), packages.has(first), `${first} alone is ${packages.has(first) ? '' : 'not '}a package`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
});
