import { describe, expect, it } from 'vitest';
import { CTRL_ABORT, CTRL_ALLOW, CTRL_BAR_COUNT, CTRL_BAR_GEN, CTRL_CMD, CTRL_LENGTH, CMD_STOP } from './control';
import { abortEpoch, awaitAllowed, barrier, modelFor, paramSlice, reduceSlice } from './owned';
import { reduce_and_update } from './reduce';
import { AllreduceRecorder } from './stats';

function rand(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = (s / 2147483648 - 0.5) * 0.02;
  }
  return a;
}

describe('worker-owned epochs: the slices of the all-reduce', () => {
  it('tile [0, P) exactly, in order, each starting on a cache line (16 floats)', () => {
    for (const P of [1, 15, 16, 17, 1000, 101_770]) {
      for (const N of [1, 2, 3, 4, 7, 16]) {
        let at = 0;
        for (let w = 0; w < N; w++) {
          const { lo, hi } = paramSlice(P, N, w);
          expect(lo).toBe(at);
          expect(hi).toBeGreaterThanOrEqual(lo);
          expect(lo % 16).toBe(0);
          at = hi;
        }
        expect(at).toBe(P);
      }
    }
  });

  it('are balanced for the MLP (784 → 128 → 10: 101,770 parameters): sizes differ by at most one cache line', () => {
    for (const N of [2, 3, 4, 8]) {
      const sizes = Array.from({ length: N }, (_, w) => { const s = paramSlice(101_770, N, w); return s.hi - s.lo; });
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(16);
    }
  });

  it('give, slice by slice, the coordinator\'s reduce_and_update bit for bit (1, 2 and 3 shards)', () => {
    const lr = 0.1;
    // 5003: a last slice that does not end on a multiple of 16
    for (const P of [5000, 5003]) for (const W of [1, 2, 3]) {
      const rows = Array.from({ length: 4 }, (_, w) => rand(P, 7 + w));
      const params = rand(P, 99);
      const want = params.slice();
      reduce_and_update(want, rows, W, P, lr);
      for (const N of [1, 2, 3]) {
        const next = new Float32Array(P).fill(NaN);
        for (let w = 0; w < N; w++) {
          const { lo, hi } = paramSlice(P, N, w);
          reduceSlice(next, params, rows, W, lo, hi, lr);
        }
        expect(next).toEqual(want); // toEqual on Float32Array compares every element exactly
      }
    }
  });

  it('alternate the two model buffers: batch i reads buffer i % 2 and writes the other', () => {
    const a = new Float32Array(1), b = new Float32Array(1);
    expect(modelFor(0, a, b)).toEqual({ cur: a, next: b });
    expect(modelFor(1, a, b).cur).toBe(b);
    expect(modelFor(1, a, b).next).toBe(a);
    expect(modelFor(6, a, b).cur).toBe(a);
  });
});

describe('worker-owned epochs: synchronisation (one thread)', () => {
  it('a barrier of one releases at once, runs onRelease and bumps the generation', () => {
    const c = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * 4));
    let released = 0;
    expect(barrier(c, 1, 0, () => released++)).toBe(true);
    expect(barrier(c, 1, 0, () => released++)).toBe(true);
    expect(released).toBe(2);
    expect(c[CTRL_BAR_GEN]).toBe(2);
    expect(c[CTRL_BAR_COUNT]).toBe(0);
  });

  it('after an abort, barriers and the wait for permission say false instead of blocking', () => {
    const c = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * 4));
    abortEpoch(c);
    expect(c[CTRL_ABORT]).toBe(1);
    expect(barrier(c, 1, 0)).toBe(false);
    expect(barrier(c, 3, 10)).toBe(false); // two partners that never come: the abort flag releases it
    expect(awaitAllowed(c, 0, 10)).toBe(false);
  });

  it('the wait for permission passes below CTRL_ALLOW; at Stop it still runs every allowed batch, then says false', () => {
    const c = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * 4));
    c[CTRL_ALLOW] = 3;
    expect(awaitAllowed(c, 2, 0)).toBe(true);
    c[CTRL_CMD] = CMD_STOP;
    expect(awaitAllowed(c, 2, 10)).toBe(true); // allowed before the Stop: a partner may already be in it
    expect(awaitAllowed(c, 3, 10)).toBe(false);
  });
});

