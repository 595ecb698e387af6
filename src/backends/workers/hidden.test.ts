import { describe, expect, it } from 'vitest';
import { sgd_update } from '../../mlp/reference';
import { initParams } from '../../mlp/init';
import { makeSpec, type MlpSpec } from '../../mlp/spec';
import { ShardScratch, shard_gradients } from '../js/gradients';
import { HiddenScratch, hiddenFloats, hidden_forward, hidden_loss, hidden_update } from './hidden';
import { rowsOf } from './rows';

/** A small synthetic training set (the arithmetic, not MNIST, is under test). */
function data(spec: MlpSpec, n: number) {
  const images = Uint8Array.from({ length: n * spec.inputSize }, (_, i) => (i * 37 + (i >> 5) * 11) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % spec.outputSize);
  const order = Uint32Array.from({ length: n }, (_, i) => (i * 13) % n);
  return { images, labels, order };
}

/** One batch the js backend's way: the whole batch's gradient, then sgd_update. */
function jsStep(spec: MlpSpec, params: Float32Array, d: ReturnType<typeof data>, start: number, B: number, lr: number): number {
  const grads = new Float32Array(params.length);
  const loss = shard_gradients(spec, new ShardScratch(spec), params, grads, d.images, d.labels, d.order, start, B, B);
  sgd_update(params, grads, lr, params.length);
  return loss;
}

/** The same batch the 'hidden' way with N workers, phase by phase (as the barriers order them). */
function hiddenStep(spec: MlpSpec, scratch: HiddenScratch[], cur: Float32Array, next: Float32Array, d: ReturnType<typeof data>, start: number, B: number, lr: number): number {
  const N = scratch.length;
  const t = new Float32Array(hiddenFloats(spec, B)).fill(NaN);
  const grads = new Float32Array(cur.length).fill(NaN);
  for (let w = 0; w < N; w++) hidden_forward(spec, scratch[w], cur, t, d.images, d.labels, d.order, start, B, N, w);
  expect(t.subarray(0, B * spec.hiddenSize).some(Number.isNaN), 'phase A fills every column of h').toBe(false);
  let loss = 0;
  for (let w = 0; w < N; w++) loss += hidden_loss(spec, scratch[w], cur, t, B, N, w);
  expect(t.some(Number.isNaN), 'phase B fills every row of dlogits').toBe(false);
  for (let w = 0; w < N; w++) hidden_update(spec, scratch[w], t, B, N, w, cur, next, grads, lr);
  return loss;
}

describe("workers, dispatch 'hidden' (each worker owns hidden units)", () => {
  it("gives the js backend's weights and loss bit for bit, batch after batch (1, 2, 3, 4, 5 and 16 workers; uneven and tiny batches)", () => {
    const spec = makeSpec(32), lr = 0.1;
    const d = data(spec, 200);
    for (const N of [1, 2, 3, 4, 5, 16]) {
      const want = initParams(spec, 5);
      const scratch = Array.from({ length: N }, (_, w) => new HiddenScratch(spec, rowsOf(spec, N, w).h1 - rowsOf(spec, N, w).h0));
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
