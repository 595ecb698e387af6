// Inference on a whole dataset in chunks, with the fast JS matmul. Shared by backends whose
// parameters are at hand on the JS side (every backend can fall back to it via getParams()).

import type { Dataset } from '../data/dataset';
import { paramViews, relu_forward, softmax_xent } from '../mlp/reference';
import type { MlpSpec } from '../mlp/spec';
import { matmul_forward } from './js/matmul';
import type { EvalResult } from './types';

/**
 * Softmax, cross-entropy and argmax of B rows of logits (images start … start + B − 1): fills their rows of
 * `probabilities` and `predictions`; returns the rows' loss sum and how many were right. `losses` and
 * `dlogits` are scratch of at least B and B × V. Shared by every forward pass that ends on the CPU.
 */
export function scoreChunk(
  logits: Float32Array, labels: Uint8Array, start: number, B: number, V: number,
  probabilities: Float32Array, predictions: Uint8Array, losses: Float32Array, dlogits: Float32Array,
): { loss: number; correct: number } {
  const probs = probabilities.subarray(start * V, (start + B) * V);
  softmax_xent(probs, losses, dlogits, logits, labels.subarray(start, start + B), B, V);
  let loss = 0, correct = 0;
  for (let b = 0; b < B; b++) {
    loss += losses[b];
    let best = 0;
    for (let v = 1; v < V; v++) if (probs[b * V + v] > probs[b * V + best]) best = v;
    predictions[start + b] = best;
    if (best === labels[start + b]) correct++;
  }
  return { loss, correct };
}

export function evaluateWith(spec: MlpSpec, params: Float32Array, data: Dataset, chunk = 1000): EvalResult {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const p = paramViews(spec, params);
  const N = data.count;
  chunk = Math.max(1, Math.min(chunk, N)); // one drawn digit needs scratch for one image, not 1,000
  const probabilities = new Float32Array(N * V);
  const predictions = new Uint8Array(N);
  const x = new Float32Array(chunk * C);
  const h = new Float32Array(chunk * H);
  const logits = new Float32Array(chunk * V);
  const losses = new Float32Array(chunk);
  const dlogits = new Float32Array(chunk * V);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < N; start += chunk) {
    const B = Math.min(chunk, N - start);
    for (let i = 0; i < B * C; i++) x[i] = data.images[start * C + i] / 255;
    matmul_forward(h, x, p.w1, p.b1, B, C, H);
    relu_forward(h, h, B * H);
    matmul_forward(logits, h, p.w2, p.b2, B, H, V);
    const r = scoreChunk(logits, data.labels, start, B, V, probabilities, predictions, losses, dlogits);
    lossSum += r.loss;
    correct += r.correct;
  }
  return { loss: N ? lossSum / N : 0, accuracy: N ? correct / N : 0, predictions, probabilities };
}
