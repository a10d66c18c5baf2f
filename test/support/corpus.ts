// The go.mod/go.work corpus under test/fixtures/corpus.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CORPUS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'corpus');

export interface CorpusFile {
  name: string;
  kind: 'mod' | 'work';
  bytes: Buffer;
}

export function loadCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const dir of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(path.join(CORPUS_DIR, dir.name)).sort()) {
      const kind = f.endsWith('.work') ? 'work' : f.endsWith('.mod') ? 'mod' : undefined;
      if (kind) files.push({ name: `${dir.name}/${f}`, kind, bytes: readFileSync(path.join(CORPUS_DIR, dir.name, f)) });
    }
  }
  return files;
}
