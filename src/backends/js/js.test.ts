import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../mlp/compare';
import { sliceDataset } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { matmul_backward as ref_matmul_backward, matmul_forward as ref_matmul_forward, train_epoch } from '../../mlp/reference';
import { makeSpec } from '../../mlp/spec';
import { loadMnistNode } from '../../test/mnistNode';
import { StoppedError } from '../types';
import { JsBackend } from './index';
import { matmul_backward, matmul_forward, matmul_tn } from './matmul';


describe('js backend', () => {
  // The fast twins keep the reference's summation order: equal bit for bit, for every remainder of
  // the 4 × 2 blocking (B = rows, C = inputs, OC = outputs).
  const SHAPES = [[1, 1, 1], [5, 7, 3], [4, 9, 2], [7, 3, 5], [9, 16, 10], [5, 13, 7]];
  const rand = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * k + 1));

  it('matmul_forward equals the reference matmul_forward bit for bit', () => {
    for (const [B, C, OC] of SHAPES) {
      const inp = rand(B * C, 1), weight = rand(OC * C, 0.7), bias = rand(OC, 0.3);
      const got = new Float32Array(B * OC), want = new Float32Array(B * OC);
      matmul_forward(got, inp, weight, bias, B, C, OC);
      ref_matmul_forward(want, inp, weight, bias, B, C, OC);
      expect(Array.from(got), `B=${B} C=${C} OC=${OC}`).toEqual(Array.from(want));
    }
  });

  it('matmul_tn (aᵀ · x read in place) equals matmul_forward on the two transposed copies bit for bit', () => {
    // (B summed, R rows, C columns): every remainder of the 4 × 2 blocking, and one summed step
    for (const [B, R, C] of [[1, 1, 1], [5, 7, 3], [4, 9, 2], [7, 3, 5], [9, 16, 10], [13, 5, 7], [64, 12, 31]]) {
      const a = rand(B * R, 0.9), x = rand(B * C, 1.3);
      const aT = new Float32Array(R * B), xT = new Float32Array(C * B);
      for (let b = 0; b < B; b++) for (let r = 0; r < R; r++) aT[r * B + b] = a[b * R + r];
      for (let b = 0; b < B; b++) for (let c = 0; c < C; c++) xT[c * B + b] = x[b * C + c];
      const got = new Float32Array(R * C).fill(NaN), want = new Float32Array(R * C);
      matmul_tn(got, a, x, B, R, C);
      matmul_forward(want, aT, xT, null, R, B, C);
      expect(Array.from(got), `B=${B} R=${R} C=${C}`).toEqual(Array.from(want));
    }
  });

  it('matmul_backward equals the reference matmul_backward bit for bit (dinp, dweight, dbias)', () => {
    for (const [B, C, OC] of SHAPES) {
      const dout = rand(B * OC, 0.9), inp = rand(B * C, 1.3), weight = rand(OC * C, 0.7);
      const scratch = { weightT: new Float32Array(OC * C) };
      const got = [new Float32Array(B * C), new Float32Array(OC * C), new Float32Array(OC)] as const;
      const want = [new Float32Array(B * C), new Float32Array(OC * C), new Float32Array(OC)] as const;
      matmul_backward(...got, dout, inp, weight, B, C, OC, scratch);
      ref_matmul_backward(...want, dout, inp, weight, B, C, OC);
      for (let i = 0; i < 3; i++) expect(Array.from(got[i]), `B=${B} C=${C} OC=${OC} output ${i}`).toEqual(Array.from(want[i]));
    }
  });

  // Same seed, same batch order: the fast backend keeps the reference's summation order, so the
  // weights agree to float32 rounding. Stated tolerance: max |Δparam| ≤ 1e-6 after 40 batches.
  it('gives the same weights as the reference (max |Δparam| ≤ 1e-6 after 40 batches of 64)', async () => {
    const { train } = loadMnistNode();
    const spec = makeSpec(128);
    const data = sliceDataset(train, 40 * 64);
    const init = initParams(spec, 5);
    const order = epochPermutation(data.count, 5, 0);
    const ref = init.slice();
    const B = 64, lr = 0.1;
    train_epoch(spec, ref, data, order, B, lr);
    const js = new JsBackend();
    await js.init(spec, init);
    await js.setData(data);
    await js.trainEpoch({ epoch: 0, order, batchSize: B, learningRate: lr });
    const diff = maxAbsDiff(ref, await js.getParams());
    expect(diff).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(ref, init)).toBeGreaterThan(1e-3); // training moved the weights
  });

  it('handles an uneven last batch', async () => {
    const { train } = loadMnistNode();
    const spec = makeSpec(32);
    const data = sliceDataset(train, 100);
    const js = new JsBackend();
    await js.init(spec, initParams(spec, 1));
    await js.setData(data);
    const stats = await js.trainEpoch({ epoch: 0, order: epochPermutation(100, 1, 0), batchSize: 32, learningRate: 0.1 });
    expect(stats.batches).toBe(4);
    expect(stats.samples).toBe(100);
    expect(Number.isFinite(stats.loss)).toBe(true);
  });

  it('stops between batches when aborted and keeps the last completed batch', async () => {
    const { train } = loadMnistNode();
    const spec = makeSpec(32);
    const data = sliceDataset(train, 6400);
    const js = new JsBackend();
    await js.init(spec, initParams(spec, 1));
    await js.setData(data);
    const ctrl = new AbortController();
    let reports = 0;
    const run = js.trainEpoch({
      epoch: 0, order: epochPermutation(data.count, 1, 0), batchSize: 16, learningRate: 0.1,
      onProgress: () => { reports++; ctrl.abort(); },
    }, ctrl.signal);
    await expect(run).rejects.toBeInstanceOf(StoppedError);
    expect(reports).toBeGreaterThan(0);
  });

  it('trains one epoch on the full real training set to ≥ 90% test accuracy', async () => {
    const { train, test } = loadMnistNode();
    const js = new JsBackend();
    const spec = makeSpec(128);
    await js.init(spec, initParams(spec, 42));
    await js.setData(train);
    const s = await js.trainEpoch({ epoch: 0, order: epochPermutation(train.count, 42, 0), batchSize: 64, learningRate: 0.1 });
    const ev = await js.evaluate(test);
    console.log(`js one epoch: ${s.wallMs.toFixed(0)} ms, loss ${s.loss.toFixed(4)}, test accuracy ${(ev.accuracy * 100).toFixed(2)}%`);
    expect(s.samples).toBe(train.count);
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.predictions.length).toBe(10000);
  });
});
