// The all-reduce's shared dW1 blocks (owned.ts, W1_BLOCK): whichever worker takes a block of a
// shard, the shard's gradient is shard_gradients' bit for bit, and every block is computed once.
import { describe, expect, it } from 'vitest';
import { initParams } from '../../mlp/init';
import { paramViews } from '../../mlp/reference';
import { makeSpec } from '../../mlp/spec';
import { ShardScratch, shard_gradients, shard_head, shard_w1_rows } from '../js/gradients';
import { shardFloats, shardViews, takeBlocks, W1_BLOCK } from './owned';
import { shardRange } from './shard';
import { syntheticData } from '../../test/splitFixture';

describe('the all-reduce: dW1 in blocks that any worker may take', () => {
  for (const [hidden, N, B] of [[128, 2, 128], [50, 3, 100], [20, 4, 7]] as const) {
    it(`hidden ${hidden}, ${N} workers, batch ${B}: each shard's gradient is shard_gradients' bit for bit, every block computed once`, () => {
      const spec = makeSpec(hidden), C = spec.inputSize, H = spec.hiddenSize, P = initParams(spec, 3).length;
      const params = initParams(spec, 3), d = syntheticData(spec, 2 * B);
      const K = Math.ceil(H / W1_BLOCK);
      const area = new Float32Array(new SharedArrayBuffer(shardFloats(C, H, N, B) * 4));
      const views = Array.from({ length: N }, (_, w) => shardViews(area, C, H, N, B, w));
      const share = new Int32Array(new SharedArrayBuffer(2 * N * 4));
      const grads = Array.from({ length: N }, () => new Float32Array(P).fill(Number.NaN));
      const calls = Array.from({ length: N }, () => new Array<number>(K).fill(0));
      const shards = Array.from({ length: N }, (_, w) => shardRange(B, N, w));
      // every worker runs its shard up to dW1 into its own slot of the shared area
      for (let w = 0; w < N; w++) {
        const s = new ShardScratch(spec).share(views[w]);
        shard_head(spec, s, params, grads[w], d.images, d.labels, d.order, B + shards[w].start, shards[w].count, B);
      }
      const block = (v: number) => (k: number) => {
        calls[v][k]++;
        shard_w1_rows(spec, paramViews(spec, grads[v]).w1, views[v].dh, views[v].x, shards[v].count, k * W1_BLOCK, Math.min(H, (k + 1) * W1_BLOCK));
      };
      // worker 0 takes its own blocks; with N > 2 then every block of shard 1 before its owner looks;
      // then one block of the last shard, while (nested: at the same time) the last shard's owner
      // takes the rest of them; the other owners find theirs untouched or all taken
      expect(takeBlocks(share, N, 0, K, block(0))).toBe(K);
      let taken = N > 2 ? takeBlocks(share, N, 1, K, block(1)) : 0;
      taken += takeBlocks(share, N, N - 1, K, (k) => {
        block(N - 1)(k);
        expect(takeBlocks(share, N, N - 1, K, block(N - 1))).toBe(K - 1);
      });
      for (let w = 1; w < N; w++) expect(takeBlocks(share, N, w, K, block(w))).toBe(w > 1 && w < N - 1 ? K : 0);
      expect(taken).toBe(1 + (N > 2 ? K : 0));
      for (let v = 0; v < N; v++) {
        expect(calls[v]).toEqual(new Array(K).fill(1));
        const want = new Float32Array(P);
        shard_gradients(spec, new ShardScratch(spec), params, want, d.images, d.labels, d.order, B + shards[v].start, shards[v].count, B);
        expect(grads[v]).toEqual(want);
      }
    });
  }
});
