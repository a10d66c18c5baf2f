// Seeded mutants of real files (deleted and inserted tokens, duplicated and
// truncated lines) must never crash the parser, and must be accepted or
// rejected exactly as the go command does, with the same JSON or first error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeGoBytes } from '../../server/src/core/text/goText';
import { editJson, formatFile, parseFile } from '../../server/src/core/gomod/parse';
import { compareJson } from '../support/agreement';
import { loadCorpus } from '../support/corpus';
import { GoOracle, oracleGos, pool } from '../support/goOracle';
import { MUTATION_KINDS, mutate, prng } from '../support/mutate';

const MUTANTS = 1200;
const SEED = 20261121;

const gos = oracleGos();

/** The same seeded mutants for every go command. */
function mutants() {
  // Mutate the real-world and Go test-data files; handmade files are already edge cases.
  const bases = loadCorpus().filter((f) => !f.name.startsWith('handmade/'));
  assert.ok(bases.length > 100);
  const rand = prng(SEED);
  return Array.from({ length: MUTANTS }, (_, i) => {
    const base = bases[Math.floor(rand() * bases.length)];
    const kind = MUTATION_KINDS[i % MUTATION_KINDS.length];
    return { base, kind, text: mutate(decodeGoBytes(base.bytes), kind, rand) };
  });
}

test('the pinned go command is there to compare with', () => {
  assert.ok(gos.length > 0 && gos[0].pinned, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
});

for (const g of gos) {
  describe(g.version, () => {
    let oracle: GoOracle;
    before(() => (oracle = new GoOracle(g.bin)));
    after(() => oracle?.dispose());

    test(`${MUTANTS} seeded mutants: no crash, and at least 99% agreement with ${g.version}`, async () => {
      const all = mutants();
      const crashes: string[] = [];
      const disagreements: string[] = [];
      let rejectedByGo = 0;
      await pool(all, 4, async (m, i) => {
        const go = await oracle.edit(m.base.kind, '-json', m.text);
        if (!go.ok) rejectedByGo++;
        try {
          const opts = { filename: go.file, kind: m.base.kind };
          parseFile(m.text, opts);
          formatFile(m.text, opts);
          const v = compareJson(editJson(m.text, opts), go, g.minor);
          if (!v.agree) disagreements.push(`mutant ${i} (${m.kind} of ${m.base.name}): ${v.why}\n${JSON.stringify(m.text).slice(0, 300)}`);
        } catch (e) {
          crashes.push(`mutant ${i} (${m.kind} of ${m.base.name}): ${e instanceof Error ? e.stack : String(e)}`);
        }
      });
      const agreement = (MUTANTS - disagreements.length - crashes.length) / MUTANTS;
      console.log(`mutants (${g.version}): ${MUTANTS}, go rejects ${rejectedByGo}, crashes ${crashes.length}, disagreements ${disagreements.length}, agreement ${(agreement * 100).toFixed(2)}%`);
      for (const d of disagreements) console.log(d);
      assert.deepEqual(crashes, []);
      assert.ok(agreement >= 0.99, `agreement ${agreement}`);
      assert.ok(rejectedByGo > MUTANTS / 10, 'mutations should produce many invalid files');
    });
  });
}
