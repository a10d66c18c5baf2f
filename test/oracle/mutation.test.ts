// Seeded mutants of real files (deleted and inserted tokens, duplicated and
// truncated lines) must never crash the parser, and must be accepted or
// rejected exactly as the go command does, with the same JSON or first error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeGoBytes } from '../../server/src/core/text/goText';
import { editJson, formatFile, parseFile } from '../../server/src/core/gomod/parse';
import { compareJson } from '../support/agreement';
import { loadCorpus } from '../support/corpus';
import { findGo, GoOracle, pool } from '../support/goOracle';
import { MUTATION_KINDS, mutate, prng } from '../support/mutate';

const MUTANTS = 1200;
const SEED = 20261121;

const goBin = findGo();
let oracle: GoOracle;
before(() => {
  assert.ok(goBin, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
  oracle = new GoOracle(goBin);
});
after(() => oracle?.dispose());

test(`${MUTANTS} seeded mutants: no crash, and at least 99% agreement with the go command`, async () => {
  // Mutate the real-world and Go test-data files; handmade files are already edge cases.
  const bases = loadCorpus().filter((f) => !f.name.startsWith('handmade/'));
  assert.ok(bases.length > 100);
  const rand = prng(SEED);
  const mutants = Array.from({ length: MUTANTS }, (_, i) => {
    const base = bases[Math.floor(rand() * bases.length)];
    const kind = MUTATION_KINDS[i % MUTATION_KINDS.length];
    return { base, kind, text: mutate(decodeGoBytes(base.bytes), kind, rand) };
  });
  const crashes: string[] = [];
  const disagreements: string[] = [];
  let rejectedByGo = 0;
  await pool(mutants, 4, async (m, i) => {
    const go = await oracle.edit(m.base.kind, '-json', m.text);
    if (!go.ok) rejectedByGo++;
    try {
      const opts = { filename: go.file, kind: m.base.kind };
      parseFile(m.text, opts);
      formatFile(m.text, opts);
      const v = compareJson(editJson(m.text, opts), go);
      if (!v.agree) disagreements.push(`mutant ${i} (${m.kind} of ${m.base.name}): ${v.why}\n${JSON.stringify(m.text).slice(0, 300)}`);
    } catch (e) {
      crashes.push(`mutant ${i} (${m.kind} of ${m.base.name}): ${e instanceof Error ? e.stack : String(e)}`);
    }
  });
  const agreement = (MUTANTS - disagreements.length - crashes.length) / MUTANTS;
  console.log(`mutants: ${MUTANTS}, go rejects ${rejectedByGo}, crashes ${crashes.length}, disagreements ${disagreements.length}, agreement ${(agreement * 100).toFixed(2)}%`);
  for (const d of disagreements) console.log(d);
  assert.deepEqual(crashes, []);
  assert.ok(agreement >= 0.99, `agreement ${agreement}`);
  assert.ok(rejectedByGo > MUTANTS / 10, 'mutations should produce many invalid files');
});
