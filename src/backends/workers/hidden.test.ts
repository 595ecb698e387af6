import { describe, expect, it } from 'vitest';
import { initParams } from '../../mlp/init';
import { makeSpec, type MlpSpec } from '../../mlp/spec';
import { jsStep, syntheticData as data, type SyntheticData } from '../../test/splitFixture';
import { HiddenScratch, hiddenFloats, hidden_forward, hidden_loss, hidden_update } from './hidden';

/** The same batch the 'hidden' way with N workers, phase by phase (as the barriers order them). */
function hiddenStep(spec: MlpSpec, scratch: HiddenScratch[], cur: Float32Array, next: Float32Array, d: SyntheticData, start: number, B: number, lr: number): number {
  const t = new Float32Array(hiddenFloats(spec, B)).fill(NaN);
  const grads = new Float32Array(cur.length).fill(NaN);
  for (const s of scratch) hidden_forward(spec, s, cur, t, d.images, d.labels, d.order, start, B);
  expect(t.subarray(0, B * spec.hiddenSize).some(Number.isNaN), 'phase A fills every column of h').toBe(false);
  let loss = 0;
  for (const s of scratch) loss += hidden_loss(spec, s, cur, t, B);
  expect(t.some(Number.isNaN), 'phase B fills every row of dlogits').toBe(false);
  for (const s of scratch) hidden_update(spec, s, t, B, cur, next, grads, lr);
  return loss;
}

describe("workers, dispatch 'hidden' (each worker owns hidden units)", () => {
  it("gives the js backend's weights and loss bit for bit, batch after batch (1, 2, 3, 4, 5 and 16 workers; uneven and tiny batches)", () => {
    const spec = makeSpec(32), lr = 0.1;
    const d = data(spec, 200);
    for (const N of [1, 2, 3, 4, 5, 16]) {
      const want = initParams(spec, 5);
      const scratch = Array.from({ length: N }, (_, w) => new HiddenScratch(spec, N, w));
      let a = want.slice(), b = new Float32Array(a.length).fill(NaN);
      // batches of 64, 37 (uneven), 3 (fewer samples than workers for N > 3) and 64 again (scratch reused)
      for (const [start, B] of [[0, 64], [64, 64], [128, 37], [165, 3], [100, 64]]) {
        const lossJs = jsStep(spec, want, d, start, B, lr);
        const lossHidden = hiddenStep(spec, scratch, a, b, d, start, B, lr);
        expect(b, `N=${N} batch at ${start}: the weights`).toEqual(want); // exact, element by element
        expect(lossHidden, `N=${N} batch at ${start}: Σ loss`).toBeCloseTo(lossJs, 10); // shard sums added in double
        [a, b] = [b, a];
      }
    }
  });

  it('moves B·(H + V) floats between the workers, not gradients', () => {
    expect(hiddenFloats(makeSpec(128), 128)).toBe(128 * 138);
  });
});
