import { describe, expect, it } from 'vitest';
import { initParams } from '../../mlp/init';
import { makeSpec, type MlpSpec } from '../../mlp/spec';
import { ShardScratch } from '../js/gradients';
import { jsStep, syntheticData as data, type SyntheticData } from '../../test/splitFixture';
import { rowsFloats, rowsOf, rows_activations, rows_update } from './rows';
import { shardRange } from './shard';

/** The same batch the rows way with N workers, phase by phase (as the barriers order them). */
function rowsStep(spec: MlpSpec, cur: Float32Array, next: Float32Array, d: SyntheticData, start: number, B: number, N: number, lr: number): number {
  const t = new Float32Array(rowsFloats(spec, B)).fill(NaN);
  const grads = new Float32Array(cur.length).fill(NaN);
  let loss = 0;
  for (let w = 0; w < N; w++) {
    const sh = shardRange(B, N, w);
    if (sh.count > 0) loss += rows_activations(spec, new ShardScratch(spec), cur, t, d.images, d.labels, d.order, start + sh.start, sh.count, B, sh.start);
  }
  expect(t.some(Number.isNaN), 'phase 1 fills every column of the shared matrices').toBe(false);
  for (let w = 0; w < N; w++) rows_update(spec, t, B, N, w, cur, next, grads, lr);
  return loss;
}

describe("workers, dispatch 'rows' (weight gradients split by rows)", () => {
  it('the workers\' rows tile the hidden units and the classes', () => {
    const spec = makeSpec(128);
    for (const N of [1, 2, 3, 4, 11, 16]) {
      let h = 0, v = 0;
      for (let w = 0; w < N; w++) {
        const r = rowsOf(spec, N, w);
        expect([r.h0, r.v0]).toEqual([h, v]);
        h = r.h1; v = r.v1;
      }
      expect([h, v]).toEqual([128, 10]);
    }
  });

  it('gives the js backend\'s weights and loss bit for bit, batch after batch (1, 2, 3, 4 and 16 workers; uneven and tiny batches)', () => {
    const spec = makeSpec(32), lr = 0.1;
    const d = data(spec, 200);
    for (const N of [1, 2, 3, 4, 16]) {
      const want = initParams(spec, 5);
      let a = want.slice(), b = new Float32Array(a.length).fill(NaN);
      // batches of 64, 37 (uneven) and 3 (fewer samples than workers for N > 3)
      for (const [start, B] of [[0, 64], [64, 64], [128, 37], [165, 3]]) {
        const lossJs = jsStep(spec, want, d, start, B, lr);
        const lossRows = rowsStep(spec, a, b, d, start, B, N, lr);
        expect(b, `N=${N} batch at ${start}: the weights`).toEqual(want); // exact, element by element
        expect(lossRows, `N=${N} batch at ${start}: Σ loss`).toBeCloseTo(lossJs, 10); // shard sums added in double
        [a, b] = [b, a];
      }
    }
  });
});
