// dispatch 'hidden': each worker OWNS a share of the hidden units (their rows of W1 and b1, their
// columns of W2) and takes them forward and back over the WHOLE batch; only the small layer 2 is
// split by samples. Per batch, worker w with hidden units [h0, h1) and shard of samples [s0, s0 + S):
//
//   phase A  gather the whole batch (each worker its own copy of x); h[:, h0:h1] = relu(x · W1[h0:h1]ᵀ
//            + b1[h0:h1]) for every sample, written into its columns of the shared h (B, H)
//   barrier
//   phase B  its shard of samples through layer 2 and the loss: logits = h[s0.., :] · W2ᵀ + b2,
//            softmax_xent; dlogits into its rows of the shared dlogits (B, V)
//   barrier
//   phase C  dh[:, h0:h1] = dlogits · W2[:, h0:h1] through the ReLU, for every sample; the gradients of
//            its rows of W1 and b1 and its columns of W2 (and of its share of the classes of b2) over the
//            whole batch; their update
//   barrier
//
// What moves between the cores is activations: each worker reads the other workers' columns of h for
// its shard and the other shards' rows of dlogits, B·(H + V) floats in all (17,664 at batch 128),
// where the all-reduce writes and reads N gradients of P = 101,770 floats and half the model comes
// from the other core. The price is the gather, which every worker does for the whole batch.
// Every value is the one sum `js` takes, in the same order (the matmul kernels keep one accumulator
// per output), so the weights are those of `js` bit for bit.
import { gather_batch, paramViews, relu_backward, relu_forward, softmax_xent } from '../../mlp/reference';
import { paramLayout, type MlpSpec } from '../../mlp/spec';
import { matmul_forward, matmul_tn } from '../js/matmul';
import { reduceSlice } from './owned';
import { rowsOf } from './rows';
import { shardRange } from './shard';

/** Floats of the shared matrices for batches of up to B samples: h (B,H) and dlogits (B,V). */
export function hiddenFloats(spec: MlpSpec, B: number): number {
  return (spec.hiddenSize + spec.outputSize) * B;
}

/** Worker w of N: its hidden units [h0, h1) and classes [v0, v1) (rowsOf), and its own buffers for batches of up to `cap` samples. */
export class HiddenScratch {
  readonly h0: number; readonly h1: number; readonly v0: number; readonly v1: number;
  readonly Hw: number; // h1 − h0
  cap = 0;
  x = new Float32Array(0); targets = new Uint8Array(0);
  h = new Float32Array(0); dh = new Float32Array(0);
  logits = new Float32Array(0); probs = new Float32Array(0); losses = new Float32Array(0);
  readonly w2T: Float32Array; // (Hw,V) its columns of W2, transposed
  readonly gw2: Float32Array; // (V,Hw) the gradient of its columns of W2

  constructor(private readonly spec: MlpSpec, readonly N: number, readonly w: number) {
    ({ h0: this.h0, h1: this.h1, v0: this.v0, v1: this.v1 } = rowsOf(spec, N, w));
    this.Hw = this.h1 - this.h0;
    this.w2T = new Float32Array(this.Hw * spec.outputSize);
    this.gw2 = new Float32Array(this.Hw * spec.outputSize);
  }

  ensure(B: number): this {
    if (B <= this.cap) return this;
    const C = this.spec.inputSize, V = this.spec.outputSize, Hw = this.Hw;
    this.cap = B;
    this.x = new Float32Array(B * C); this.targets = new Uint8Array(B);
    this.h = new Float32Array(B * Hw); this.dh = new Float32Array(B * Hw);
    this.logits = new Float32Array(B * V); this.probs = new Float32Array(B * V); this.losses = new Float32Array(B);
    return this;
  }
}

/** The two shared matrices of a batch of B samples in `t`: h (B,H) and dlogits (B,V), row-major. */
function views(spec: MlpSpec, t: Float32Array, B: number) {
  const H = spec.hiddenSize, V = spec.outputSize;
  return { h: t.subarray(0, B * H), dl: t.subarray(B * H, B * (H + V)) };
}

