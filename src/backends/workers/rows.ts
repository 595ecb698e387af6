// dispatch 'rows': the workers split a batch by SAMPLES for everything that is per sample (forward
// pass, loss, the error sent back to the hidden layer) and by ROWS OF THE WEIGHTS for the weight
// gradients, so nothing is ever added across workers:
//
//   phase 1, worker w, its shard of samples:  x, h, dlogits, dh  →  written transposed into shared
//            memory, each worker into its own columns of the batch's (·, B) matrices
//   barrier
//   phase 2, worker w, its rows of W1 and W2: dW1[rows] = dhᵀ[rows] · x over the WHOLE batch (and
//            db1, dW2, db2 likewise), then the SGD update of those rows
//   barrier
//
// What moves between the phases is activations (B·(C + 2H + V) floats), not gradients (N·P): at batch
// 128 that is 134,656 floats read once instead of two gradient rows of 101,770 written and added. Each
// weight's gradient is one sum over the batch's samples in order, as the sequential backend takes it,
// so the weights are those of `js` bit for bit (the all-reduce adds shard sums: a rounding apart).
import { paramViews, relu_backward } from '../../mlp/reference';
import { paramLayout, type MlpSpec } from '../../mlp/spec';
import { forward_loss, type ShardScratch } from '../js/gradients';
import { reduceSlice } from './owned';
import { matmul_forward, transpose_into } from '../js/matmul';
import { shardRange } from './shard';

/** Floats of the shared activations for batches of up to B samples: xᵀ (C,B), hᵀ (H,B), dhᵀ (H,B), dlogitsᵀ (V,B). */
export function rowsFloats(spec: MlpSpec, B: number): number {
  return (spec.inputSize + 2 * spec.hiddenSize + spec.outputSize) * B;
}

/** The four transposed matrices of a batch of B samples in `t` (their row length is B). */
function views(spec: MlpSpec, t: Float32Array, B: number) {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  return {
    xT: t.subarray(0, C * B),
    hT: t.subarray(C * B, (C + H) * B),
    dhT: t.subarray((C + H) * B, (C + 2 * H) * B),
    dlT: t.subarray((C + 2 * H) * B, (C + 2 * H + V) * B),
  };
}

/**
 * Phase 1: the S samples order[start .. start+S) (at offset `off` in a batch of B) through the
 * forward pass and back to the hidden layer, as shard_gradients takes them (loss / B); x, h, dlogits
 * and dh go transposed into columns [off, off + S) of the shared matrices in `t`. Returns Σ loss.
 */
export function rows_activations(
  spec: MlpSpec, s: ShardScratch, params: Float32Array, t: Float32Array,
  images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, start: number, S: number, B: number, off: number,
): number {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const p = forward_loss(spec, s, params, images, labels, order, start, S, B);
  // dh (S,H) = dlogits · W2 through the ReLU: matmul_backward's dinp, on W2 transposed
  transpose_into(s.t.weightT, p.w2, V, H, V, 0);
  matmul_forward(s.dh, s.dlogits, s.t.weightT, null, S, V, H);
  relu_backward(s.dh, s.dh, s.h, S * H);
  const m = views(spec, t, B);
  transpose_into(m.xT, s.x, S, C, B, off);
  transpose_into(m.hT, s.h, S, H, B, off);
  transpose_into(m.dhT, s.dh, S, H, B, off);
  transpose_into(m.dlT, s.dlogits, S, V, B, off);
  let loss = 0;
  for (let b = 0; b < S; b++) loss += s.losses[b];
  return loss;
}

/** Worker w's rows of the two layers: hidden units [h0, h1) (W1, b1) and classes [v0, v1) (W2, b2). */
export function rowsOf(spec: MlpSpec, N: number, w: number): { h0: number; h1: number; v0: number; v1: number } {
  const h = shardRange(spec.hiddenSize, N, w), v = shardRange(spec.outputSize, N, w);
  return { h0: h.start, h1: h.start + h.count, v0: v.start, v1: v.start + v.count };
}

/** g (R) = Σ_b dT (R,B) over b in order: the bias gradient of R rows (matmul_backward's sum_rows). */
function rowSums(g: Float32Array, dT: Float32Array, R: number, B: number): void {
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let b = 0, o = r * B; b < B; b++) s += dT[o + b];
    g[r] = s;
  }
}

/**
 * Phase 2, worker w of N: the gradient of its rows of W1, b1, W2, b2 over the whole batch of B
 * (from the shared matrices phase 1 filled) into `grads`, and the SGD update of those rows from
 * `cur` into `next` (which may be `cur`).
 */
export function rows_update(
  spec: MlpSpec, t: Float32Array, B: number, N: number, w: number,
  cur: Float32Array, next: Float32Array, grads: Float32Array, lr: number,
): void {
  const C = spec.inputSize, H = spec.hiddenSize;
  const m = views(spec, t, B);
  const g = paramViews(spec, grads);
  const { h0, h1, v0, v1 } = rowsOf(spec, N, w);
  // dW1 (rows h0..h1) = dhᵀ[rows] (·,B) · xᵀ (C,B)ᵀ over the batch: matmul_backward's dweight on those rows
  matmul_forward(g.w1.subarray(h0 * C, h1 * C), m.dhT.subarray(h0 * B, h1 * B), m.xT, null, h1 - h0, B, C);
  rowSums(g.b1.subarray(h0, h1), m.dhT.subarray(h0 * B, h1 * B), h1 - h0, B);
  matmul_forward(g.w2.subarray(v0 * H, v1 * H), m.dlT.subarray(v0 * B, v1 * B), m.hT, null, v1 - v0, B, H);
  rowSums(g.b2.subarray(v0, v1), m.dlT.subarray(v0 * B, v1 * B), v1 - v0, B);
  // the SGD update of those rows: reduceSlice with one gradient row is sgd_update's arithmetic
  const L = paramLayout(spec), g1 = [grads];
  reduceSlice(next, cur, g1, 1, L.w1 + h0 * C, L.w1 + h1 * C, lr);
  reduceSlice(next, cur, g1, 1, L.b1 + h0, L.b1 + h1, lr);
  reduceSlice(next, cur, g1, 1, L.w2 + v0 * H, L.w2 + v1 * H, lr);
  reduceSlice(next, cur, g1, 1, L.b2 + v0, L.b2 + v1, lr);
}
