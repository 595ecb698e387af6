import { describe, expect, it } from 'vitest';
import { runEpoch, type BatchRunner } from './epoch';
import { BackendError } from './messages';
import { StoppedError, type BatchProgress, type EpochPlan } from './types';

// A fake backend whose batch i has loss i + 1; it records which batches it was asked to run.
function fake(over: Partial<BatchRunner> = {}): BatchRunner & { calls: [number, number][] } {
  const calls: [number, number][] = [];
  return {
    backend: 'js',
    calls,
    run: (first, count) => {
      calls.push([first, count]);
      return Array.from({ length: count }, (_, j) => first + j + 1);
    },
    parts: (wallMs) => ({ breakdown: [{ id: 'compute', ms: wallMs, method: { id: 'method_js_compute' } }] }),
    ...over,
  };
}

function plan(samples: number, batchSize: number, onProgress?: (p: BatchProgress) => void): EpochPlan {
  return { epoch: 3, order: new Uint32Array(samples), batchSize, learningRate: 0.1, onProgress };
}

describe('runEpoch', () => {
  it('weights each batch loss by its rows (an uneven last batch counts less) and builds EpochStats', async () => {
    const r = fake();
    const s = await runEpoch(plan(10, 4), r); // batches of 4, 4, 2 with losses 1, 2, 3
    expect(r.calls).toEqual([[0, 1], [1, 1], [2, 1]]);
    expect(s.epoch).toBe(3);
    expect(s.batches).toBe(3);
    expect(s.samples).toBe(10);
    expect(s.loss).toBeCloseTo((1 * 4 + 2 * 4 + 3 * 2) / 10, 12);
    expect(s.breakdown[0].ms).toBe(s.wallMs);
  });

  it('runs fixed chunks and reads deferred losses at the end', async () => {
    const r = fake({
      chunk: 4,
      run: (first, count) => { r.calls.push([first, count]); return null; },
      deferred: async (from, to) => Array.from({ length: to - from }, (_, j) => from + j + 1),
    });
    const seen: BatchProgress[] = [];
    const s = await runEpoch(plan(10, 1), r, undefined);
    expect(r.calls).toEqual([[0, 4], [4, 4], [8, 2]]);
    expect(s.loss).toBeCloseTo(5.5, 12);
    await runEpoch(plan(10, 1, (p) => seen.push(p)), r);
    expect(seen.map((p) => p.batch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a stop throws StoppedError with the batches applied, after end()', async () => {
    const ctl = new AbortController();
    let ended = 0;
    const r = fake({
      run: (first, count) => { if (first === 4) ctl.abort(); return Array.from({ length: count }, () => 1); },
      end: () => { ended++; },
    });
    const e = await runEpoch(plan(100, 10), r, ctl.signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoppedError);
    expect((e as StoppedError).completed).toBe(5);
    expect(ended).toBe(1);
  });

  it('a backend that ran ahead of what run() returned says how many batches its model holds, read after end()', async () => {
    const ctl = new AbortController();
    let ahead = 0;
    const r = fake({
      chunk: 4,
      run: (first, count) => { ahead = first + 2 * count; if (first === 4) ctl.abort(); return Array.from({ length: count }, () => 1); },
      end: () => { ahead -= 1; }, // the workers stopped one batch short of what they were allowed
      completed: () => ahead,
    });
    const e = (await runEpoch(plan(100, 5), r, ctl.signal).catch((x: unknown) => x)) as StoppedError;
    expect(e).toBeInstanceOf(StoppedError);
    expect(e.completed).toBe(4 + 2 * 4 - 1);
  });

  it('a backend that stops mid-chunk reports only the batches it ran', async () => {
    const ctl = new AbortController();
    const r = fake({
      chunk: 8,
      run: (first) => { ctl.abort(); return [first + 1, first + 2, first + 3]; },
    });
    const e = (await runEpoch(plan(100, 10), r, ctl.signal).catch((x: unknown) => x)) as StoppedError;
    expect(e.completed).toBe(3);
  });

  it('fewer losses than asked without a stop is an error, translated by fail()', async () => {
    const r = fake({ chunk: 2, run: () => [1], fail: (err, completed) => new Error(`wrapped after ${completed}: ${(err as Error).message}`) });
    await expect(runEpoch(plan(8, 2), r)).rejects.toThrow(/wrapped after 1: backend returned 1 of 2/);
  });

  it('sizes adaptive chunks from the measured time per batch', async () => {
    let now = 0;
    const r = fake({ chunk: { targetMs: 100 }, clock: () => now });
    const run = r.run;
    r.run = (first, count) => { now += 10 * count; return run(first, count); }; // 10 ms per batch
    await runEpoch(plan(40, 1), r);
    expect(r.calls).toEqual([[0, 1], [1, 10], [11, 10], [21, 10], [31, 9]]);
  });

  it('a loss that is not finite stops the run, naming the batch and the learning rate', async () => {
    const r = fake({ run: (first) => [first === 2 ? NaN : 1] });
    const e = (await runEpoch(plan(40, 4), r).catch((x: unknown) => x)) as BackendError;
    expect(e).toBeInstanceOf(BackendError);
    expect(e.code).toBe('error_diverged');
    expect(e.message).toBe('the training loss became NaN at batch 3 of epoch 4: the run diverged and was stopped. Try a smaller learning rate (this run used 0.1).');
  });
});