describe('the all-reduce breakdown', () => {
  it('splits each batch\'s span into compute, imbalance, reduction and barrier, and the parts add up', () => {
    const N = 2, stride = 6, at = { t0: 0, t1: 1, t2: 2, t3: 3, taken: 5 };
    const rec = new AllreduceRecorder(N, 1000);
    // batch 0: shards 10 and 14 ms, slices 1 and 2 ms, released at 1020 (span 20 from the start);
    // worker 0 computed 3 of worker 1's dW1 blocks
    const ring = new Float64Array([1000.5, 1010.5, 1015, 1016, 0, 3, 1000.5, 1014.5, 1015, 1017, 0, 0]);
    rec.batch(0, 2, ring, 0, stride, at, 1020);
    const parts = Object.fromEntries(rec.breakdown(25).map((p) => [p.id, p.ms]));
    expect(parts.compute).toBeCloseTo(12);
    expect(parts.waiting).toBeCloseTo(2);
    expect(parts.reduction).toBeCloseTo(2);
    expect(parts.barrier).toBeCloseTo(20 - 14 - 2);
    expect(parts.other).toBeCloseTo(25 - 12 - 2 - 2 - 4);
    expect(rec.tasks.map((t) => `${t.worker}:${t.kind}`)).toEqual(['0:gradient', '0:reduce+update', '1:gradient', '1:reduce+update']);
    expect(rec.perWorker()).toEqual({ computeMsWorker0: 10, computeMsWorker1: 14, w1BlocksFromOthers: 3 });
  });

  it("with dispatch 'rows', counts both phases as compute and waiting; there is nothing to reduce", () => {
    const N = 2, stride = 5, at = { t0: 0, t1: 1, t2: 2, t3: 3 };
    const rec = new AllreduceRecorder(N, 1000, 'rows');
    // the same batch: phase 1 takes 10 and 14 ms, phase 2 (rows of the weight gradients) 1 and 2 ms
    const ring = new Float64Array([1000.5, 1010.5, 1015, 1016, 0, 1000.5, 1014.5, 1015, 1017, 0]);
    rec.batch(0, 2, ring, 0, stride, at, 1020);
    const parts = Object.fromEntries(rec.breakdown(25).map((p) => [p.id, p.ms]));
    expect(parts.compute).toBeCloseTo(12 + 1.5);
    expect(parts.waiting).toBeCloseTo(2 + 0.5);
    expect(parts.reduction).toBeUndefined();
    expect(parts.barrier).toBeCloseTo(20 - 14 - 2);
    expect(parts.other).toBeCloseTo(25 - 13.5 - 2.5 - 4);
    expect(rec.tasks.map((t) => `${t.worker}:${t.kind}`)).toEqual(['0:gradient', '0:rows+update', '1:gradient', '1:rows+update']);
    expect(rec.perWorker()).toEqual({ computeMsWorker0: 11, computeMsWorker1: 16 });
  });

  it("with dispatch 'hidden', counts all three phases as compute and waiting, and the rest of the span as barrier", () => {
    const N = 2, stride = 7, at = { t0: 0, t1: 1, t2: 2, t3: 3, t4: 5, t5: 6 };
    const rec = new AllreduceRecorder(N, 1000, 'hidden');
    // phase A (t4..t5) 6 and 8 ms; phase B (t0..t1) 1 and 1 ms; phase C (t2..t3) 5 and 4 ms; released at 1025
    const ring = new Float64Array([
      1009, 1010, 1011, 1016, 0.5, 1000.5, 1006.5,
      1009, 1010, 1011, 1015, 0.25, 1000.5, 1008.5,
    ]);
    rec.batch(0, 2, ring, 0, stride, at, 1025);
    const parts = Object.fromEntries(rec.breakdown(30).map((p) => [p.id, p.ms]));
    expect(parts.compute).toBeCloseTo(7 + 1 + 4.5);
    expect(parts.waiting).toBeCloseTo(1 + 0 + 0.5);
    expect(parts.reduction).toBeUndefined();
    expect(parts.barrier).toBeCloseTo(25 - 8 - 1 - 5);
    expect(parts.other).toBeCloseTo(30 - 12.5 - 1.5 - 11);
    expect(rec.tasks.map((t) => `${t.worker}:${t.kind}`)).toEqual([
      '0:units forward', '0:loss', '0:units backward+update', '1:units forward', '1:loss', '1:units backward+update',
    ]);
    expect(rec.perWorker()).toEqual({ computeMsWorker0: 12, computeMsWorker1: 13 });
  });
});
