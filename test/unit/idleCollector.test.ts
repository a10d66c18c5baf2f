// The idle collector: one collection after a quiet period, however many bursts
// of work came before it, and a gc() that really is V8's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exposeGc, IdleCollector } from '../../server/src/lsp/idleCollector';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('collects once, only after the work has been quiet for the given time', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, 80);
  for (let i = 0; i < 5; i++) {
    idle.workDone();
    await wait(20);
  }
  assert.equal(collections, 0, 'no collection while work keeps coming');
  const deadline = Date.now() + 2000;
  while (collections === 0 && Date.now() < deadline) await wait(10);
  assert.equal(collections, 1);
  await wait(150);
  assert.equal(collections, 1, 'nothing more without new work');
  idle.dispose();
});

test('dispose cancels a pending collection; no collector means nothing scheduled', async () => {
  let collections = 0;
  const idle = new IdleCollector(() => collections++, 10);
  idle.workDone();
  idle.dispose();
  await wait(60);
  assert.equal(collections, 0);
  new IdleCollector(undefined, 10).workDone();
});

test('exposeGc gives a gc() that frees unreachable memory', () => {
  const gc = exposeGc();
  assert.ok(gc, 'V8 accepted --expose-gc at run time');
  let garbage: number[] | undefined = new Array(1_000_000).fill(1);
  const before = process.memoryUsage().heapUsed;
  garbage = undefined;
  gc();
  assert.ok(process.memoryUsage().heapUsed < before - 4_000_000, 'the 8 MB array was collected');
});
