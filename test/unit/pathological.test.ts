// Hostile go.mod text: parsing work stays linear in the file's size, and the
// go command reports the same first error on pathological files (the corpus
// and mutation suites hold the recovery to the go command everywhere else).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MOD_DIRECTIVES } from '../../server/src/core/gomod/directives';
import { goCommandErrors, parseFile } from '../../server/src/core/gomod/parse';
import { parseSyntax } from '../../server/src/core/gomod/parser';
import { MAX_FILE_CHARS, MAX_FILE_LINES, sizeProblem } from '../../server/src/core/gomod/sizeLimit';
import { findGo, GoOracle } from '../support/goOracle';

const opts = { directives: MOD_DIRECTIVES };
const work = (text: string) => parseSyntax(text, 'go.mod', opts).tokensRead;

/** Asserts that four times the input costs at most ~4.5 times the tokens (quadratic would be 16). */
function assertLinear(make: (n: number) => string, n: number): void {
  const small = work(make(n));
  const large = work(make(4 * n));
  assert.ok(large <= 4.5 * small, `tokens read: ${small} for n=${n}, ${large} for n=${4 * n} (ratio ${(large / small).toFixed(1)})`);
}

test('unclosed blocks one after another are read in linear work', () => {
  assertLinear((n) => 'module m\n' + 'require (\n'.repeat(n), 500);
  assertLinear((n) => 'module m\n' + 'require (\n\texample.com/a v1.0.0\n// c\n'.repeat(n), 500);
  assertLinear((n) => 'module m\n' + 'replace (\n\ta => ./a\n\t)x\n'.repeat(n), 500);
  assertLinear((n) => 'module m\n' + 'require (\n'.repeat(n) + 'require (\n\t"bad\n'.repeat(n), 300);
});

test('lines, comments and errors in bulk are read in linear work', () => {
  assertLinear((n) => 'module m\n' + 'require example.com/a v1.0.0 // c\n'.repeat(n), 2000);
  assertLinear((n) => 'module m\n' + '/* x\n"open\n)\n'.repeat(n), 2000);
  assertLinear((n) => 'module m\nrequire (\n' + '\texample.com/a v1.0.0\n'.repeat(n), 2000);
});

test('20,000 unclosed blocks parse with one error per block at the end of the file', () => {
  const text = 'module m\n' + 'require (\n'.repeat(20000);
  const r = parseSyntax(text, 'go.mod', opts);
  assert.equal(r.errors.length, 20000);
  assert.equal(r.errors[0].message, 'syntax error (unterminated block started at go.mod:2:1)');
  assert.equal(r.errors[0].pos.offset, text.length);
  assert.ok(r.tokensRead < 10 * 20000, `tokens read: ${r.tokensRead}`);
});

const goBin = findGo();
let oracle: GoOracle | undefined;
after(() => oracle?.dispose());

test('the go command reports the same first error on pathological files', { skip: goBin ? false : 'go 1.23 not installed' }, async () => {
  oracle = new GoOracle(goBin!);
  const files = [
    'module m\n' + 'require (\n'.repeat(2000),
    'module m\n' + 'require (\n\texample.com/a v1.0.0\n'.repeat(500) + 'go 1.21\n',
    'module m\nrequire (\n' + 'replace (\n\ta => ./b\n'.repeat(300) + ')\n',
    'module m\n' + 'require (\n\t"open\n'.repeat(300),
  ];
  for (const text of files) {
    const go = await oracle.edit('mod', '-json', text);
    assert.equal(go.ok, false);
    if (go.ok) continue;
    const ours = parseFile(text, { filename: go.file, kind: 'mod', windows: false });
    const first = goCommandErrors(ours)[0];
    assert.ok(first, 'we report an error too');
    assert.deepEqual(
      { line: first.pos.line, message: first.message, ...(go.errors[0].col !== undefined ? { col: first.pos.col } : {}) },
      { line: go.errors[0].line, message: go.errors[0].message, ...(go.errors[0].col !== undefined ? { col: go.errors[0].col } : {}) },
    );
  }
});

test('the size limit lets through every file up to its bounds and refuses just past them', () => {
  assert.equal(sizeProblem('module m\n' + 'go 1.21\n'.repeat(MAX_FILE_LINES - 1)), undefined);
  assert.match(sizeProblem('module m\n' + 'go 1.21\n'.repeat(MAX_FILE_LINES))?.message ?? '', new RegExp(`more than the limit of ${MAX_FILE_LINES} lines`));
  assert.equal(sizeProblem(('// ' + 'x'.repeat(1000) + '\n').repeat(1000)), undefined);
  assert.match(sizeProblem('x'.repeat(MAX_FILE_CHARS + 1))?.message ?? '', /more than the limit of 1048576 \(1 MiB\)/);
  const p = parseFile('module m\n' + '\n'.repeat(MAX_FILE_LINES), { filename: 'go.mod', kind: 'mod' });
  assert.deepEqual([p.tooLarge !== undefined, p.syntax.stmts.length, p.syntaxErrors.length], [true, 0, 0]);
});
