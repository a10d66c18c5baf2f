// The parser against the go command on the whole corpus: `parse` output equals
// `go mod edit -json` / `go work edit -json`, and formatting equals
// `go mod edit -fmt` (-print shows what -fmt would write); with the pinned Go
// 1.23 and with the machine's current Go.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeGoBytes } from '../../server/src/core/text/goText';
import { editJson, formatFile } from '../../server/src/core/gomod/parse';
import { compareFormat, compareJson } from '../support/agreement';
import { loadCorpus } from '../support/corpus';
import { GoOracle, oracleGos, pool } from '../support/goOracle';

const gos = oracleGos();
const corpus = loadCorpus();

test('the corpus has at least 300 go.mod/go.work files, valid and invalid', async () => {
  assert.ok(gos.length > 0 && gos[0].pinned, 'the go command (golang-1.23-go) is required as the test oracle; .ci/run installs it');
  assert.ok(corpus.length >= 300, `corpus has ${corpus.length} files`);
  assert.ok(corpus.some((f) => f.kind === 'work'), 'corpus includes go.work files');
});

// Once per go command: the pinned Go 1.23 and the machine's current Go (README, "How we know it works").
for (const g of gos) {
  describe(g.version, () => {
    let oracle: GoOracle;
    before(() => (oracle = new GoOracle(g.bin)));
    after(() => oracle?.dispose());

    test(`parse agrees with ${g.version} go mod edit -json / go work edit -json on every corpus file`, async () => {
      let accepted = 0;
      let rejected = 0;
      let newer = 0;
      const failures: string[] = [];
      await pool(corpus, 4, async (f) => {
        const go = await oracle.edit(f.kind, '-json', f.bytes);
        // Go names the file by the path it was given, in some messages too: use the same name.
        const ours = editJson(decodeGoBytes(f.bytes), { filename: go.file, kind: f.kind });
        const v = compareJson(ours, go, g.minor);
        if (!v.agree) failures.push(`${f.name}: ${v.why}`);
        if (v.newerDirective) newer++;
        else if (go.ok) accepted++;
        else rejected++;
      });
      console.log(`corpus (${g.version}): ${corpus.length} files, go accepts ${accepted}, rejects ${rejected}, newer directives excused ${newer}; disagreements ${failures.length}`);
      assert.deepEqual(failures, []);
      assert.ok(rejected >= 30, `the corpus should exercise errors (only ${rejected} rejected files)`);
      // tool (Go 1.24) and ignore (Go 1.25) are compared, not excused, by a go that knows them.
      if (g.minor >= 25) assert.equal(newer, 0, 'no directive is newer than this go');
    });

    test(`formatting equals ${g.version} go mod edit -fmt on every file the go command accepts`, async () => {
      let compared = 0;
      let excused = 0;
      const failures: string[] = [];
      await pool(corpus, 4, async (f) => {
        const go = await oracle.edit(f.kind, '-print', f.bytes);
        if (!go.ok) return;
        compared++;
        const ours = formatFile(decodeGoBytes(f.bytes), { filename: go.file, kind: f.kind });
        if (!ours.ok) return void failures.push(`${f.name}: we refuse to format: ${ours.errors[0].message}`);
        const v = compareFormat(ours.value, go.stdout, g.minor);
        if (!v.agree) failures.push(`${f.name}: formatted text differs`);
        if (v.excused) excused++;
      });
      console.log(`formatting (${g.version}): ${compared} files compared, ${failures.length} differ, ${excused} differ only where this go kept a blank line before ")"`);
      assert.deepEqual(failures, []);
      assert.ok(compared >= 250);
    });
  });
}
