// The coordinator's serial part of a data-parallel step: sum the busy workers' gradient shards and
// apply ONE SGD update. Each shard already holds Σ over its samples of ∂loss/∂θ divided by the FULL
// batch size, so the sum is exactly the batch gradient the reference computes (only the float32
// rounding of each partial sum differs); this is not model averaging.
// Sizes: P = parameter count, W = busy workers (shards).

import { sgd_update } from '../../mlp/reference';

// out (P) = Σ_w shards[w] (P), summed over w in worker order (in float64, rounded once)
export function reduce_gradients(out: Float32Array, shards: readonly Float32Array[], W: number, P: number): void {
  for (let i = 0; i < P; i++) {
    let s = 0;
    for (let w = 0; w < W; w++) s += shards[w][i];
    out[i] = s;
  }
}

// params (P) -= lr · Σ_w shards[w] (P): the reduction fused with the update, one pass over memory.
// W = 1 is exactly sgd_update, so one worker reproduces the sequential backend bit for bit.
export function reduce_and_update(params: Float32Array, shards: readonly Float32Array[], W: number, P: number, lr: number): void {
  if (W < 1 || W > shards.length) throw new RangeError(`reduce_and_update: ${W} shards requested, ${shards.length} given`);
  if (W === 1) {
    sgd_update(params, shards[0], lr, P);
    return;
  }
  if (W === 2) {
    const a = shards[0], b = shards[1];
    for (let i = 0; i < P; i++) params[i] -= lr * Math.fround(a[i] + b[i]);
    return;
  }
  for (let i = 0; i < P; i++) {
    let s = 0;
    for (let w = 0; w < W; w++) s += shards[w][i];
    params[i] -= lr * Math.fround(s);
  }
}
