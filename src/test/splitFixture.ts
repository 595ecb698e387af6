// The js backend's batch step on a small synthetic training set, for the tests of the workers'
// splits that must give js's weights bit for bit (rows.test, hidden.test; not shipped).
import { sgd_update } from '../mlp/reference';
import type { MlpSpec } from '../mlp/spec';
import { ShardScratch, shard_gradients } from '../backends/js/gradients';

export interface SyntheticData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly order: Uint32Array;
}

/** A small synthetic training set of n samples (the arithmetic, not MNIST, is under test). */
export function syntheticData(spec: MlpSpec, n: number): SyntheticData {
  const images = Uint8Array.from({ length: n * spec.inputSize }, (_, i) => (i * 37 + (i >> 5) * 11) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % spec.outputSize);
  const order = Uint32Array.from({ length: n }, (_, i) => (i * 13) % n);
  return { images, labels, order };
}

/** One batch the js backend's way: the whole batch's gradient, then sgd_update. Returns Σ loss. */
export function jsStep(spec: MlpSpec, params: Float32Array, d: SyntheticData, start: number, B: number, lr: number): number {
  const grads = new Float32Array(params.length);
  const loss = shard_gradients(spec, new ShardScratch(spec), params, grads, d.images, d.labels, d.order, start, B, B);
  sgd_update(params, grads, lr, params.length);
  return loss;
}
