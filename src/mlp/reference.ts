// The reference MLP: plain, readable loops. Every other backend is checked against these functions.
// Sizes, named once: B = batch size, C = input features (784), H = hidden units, V = classes (10).
// Weights are "out × in": weight[o * C + c]. Arrays are flat and row-major.

import { paramLayout, type MlpSpec } from './spec';

/** Float32 in training; the gradient check runs the same code in float64. */
export type Vec = Float32Array | Float64Array;

// out (B,OC) = inp (B,C) · weight(OC,C)ᵀ + bias (OC)
export function matmul_forward(
  out: Vec, inp: Vec, weight: Vec, bias: Vec,
  B: number, C: number, OC: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let o = 0; o < OC; o++) {
      let sum = bias[o];
      for (let c = 0; c < C; c++) sum += inp[b * C + c] * weight[o * C + c];
      out[b * OC + o] = sum;
    }
  }
}

// dinp (B,C) = dout (B,OC) · weight (OC,C); dweight (OC,C) = doutᵀ · inp; dbias (OC) = Σ_b dout
// dinp may be null (the first layer has no use for it). Gradients are written, not accumulated.
export function matmul_backward(
  dinp: Vec | null, dweight: Vec, dbias: Vec,
  dout: Vec, inp: Vec, weight: Vec,
  B: number, C: number, OC: number,
): void {
  if (dinp) {
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < C; c++) {
        let sum = 0;
        for (let o = 0; o < OC; o++) sum += dout[b * OC + o] * weight[o * C + c];
        dinp[b * C + c] = sum;
      }
    }
  }
  for (let o = 0; o < OC; o++) {
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let b = 0; b < B; b++) sum += dout[b * OC + o] * inp[b * C + c];
      dweight[o * C + c] = sum;
    }
    let sum = 0;
    for (let b = 0; b < B; b++) sum += dout[b * OC + o];
    dbias[o] = sum;
  }
}

// out (N) = max(0, inp (N))
export function relu_forward(out: Vec, inp: Vec, N: number): void {
  for (let i = 0; i < N; i++) out[i] = inp[i] > 0 ? inp[i] : 0;
}

// dinp (N) = dout (N) where the forward output was positive, else 0
export function relu_backward(dinp: Vec, dout: Vec, out: Vec, N: number): void {
  for (let i = 0; i < N; i++) dinp[i] = out[i] > 0 ? dout[i] : 0;
}

// probs (B,V) = softmax(logits); losses (B) = -log probs[target]; dlogits (B,V) = (probs - onehot) / norm
// norm is the size of the whole batch (a shard of a batch passes the full batch size).
export function softmax_xent(
  probs: Vec, losses: Vec, dlogits: Vec,
  logits: Vec, targets: ArrayLike<number>, B: number, V: number, norm: number = B,
): void {
  for (let b = 0; b < B; b++) {
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, logits[b * V + v]);
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(logits[b * V + v] - max);
    for (let v = 0; v < V; v++) probs[b * V + v] = Math.exp(logits[b * V + v] - max) / sum;
    const t = targets[b];
    losses[b] = -Math.log(Math.max(probs[b * V + t], 1e-30));
    for (let v = 0; v < V; v++) dlogits[b * V + v] = (probs[b * V + v] - (v === t ? 1 : 0)) / norm;
  }
}

// params (N) -= lr * grads (N)
export function sgd_update(params: Vec, grads: Vec, lr: number, N: number): void {
  for (let i = 0; i < N; i++) params[i] -= lr * grads[i];
}

/** Copies pixels of the listed samples into x (B,C) as floats in [0, 1]: where batches are made. */
export function gather_batch(
  x: Vec, targets: Uint8Array, images: Uint8Array, labels: Uint8Array,
  indices: ArrayLike<number>, start: number, B: number, C: number,
): void {
  for (let b = 0; b < B; b++) {
    const n = indices[start + b];
    for (let c = 0; c < C; c++) x[b * C + c] = images[n * C + c] / 255;
    targets[b] = labels[n];
  }
}

