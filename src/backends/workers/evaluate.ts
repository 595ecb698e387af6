// Inference on the pool: the images are split into one contiguous shard per worker (shardRange, as
// a batch is), every worker runs the JS forward pass (evaluateWith: the js backend's kernels) on its
// shard, and the coordinator puts the probabilities and predictions back in order. In the shared
// modes the workers read the model they already share with the coordinator; in transfer mode each
// busy worker gets one copy of it per evaluate, as it gets one per batch when training.
import * as Comlink from 'comlink';
import type { Dataset } from '../../data/dataset';
import type { EvalResult } from '../types';
import { setupLimitMs } from '../watchdog';
import { blame, Waiting } from './driver';
import type { WorkerPool } from './pool';
import { busyWorkers, shardRange } from './shard';

/** One worker's part of an evaluation (shard.worker.ts evaluate). */
export interface ShardEval {
  readonly lossSum: number;
  readonly correct: number;
  readonly predictions: Uint8Array;
  readonly probabilities: Float32Array;
}

/** A compact copy of a view (transferred, so a shard does not drag the whole buffer along), or the shared view itself. */
function shardOf<T extends Uint8Array>(a: T, from: number, to: number): T {
  const view = a.subarray(from, to) as T;
  if (typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer) return view;
  const copy = view.slice() as T;
  return Comlink.transfer(copy, [copy.buffer]);
}

/**
 * `params` null: the workers use the model they share (shared modes); otherwise each busy worker is
 * sent a copy. Watched like a setup round trip (a dead worker never answers).
 */
export async function evaluateOnPool(pool: WorkerPool, V: number, params: Float32Array | null, data: Dataset): Promise<EvalResult> {
  const N = data.count, px = data.rows * data.cols;
  const busy = busyWorkers(N, pool.size);
  const probabilities = new Float32Array(N * V);
  const predictions = new Uint8Array(N);
  const waiting = new Waiting();
  const parts = await pool.watch(Promise.all(Array.from({ length: busy }, (_, w) => {
    const sh = shardRange(N, pool.size, w);
    const images = shardOf(data.images, sh.start * px, (sh.start + sh.count) * px);
    const labels = shardOf(data.labels, sh.start, sh.start + sh.count);
    const model = params ? params.slice() : null;
    const call = pool.remotes[w].evaluate(images, labels, sh.count, data.rows, data.cols, model ? Comlink.transfer(model, [model.buffer]) : null);
    return waiting.track(w, blame(pool, w, call));
  })), waiting.pending, setupLimitMs(pool.watchdog.limits));
  let lossSum = 0, correct = 0;
  for (let w = 0; w < busy; w++) {
    const sh = shardRange(N, pool.size, w), r = parts[w];
    if (r.predictions.length !== sh.count || r.probabilities.length !== sh.count * V) {
      throw new Error(`workers backend: worker ${w} evaluated ${r.predictions.length} images, its shard has ${sh.count}`);
    }
    probabilities.set(r.probabilities, sh.start * V);
    predictions.set(r.predictions, sh.start);
    lossSum += r.lossSum;
    correct += r.correct;
  }
  return { loss: N ? lossSum / N : 0, accuracy: N ? correct / N : 0, predictions, probabilities };
}
