// The parser against the go command on the whole corpus: `parse` output equals
// `go mod edit -json` / `go work edit -json`, and formatting equals
// `go mod edit -fmt` (-print shows what -fmt would write).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeGoBytes } from '../../server/src/core/text/goText';
import { editJson, formatFile } from '../../server/src/core/gomod/parse';
import { compareJson } from '../support/agreement';
import { loadCorpus } from '../support/corpus';
import { findGo, GoOracle, pool } from '../support/goOracle';

const goBin = findGo();
let oracle: GoOracle;
const corpus = loadCorpus();

before(() => {
  assert.ok(goBin, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
  oracle = new GoOracle(goBin);
});
after(() => oracle?.dispose());

test('the corpus has at least 300 go.mod/go.work files, valid and invalid', async () => {
  assert.ok(corpus.length >= 300, `corpus has ${corpus.length} files`);
  assert.ok(corpus.some((f) => f.kind === 'work'), 'corpus includes go.work files');
});

test('parse agrees with go mod edit -json / go work edit -json on every corpus file', async () => {
  let accepted = 0;
  let rejected = 0;
  let newer = 0;
  const failures: string[] = [];
  await pool(corpus, 4, async (f) => {
    const go = await oracle.edit(f.kind, '-json', f.bytes);
    // Go names the file by the path it was given, in some messages too: use the same name.
    const ours = editJson(decodeGoBytes(f.bytes), { filename: go.file, kind: f.kind });
    const v = compareJson(ours, go);
    if (!v.agree) failures.push(`${f.name}: ${v.why}`);
    if (v.newerDirective) newer++;
    else if (go.ok) accepted++;
    else rejected++;
  });
  console.log(`corpus: ${corpus.length} files, go accepts ${accepted}, rejects ${rejected}, newer directives ${newer}; disagreements ${failures.length}`);
  assert.deepEqual(failures, []);
  assert.ok(rejected >= 30, `the corpus should exercise errors (only ${rejected} rejected files)`);
});

test('formatting equals go mod edit -fmt on every file the go command accepts', async () => {
  let compared = 0;
  const failures: string[] = [];
  await pool(corpus, 4, async (f) => {
    const go = await oracle.edit(f.kind, '-print', f.bytes);
    if (!go.ok) return;
    compared++;
    const ours = formatFile(decodeGoBytes(f.bytes), { filename: go.file, kind: f.kind });
    if (!ours.ok) failures.push(`${f.name}: we refuse to format: ${ours.errors[0].message}`);
    else if (ours.value !== go.stdout) failures.push(`${f.name}: formatted text differs`);
  });
  console.log(`formatting: ${compared} files compared, ${failures.length} differ`);
  assert.deepEqual(failures, []);
  assert.ok(compared >= 250);
});