/** Phase A, the worker of `s`: the batch order[start .. start+B) gathered, its hidden units' activations into the shared h. */
export function hidden_forward(
  spec: MlpSpec, s: HiddenScratch, params: Float32Array, t: Float32Array,
  images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, start: number, B: number,
): void {
  const C = spec.inputSize, H = spec.hiddenSize;
  const { h0, h1, Hw } = s;
  s.ensure(B);
  const p = paramViews(spec, params);
  gather_batch(s.x, s.targets, images, labels, order, start, B, C);
  if (Hw === 0) return;
  matmul_forward(s.h, s.x, p.w1.subarray(h0 * C, h1 * C), p.b1.subarray(h0, h1), B, C, Hw);
  relu_forward(s.h, s.h, B * Hw);
  const m = views(spec, t, B);
  for (let b = 0; b < B; b++) for (let j = 0, o = b * H + h0, i = b * Hw; j < Hw; j++) m.h[o + j] = s.h[i + j];
}

/** Phase B, the worker of `s`: its shard of the samples through layer 2 and the loss (/ B); dlogits into its rows of the shared dlogits. Returns Σ loss. */
export function hidden_loss(spec: MlpSpec, s: HiddenScratch, params: Float32Array, t: Float32Array, B: number): number {
  const H = spec.hiddenSize, V = spec.outputSize;
  const { start: s0, count: S } = shardRange(B, s.N, s.w);
  if (S === 0) return 0;
  const p = paramViews(spec, params), m = views(spec, t, B);
  matmul_forward(s.logits, m.h.subarray(s0 * H, (s0 + S) * H), p.w2, p.b2, S, H, V);
  softmax_xent(s.probs, s.losses, m.dl.subarray(s0 * V, (s0 + S) * V), s.logits, s.targets.subarray(s0, s0 + S), S, V, B);
  let loss = 0;
  for (let b = 0; b < S; b++) loss += s.losses[b];
  return loss;
}

/**
 * Phase C, the worker of `s`: dh of its hidden units; the gradient (into `grads`, at the parameters'
 * places) of its rows of W1 and b1, its columns of W2 and its classes of b2, over the whole batch;
 * their SGD update from `cur` into `next` (which may be `cur`).
 */
export function hidden_update(
  spec: MlpSpec, s: HiddenScratch, t: Float32Array, B: number,
  cur: Float32Array, next: Float32Array, grads: Float32Array, lr: number,
): void {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const { h0, h1, v0, v1, Hw } = s;
  const m = views(spec, t, B), p = paramViews(spec, cur), g = paramViews(spec, grads);
  const L = paramLayout(spec), g1 = [grads];
  // db2 of its classes: Σ_b dlogits, in order (matmul_backward's sum_rows)
  for (let v = v0; v < v1; v++) {
    let sum = 0;
    for (let b = 0, o = v; b < B; b++, o += V) sum += m.dl[o];
    g.b2[v] = sum;
  }
  // the update: reduceSlice with one gradient row is sgd_update's arithmetic
  reduceSlice(next, cur, g1, 1, L.b2 + v0, L.b2 + v1, lr);
  if (Hw === 0) return;
  // dh (B,Hw) = dlogits (B,V) · W2[:, h0:h1] through the ReLU (matmul_backward's dinp on W2ᵀ)
  for (let j = 0; j < Hw; j++) for (let v = 0; v < V; v++) s.w2T[j * V + v] = p.w2[v * H + h0 + j];
  matmul_forward(s.dh, m.dl, s.w2T, null, B, V, Hw);
  relu_backward(s.dh, s.dh, s.h, B * Hw);
  // dW2[:, h0:h1] (V,Hw) = dlogitsᵀ · h[:, h0:h1]; dW1[h0:h1] (Hw,C) = dhᵀ · x; db1 = Σ_b dh
  matmul_tn(s.gw2, m.dl, s.h, B, V, Hw);
  matmul_tn(g.w1.subarray(h0 * C, h1 * C), s.dh, s.x, B, Hw, C);
  for (let j = 0; j < Hw; j++) {
    let sum = 0;
    for (let b = 0, o = j; b < B; b++, o += Hw) sum += s.dh[o];
    g.b1[h0 + j] = sum;
  }
  reduceSlice(next, cur, g1, 1, L.w1 + h0 * C, L.w1 + h1 * C, lr);
  reduceSlice(next, cur, g1, 1, L.b1 + h0, L.b1 + h1, lr);
  for (let v = 0; v < V; v++) {
    const o = L.w2 + v * H + h0;
    for (let j = 0; j < Hw; j++) next[o + j] = cur[o + j] - lr * s.gw2[v * Hw + j];
  }
}
