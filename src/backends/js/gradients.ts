// The gradients of one batch (or one shard of a batch) with the fast JS kernels: register-blocked
// matmul, the reference's softmax_xent. Used by the js backend (whole batch, then sgd_update) and by
// each worker of the workers backend (its shard; the coordinator adds the shards and updates).
// Sizes: S = samples in the batch or shard, C = 784 inputs, H = hidden units, V = 10 classes.

import { gather_batch, paramViews, relu_backward, relu_forward, softmax_xent } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import { matmul_nt, sum_rows, transpose } from './matmul';

/** Buffers for shards of up to `cap` samples; grown (never per batch) when a larger shard arrives. */
export class ShardScratch {
  cap = 0;
  x = new Float32Array(0); xT = new Float32Array(0); targets = new Uint8Array(0);
  h = new Float32Array(0); hT = new Float32Array(0); logits = new Float32Array(0);
  probs = new Float32Array(0); losses = new Float32Array(0);
  dlogits = new Float32Array(0); dlogitsT = new Float32Array(0);
  dh = new Float32Array(0); dhT = new Float32Array(0);
  readonly w2T: Float32Array;

  constructor(private readonly spec: MlpSpec) {
    this.w2T = new Float32Array(spec.hiddenSize * spec.outputSize);
  }

  ensure(S: number): this {
    if (S <= this.cap) return this;
    const C = this.spec.inputSize, H = this.spec.hiddenSize, V = this.spec.outputSize;
    this.cap = S;
    this.x = new Float32Array(S * C); this.xT = new Float32Array(S * C); this.targets = new Uint8Array(S);
    this.h = new Float32Array(S * H); this.hT = new Float32Array(S * H); this.logits = new Float32Array(S * V);
    this.probs = new Float32Array(S * V); this.losses = new Float32Array(S);
    this.dlogits = new Float32Array(S * V); this.dlogitsT = new Float32Array(S * V);
    this.dh = new Float32Array(S * H); this.dhT = new Float32Array(S * H);
    return this;
  }
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
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  s.ensure(S);
  const p = paramViews(spec, params);
  const g = paramViews(spec, grads);
  gather_batch(s.x, s.targets, images, labels, order, start, S, C);
  // forward: h (S,H) = relu(x · W1ᵀ + b1); logits (S,V) = h · W2ᵀ + b2
  matmul_nt(s.h, s.x, p.w1, p.b1, S, H, C);
  relu_forward(s.h, s.h, S * H);
  matmul_nt(s.logits, s.h, p.w2, p.b2, S, V, H);
  softmax_xent(s.probs, s.losses, s.dlogits, s.logits, s.targets, S, V, norm);
  // backward, layer 2: dW2 (V,H) = dlogitsᵀ · h; db2 = Σ_b dlogits; dh (S,H) = dlogits · W2
  transpose(s.dlogitsT, s.dlogits, S, V);
  transpose(s.hT, s.h, S, H);
  matmul_nt(g.w2, s.dlogitsT, s.hT, null, V, H, S);
  sum_rows(g.b2, s.dlogits, S, V);
  transpose(s.w2T, p.w2, V, H);
  matmul_nt(s.dh, s.dlogits, s.w2T, null, S, H, V);
  relu_backward(s.dh, s.dh, s.h, S * H);
  // backward, layer 1: dW1 (H,C) = dhᵀ · x; db1 = Σ_b dh
  transpose(s.dhT, s.dh, S, H);
  transpose(s.xT, s.x, S, C);
  matmul_nt(g.w1, s.dhT, s.xT, null, H, C, S);
  sum_rows(g.b1, s.dh, S, H);
  let loss = 0;
  for (let b = 0; b < S; b++) loss += s.losses[b];
  return loss;
}
