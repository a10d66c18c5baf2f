// The answers cache on disk: writes queue behind the answers and land by
// flush(); a later process reads them back; a key with no file there costs no
// read at all (the directory is listed once), which on a cold cache is every key;
// the editor's writes wait until the proxy is quiet.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiskCache, type DiskCacheFs } from '../../server/src/core/proxy/diskCache';
import { nodeGoContextHost } from '../../server/src/node/nodeHost';

function countingFs(): { fs: DiskCacheFs; reads: () => number; writesAtOnce: () => number } {
  let reads = 0;
  let writing = 0;
  let most = 0;
  return {
    fs: {
      readFile: (p) => (reads++, readFile(p)),
      writeFile: async (p, d) => {
        most = Math.max(most, ++writing);
        try {
          await writeFile(p, d);
        } finally {
          writing--;
        }
      },
      rename: (a, b) => rename(a, b),
      mkdir: async (p) => void (await mkdir(p, { recursive: true })),
      readdir: (p) => readdir(p),
    },
    reads: () => reads,
    writesAtOnce: () => most,
  };
}

test('answers written by one cache are read by the next; unknown keys cost no read; writes go two at a time', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gmh-disk-')), 'cache');
  try {
    const first = countingFs();
    const a = new DiskCache(dir, first.fs, (m) => assert.fail(m));
    assert.equal(await a.read('never written'), undefined);
    assert.equal(first.reads(), 0, 'a cold cache reads nothing');
    const keys = Array.from({ length: 40 }, (_, i) => `https://proxy.example/m${i}/@v/list`);
    for (const [i, k] of keys.entries()) void a.write(k, { storedAt: i, value: { kind: 'ok', body: Buffer.from(`v1.0.${i}\n`) } });
    void a.write('gone', { storedAt: 1, value: { kind: 'not-found', status: 404, message: 'not found' } });
    await a.flush();
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 41);
    assert.equal(first.writesAtOnce(), 2);
    // Its own writes are known to it at once.
    assert.equal((await a.read(keys[3]))?.storedAt, 3);

    const second = countingFs();
    const b = new DiskCache(dir, second.fs, (m) => assert.fail(m));
    const back = await b.read(keys[7]);
    assert.equal(back?.value.kind === 'ok' && back.value.body.toString(), 'v1.0.7\n');
    assert.deepEqual((await b.read('gone'))?.value, { kind: 'not-found', status: 404, message: 'not found' });
    assert.equal(await b.read('https://proxy.example/other/@v/list'), undefined);
    assert.equal(second.reads(), 2, 'only the keys with a file were read');
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('with writeWhen, a burst of writes waits for it (the editor: the proxy quiet); flush() does not wait', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gmh-disk-')), 'cache');
  const files = () => readdirSync(dir).filter((f) => f.endsWith('.json')).length;
  const answer = (i: number) => ({ storedAt: i, value: { kind: 'ok' as const, body: Buffer.from(`v1.0.${i}\n`) } });
  try {
    let quiet: () => void = () => undefined;
    let waits = 0;
    const gate = () => (waits++, new Promise<void>((r) => (quiet = r)));
    const c = new DiskCache(dir, countingFs().fs, (m) => assert.fail(m), gate);
    const landed = [1, 2, 3].map((i) => c.write(`k${i}`, answer(i)));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(files(), 0, 'nothing written while the proxy is busy');
    assert.equal(waits, 1, 'one wait for the burst');
    quiet();
    await Promise.all(landed);
    assert.equal(files(), 3);
    // The next burst waits again; flush() writes it at once.
    void c.write('k4', answer(4));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(files(), 3);
    assert.equal(waits, 2);
    await c.flush();
    assert.equal(files(), 4);
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a cache file that is not a regular file (a FIFO under an answer\'s name) is a miss at once, never a hang', { skip: process.platform === 'win32' && 'no FIFOs by path' }, async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gmh-disk-')), 'cache');
  try {
    const cacheFs = nodeGoContextHost({ env: {}, cwd: dir, homeDir: dir, log: () => undefined }).cacheFs!;
    const a = new DiskCache(dir, cacheFs, (m) => assert.fail(m));
    await a.write('k', { storedAt: 1, value: { kind: 'ok', body: Buffer.from('v1.0.0\n') } });
    await a.flush();
    const [file] = readdirSync(dir);
    rmSync(path.join(dir, file));
    execFileSync('mkfifo', [path.join(dir, file)]);
    const b = new DiskCache(dir, cacheFs, (m) => assert.fail(m));
    assert.equal(await b.read('k'), undefined);
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});
