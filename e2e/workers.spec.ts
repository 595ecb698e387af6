import { expect, test, type Page } from './fixtures';

// The workers backend in real Chromium (cross-origin isolated, so shared memory is available): what
// only this backend has — idle workers, nested pools, the breakdown, pool reuse, worker faults. Every
// variant's equivalence, Stop, reuse and dispose are in the conformance suite (backends.spec.ts).
// Stated tolerance: after one epoch (6400 samples) max |Δparam| vs the reference ≤ 1e-4.
const TOLERANCE = 1e-4;

async function open(page: Page): Promise<void> {
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[page] ${m.text()}`); });
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
}

test('more workers than samples in a batch, uneven last batch', async ({ page }) => {
  await open(page);
  // batch 3 on 5 workers: two workers sit every batch out; 1000 % 3 = 1: the last batch has one sample
  const r = await page.evaluate(() => window.harness.workers.equivalence({ workers: 5 }, 1000, 3));
  expect(r.maxAbsChange).toBeGreaterThan(1e-3);
  expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
});

test('runs inside another Web Worker (nested workers, as in the notebook kernel)', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.workers.nestedEquivalence({ workers: 2 }, 3200, 128));
  console.log(`nested: ${r.describe}; in worker ${r.inWorker}; max |Δ| = ${r.maxAbsDiff.toExponential(2)}`);
  expect(r.inWorker).toBe(true);
  expect(r.mode).toBe('shared-allreduce');
  expect(r.maxAbsChange).toBeGreaterThan(1e-3);
  expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
});

test('reports an honest breakdown and a bounded task stream (workers all-reduce)', async ({ page }) => {
  await open(page);
  const s = await page.evaluate(() => window.harness.workers.epochStats({ workers: 2 }, 6400, 128));
  expect(s.extra.mode).toBe('shared-allreduce');
  expect(s.breakdown.map((p) => p.id)).toEqual(['compute', 'waiting', 'barrier', 'reduction', 'other']);
  expect(s.breakdown.map((p) => p.label)).toEqual(['compute', 'waiting (load imbalance)', 'barrier wait', 'reduction + update', 'other']);
  for (const p of s.breakdown) {
    expect(p.ms).toBeGreaterThanOrEqual(0);
    expect(p.method.length).toBeGreaterThan(10);
  }
  const sum = s.breakdown.reduce((a, p) => a + p.ms, 0);
  expect(sum).toBeGreaterThanOrEqual(s.wallMs * 0.99);
  expect(s.breakdown[0].ms).toBeGreaterThan(s.wallMs * 0.2); // compute is real work
  // 50 batches, tasks kept for the first 32: per worker one shard and its slice of the reduction
  expect(s.batches).toBe(50);
  expect(s.tasks).toHaveLength(32 * 4);
  expect(new Set(s.tasks.map((t) => t.worker))).toEqual(new Set([0, 1])); // no coordinator lane: it does no per-batch work
  for (const t of s.tasks) {
    expect(t.end).toBeGreaterThanOrEqual(t.start);
    expect(t.start).toBeGreaterThan(-5); // shared clock: no task before the epoch started
  }
  // within a batch, every slice of the reduction starts after every shard has ended (the barrier); each
  // worker reads the shared clock as its own timeOrigin + now(), which agree to a few microseconds
  const CLOCK_SKEW_MS = 0.05;
  for (let b = 0; b < 32; b++) {
    const mine = s.tasks.filter((t) => t.batch === b);
    const lastShard = Math.max(...mine.filter((t) => t.kind === 'gradient').map((t) => t.end));
    const firstSlice = Math.min(...mine.filter((t) => t.kind === 'reduce+update').map((t) => t.start));
    expect(firstSlice).toBeGreaterThanOrEqual(lastShard - CLOCK_SKEW_MS);
  }
  expect(Number(s.extra.computeMsWorker0)).toBeGreaterThan(0);
  expect(Number(s.extra.computeMsWorker1)).toBeGreaterThan(0);
  expect(String(s.extra.tasksRecorded)).toContain('first 32 of 50 batches');
  // dW1 blocks one worker computed for the other's shard: as many as the timing gave, at most all of them
  const taken = Number(s.extra.w1BlocksFromOthers);
  expect(Number.isInteger(taken) && taken >= 0 && taken <= 50 * (128 / 8)).toBe(true);
  console.log(`breakdown (2 workers, batch 128): ${s.breakdown.map((p) => `${p.label} ${p.ms.toFixed(0)} ms`).join(', ')} of ${s.wallMs.toFixed(0)} ms; ${taken} dW1 blocks taken from the other shard`);
});

test('the coordinator-reduce variant (dispatch atomics) keeps its own breakdown and a coordinator lane', async ({ page }) => {
  await open(page);
  const s = await page.evaluate(() => window.harness.workers.epochStats({ workers: 2, dispatch: 'atomics' }, 6400, 128));
  expect(s.extra.mode).toBe('shared-atomics');
  expect(s.breakdown.map((p) => p.id)).toEqual(['compute', 'waiting', 'messaging', 'reduction', 'other']);
  expect(s.tasks).toHaveLength(32 * 3); // 2 shards + the coordinator's reduction per batch
  expect(new Set(s.tasks.map((t) => t.worker))).toEqual(new Set([-1, 0, 1]));
});

test('the pool is reused across epochs and runs, and re-created when N changes', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.workers.poolReuse({}));
  expect(r.ids[0]).toBe(r.ids[1]);
  expect(r.ids[1]).toBe(r.ids[2]);
  expect(r.ids[3]).not.toBe(r.ids[2]);
  expect(r.created).toEqual([2, 2, 2, 5]);
  expect(r.run2Diff).toBeLessThanOrEqual(TOLERANCE);
  expect(r.run3Diff).toBeLessThanOrEqual(TOLERANCE);
});

for (const [kind, opts] of [
  ['terminate', {}], ['throw', {}], ['terminate', { forceTransfer: true }], ['throw', { dispatch: 'messages' as const }],
] as const) {
  test(`a worker that dies (${kind}, ${JSON.stringify(opts)}) stops the run with its name; the model keeps the last completed batch; the pool is rebuilt`, async ({ page }) => {
    await open(page);
    const r = await page.evaluate(([k, o]) => window.harness.workers.fault(k, { workers: 2, ...o }), [kind, opts] as const);
    console.log(`fault ${kind}: ${r.error?.message}; completed ${r.completed}/${r.batches}; kept |Δ| ${r.keptDiff.toExponential(2)}`);
    expect(r.fired).toBe(true);
    expect(r.error?.name).toBe('WorkerFaultError');
    expect(r.error?.worker).toBe(1);
    expect(r.error?.message).toMatch(/worker 1 failed/);
    expect(r.error?.message).toMatch(kind === 'terminate' ? /terminated/ : /fault injected by a test hook/);
    expect(r.completed).toBeGreaterThan(10);
    expect(r.completed).toBeLessThan(r.batches);
    expect(r.keptChange).toBeGreaterThan(1e-4); // the completed batches were kept...
    expect(r.keptDiff).toBeLessThanOrEqual(TOLERANCE); // ...and exactly those: the reference after them
    expect(r.poolAfter).not.toBe(r.poolBefore);
    expect(r.rerunDiff).toBeLessThanOrEqual(TOLERANCE);
  });
}

test('Stop between batches keeps the completed batches and the pool', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.workers.fault('stop', { workers: 2 }));
  expect(r.fired).toBe(true);
  expect(r.error?.name).toBe('StoppedError');
  expect(r.completed).toBeGreaterThanOrEqual(r.stoppedAfter); // the chunk in flight when Stop came was finished
  expect(r.completed).toBeGreaterThan(10);
  expect(r.completed).toBeLessThan(r.batches);
  expect(r.keptDiff).toBeLessThanOrEqual(TOLERANCE);
  expect(r.poolAfter).toBe(r.poolBefore);
  expect(r.rerunDiff).toBeLessThanOrEqual(TOLERANCE);
});
