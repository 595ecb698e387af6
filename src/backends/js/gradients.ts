// The gradients of one batch (or one shard of a batch) with the fast JS twins of the reference's
// matmul_forward and matmul_backward, and the reference's own relu and softmax_xent. Used by the js
// backend (whole batch, then sgd_update) and by each worker of the workers backend (its shard; the
// coordinator adds the shards and updates).
// Sizes: S = samples in the batch or shard, C = 784 inputs, H = hidden units, V = 10 classes.

import { gather_batch, paramViews, relu_backward, relu_forward, softmax_xent } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import { matmul_backward, matmul_forward, matmul_tn, sum_rows, type BackwardScratch } from './matmul';

/** Buffers for shards of up to `cap` samples; grown (never per batch) when a larger shard arrives. */
export class ShardScratch {
  cap = 0;
  x: Float32Array = new Float32Array(0); targets = new Uint8Array(0);
  h = new Float32Array(0); logits = new Float32Array(0);
  probs = new Float32Array(0); losses = new Float32Array(0);
  dlogits = new Float32Array(0); dh: Float32Array = new Float32Array(0);
  /** matmul_backward's transposed W2 (H·V) for layer 2's dinp. */
  readonly t: BackwardScratch;

  constructor(private readonly spec: MlpSpec) {
    this.t = { weightT: new Float32Array(spec.hiddenSize * spec.outputSize) };
  }

  /**
   * x (cap,C) and dh (cap,H) from now on in shared memory for shards of up to `cap` samples, so other
   * workers can read them (owned.ts, W1_BLOCK and shardViews).
   */
  share(v: { cap: number; x: Float32Array; dh: Float32Array }): this {
    this.ensure(v.cap);
    this.cap = v.cap; // a larger shard allocates everything again, these two included
    this.x = v.x;
    this.dh = v.dh;
    return this;
  }

  ensure(S: number): this {
    if (S <= this.cap) return this;
    const C = this.spec.inputSize, H = this.spec.hiddenSize, V = this.spec.outputSize;
    this.cap = S;
    this.x = new Float32Array(S * C); this.targets = new Uint8Array(S);
    this.h = new Float32Array(S * H); this.logits = new Float32Array(S * V);
    this.probs = new Float32Array(S * V); this.losses = new Float32Array(S);
    this.dlogits = new Float32Array(S * V); this.dh = new Float32Array(S * H);
    return this;
  }
}

/**
 * The S samples order[start .. start+S) gathered into s.x and through the forward pass and the loss:
 * s.h (S,H) = relu(x · W1ᵀ + b1), s.logits (S,V) = h · W2ᵀ + b2, then softmax_xent (dlogits / norm).
 * Returns the model's parameter views.
 */
export function forward_loss(
  spec: MlpSpec, s: ShardScratch, params: Float32Array,
  images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, start: number, S: number, norm: number,
): ReturnType<typeof paramViews<Float32Array>> {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  s.ensure(S);
  const p = paramViews(spec, params);
  gather_batch(s.x, s.targets, images, labels, order, start, S, C);
  matmul_forward(s.h, s.x, p.w1, p.b1, S, C, H);
  relu_forward(s.h, s.h, S * H);
  matmul_forward(s.logits, s.h, p.w2, p.b2, S, H, V);
  softmax_xent(s.probs, s.losses, s.dlogits, s.logits, s.targets, S, V, norm);
  return p;
}

/**
 * grads (P) = Σ over the S samples order[start .. start+S) of ∂loss_b/∂θ / norm, where norm is the
 * FULL batch size (not S): shard gradients then simply add up to the batch gradient.
 * Gradients are written, not accumulated. Returns Σ_b loss_b over the shard (not divided).
 */
export function shard_gradients(
  spec: MlpSpec, s: ShardScratch, params: Float32Array, grads: Float32Array,
  images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, start: number, S: number, norm: number,
): number {
  const loss = shard_head(spec, s, params, grads, images, labels, order, start, S, norm);
  shard_w1_rows(spec, paramViews(spec, grads).w1, s.dh, s.x, S, 0, spec.hiddenSize);
  return loss;
}

/**
 * shard_gradients up to dW1: the forward pass and the loss, layer 2's gradients, dh through the
 * ReLU (left in s.dh, with the shard's pixels in s.x) and db1. Returns Σ_b loss_b over the shard.
 */
export function shard_head(
  spec: MlpSpec, s: ShardScratch, params: Float32Array, grads: Float32Array,
  images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, start: number, S: number, norm: number,
): number {
  const H = spec.hiddenSize, V = spec.outputSize;
  const p = forward_loss(spec, s, params, images, labels, order, start, S, norm);
  const g = paramViews(spec, grads);
  // backward: dh (S,H), dW2, db2 through layer 2; the ReLU; db1 (dW1: shard_w1_rows)
  matmul_backward(s.dh, g.w2, g.b2, s.dlogits, s.h, p.w2, S, H, V, s.t);
  relu_backward(s.dh, s.dh, s.h, S * H);
  sum_rows(g.b1, s.dh, S, H);
  let loss = 0;
  for (let b = 0; b < S; b++) loss += s.losses[b];
  return loss;
}

/**
 * Rows [r0, r1) of gw1 (H,C), the W1 part of a gradient: matmul_backward's dweight for layer 1,
 * dh (S,H)ᵀ · x (S,C) over a shard of S samples. Each row is the same sum whoever computes it and
 * however the rows are cut.
 */
export function shard_w1_rows(spec: MlpSpec, gw1: Float32Array, dh: Float32Array, x: Float32Array, S: number, r0: number, r1: number): void {
  matmul_tn(gw1, dh, x, S, spec.hiddenSize, spec.inputSize, r0, r1);
}
