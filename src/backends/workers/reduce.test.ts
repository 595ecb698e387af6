import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../mlp/compare';
import { sliceDataset } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { gather_batch, gradients, sgd_update, train_epoch } from '../../mlp/reference';
import { makeSpec, paramLayout } from '../../mlp/spec';
import { loadMnistNode } from '../../test/mnistNode';
import { ShardScratch, shard_gradients } from '../js/gradients';
import { reduce_and_update, reduce_gradients } from './reduce';
import { busyWorkers, shardRange } from './shard';


/** One data-parallel step simulated in one thread: shard gradients, reduce, one update. */
function parallelStep(
  spec: ReturnType<typeof makeSpec>, params: Float32Array, shards: Float32Array[], scratch: ShardScratch,
  images: Uint8Array, labels: Uint8Array, order: Uint32Array, start: number, B: number, N: number, lr: number,
): number {
  let loss = 0;
  const W = busyWorkers(B, N);
  for (let w = 0; w < W; w++) {
    const s = shardRange(B, N, w);
    loss += shard_gradients(spec, scratch, params, shards[w], images, labels, order, start + s.start, s.count, B);
  }
  reduce_and_update(params, shards, W, params.length, lr);
  return loss / B;
}

describe('reduction of shard gradients', () => {
  it('sums shards in worker order and is exactly reduce + sgd_update', () => {
    const P = 37;
    const shards = [0, 1, 2].map((w) => Float32Array.from({ length: P }, (_, i) => Math.sin(i * (w + 1)) / 7));
    const sum = new Float32Array(P);
    reduce_gradients(sum, shards, 3, P);
    for (let i = 0; i < P; i++) expect(sum[i]).toBe(Math.fround(shards[0][i] + shards[1][i] + shards[2][i]));
    for (const W of [1, 2, 3]) {
      const a = Float32Array.from({ length: P }, (_, i) => i / 10);
      const b = a.slice();
      reduce_and_update(a, shards, W, P, 0.5);
      reduce_gradients(sum, shards, W, P);
      sgd_update(b, sum, 0.5, P);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
    // only the busy workers' shards count: a stale third shard must be ignored
    const c = new Float32Array(P), d = new Float32Array(P);
    reduce_and_update(c, shards, 2, P, 1);
    reduce_and_update(d, shards.slice(0, 2), 2, P, 1);
    expect(Array.from(c)).toEqual(Array.from(d));
    expect(() => reduce_and_update(c, shards, 4, P, 1)).toThrowError(/4 shards requested, 3 given/);
  });

  it('shard gradient sums (norm = full batch) add up to the reference batch gradient, uneven and empty shards included', () => {
    const { train } = loadMnistNode();
    const spec = makeSpec(32);
    const params = initParams(spec, 3);
    const order = epochPermutation(64, 3, 0);
    const P = paramLayout(spec).total;
    const scratch = new ShardScratch(spec);
    for (const [B, N] of [[10, 4], [7, 2], [3, 5], [1, 3]]) {
      const x = new Float32Array(B * 784), t = new Uint8Array(B);
      gather_batch(x, t, train.images, train.labels, order, 0, B, 784);
      const ref = new Float32Array(P);
      const refLoss = gradients(spec, params, ref, x, t, B);
      const shards = Array.from({ length: N }, () => new Float32Array(P));
      let loss = 0;
      for (let w = 0; w < busyWorkers(B, N); w++) {
        const s = shardRange(B, N, w);
        loss += shard_gradients(spec, scratch, params, shards[w], train.images, train.labels, order, s.start, s.count, B);
      }
      const sum = new Float32Array(P);
      reduce_gradients(sum, shards, busyWorkers(B, N), P);
      expect(maxAbsDiff(sum, ref), `B=${B} N=${N}`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(loss / B - refLoss)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(ref, new Float32Array(P))).toBeGreaterThan(1e-4); // a real gradient
    }
  });

  // The data-parallel step is the sequential step (not model averaging): after 50 batches of 64 on
  // 1, 2, 3 and 4 simulated workers the weights agree with the reference to max |Δparam| ≤ 1e-5.
  it('data-parallel steps follow the reference for N = 1, 2, 3, 4 (uneven last batch included)', () => {
    const { train } = loadMnistNode();
    const spec = makeSpec(64);
    const data = sliceDataset(train, 50 * 64 - 13);
    const init = initParams(spec, 9);
    const order = epochPermutation(data.count, 9, 0);
    const B = 64, lr = 0.1;
    const ref = init.slice();
    train_epoch(spec, ref, data, order, B, lr);
    expect(maxAbsDiff(ref, init)).toBeGreaterThan(1e-3);
    for (const N of [1, 2, 3, 4]) {
      const params = init.slice();
      const shards = Array.from({ length: N }, () => new Float32Array(params.length));
      const scratch = new ShardScratch(spec);
      for (let start = 0; start < data.count; start += B) {
        parallelStep(spec, params, shards, scratch, data.images, data.labels, order, start, Math.min(B, data.count - start), N, lr);
      }
      expect(maxAbsDiff(params, ref), `N=${N}`).toBeLessThanOrEqual(N === 1 ? 1e-6 : 1e-5);
    }
  });
});