/** Views of W1, b1, W2, b2 inside one flat array (params or grads). */
export function paramViews<T extends Vec>(spec: MlpSpec, flat: T): { w1: T; b1: T; w2: T; b2: T } {
  const L = paramLayout(spec);
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  return {
    w1: flat.subarray(L.w1, L.w1 + H * C) as T,
    b1: flat.subarray(L.b1, L.b1 + H) as T,
    w2: flat.subarray(L.w2, L.w2 + V * H) as T,
    b2: flat.subarray(L.b2, L.b2 + V) as T,
  };
}

export interface ForwardResult {
  h: Vec; // (B,H) hidden activations after ReLU
  probs: Vec; // (B,V)
  losses: Vec; // (B)
  dlogits: Vec; // (B,V)
}

/** Forward pass and loss for one batch x (B,C) with targets (B). */
export function forward(spec: MlpSpec, params: Vec, x: Vec, targets: ArrayLike<number>, B: number, norm: number = B): ForwardResult {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const p = paramViews(spec, params);
  const alloc = (n: number): Vec => (params instanceof Float64Array ? new Float64Array(n) : new Float32Array(n));
  const pre = alloc(B * H);
  const h = alloc(B * H);
  const logits = alloc(B * V);
  const probs = alloc(B * V);
  const losses = alloc(B);
  const dlogits = alloc(B * V);
  matmul_forward(pre, x, p.w1, p.b1, B, C, H);
  relu_forward(h, pre, B * H);
  matmul_forward(logits, h, p.w2, p.b2, B, H, V);
  softmax_xent(probs, losses, dlogits, logits, targets, B, V, norm);
  return { h, probs, losses, dlogits };
}

/** Gradients (flat, same layout as params) of the mean batch loss; returns the mean loss. */
export function gradients(spec: MlpSpec, params: Vec, grads: Vec, x: Vec, targets: ArrayLike<number>, B: number, norm: number = B): number {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const p = paramViews(spec, params);
  const g = paramViews(spec, grads);
  const f = forward(spec, params, x, targets, B, norm);
  const dh = params instanceof Float64Array ? new Float64Array(B * H) : new Float32Array(B * H);
  matmul_backward(dh, g.w2, g.b2, f.dlogits, f.h, p.w2, B, H, V);
  relu_backward(dh, dh, f.h, B * H);
  matmul_backward(null, g.w1, g.b1, dh, x, p.w1, B, C, H);
  let loss = 0;
  for (let b = 0; b < B; b++) loss += f.losses[b];
  return loss / norm;
}

/** One SGD step on one batch; returns the batch's mean loss. */
export function train_step(spec: MlpSpec, params: Vec, x: Vec, targets: ArrayLike<number>, B: number, lr: number): number {
  const grads = params instanceof Float64Array ? new Float64Array(params.length) : new Float32Array(params.length);
  const loss = gradients(spec, params, grads, x, targets, B);
  sgd_update(params, grads, lr, params.length);
  return loss;
}

/** The training images and labels an epoch reads (a Dataset has these and more). */
export interface EpochData {
  readonly images: Uint8Array; // (N, C) grey levels 0..255
  readonly labels: Uint8Array; // (N)
}

/**
 * One epoch (or its first `batches` batches) of minibatch SGD over `order`: gather_batch +
 * train_step per batch, the last batch possibly shorter. Updates `params` in place and returns
 * each batch's mean loss. Every backend is checked against this loop.
 */
export function train_epoch(
  spec: MlpSpec, params: Vec, data: EpochData, order: ArrayLike<number>,
  batchSize: number, lr: number, batches = Math.ceil(order.length / batchSize),
): Float32Array {
  const C = spec.inputSize;
  const x = params instanceof Float64Array ? new Float64Array(batchSize * C) : new Float32Array(batchSize * C);
  const t = new Uint8Array(batchSize);
  const losses = new Float32Array(batches);
  for (let i = 0; i < batches; i++) {
    const start = i * batchSize;
    const B = Math.min(batchSize, order.length - start);
    if (B <= 0) break;
    gather_batch(x, t, data.images, data.labels, order, start, B, C);
    losses[i] = train_step(spec, params, x.subarray(0, B * C), t.subarray(0, B), B, lr);
  }
  return losses;
}
