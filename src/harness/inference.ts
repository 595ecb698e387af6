// Timing of inference (bench/suites/50-inference.mjs): evaluate() through the backend's own forward
// pass on the test images, and what evaluate() cost before each backend had one: evaluateWith (the
// JS forward pass, on this thread) on the backend's getParams(). That is exactly the old code for
// js, workers and webgpu (webgpu read its params back first); the old wasm backend ran the same
// evaluateWith inside its worker. The backend is only init()-ed, never given a training set, as the
// Digits page does; the weights are trained for one epoch on 6,000 images with the reference so the
// timing runs on a realistic model (the time does not depend on the values).
import { evaluateWith } from '../backends/evaluate';
import { createBackend } from '../backends/registry';
import type { BackendName, BackendOptions } from '../backends/types';
import { sliceDataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { backendText } from '../i18n/backendText';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { train_epoch } from '../mlp/reference';
import { makeSpec } from '../mlp/spec';

export interface InferenceTiming {
  readonly backend: BackendName;
  readonly describe: string;
  /** For each image count asked for: the timed evaluate() calls (ms) after one warm-up call. */
  readonly counts: readonly { readonly n: number; readonly ownMs: number[]; readonly referenceMs: number[]; readonly accuracy: number }[];
}

let weights: Float32Array | null = null;

export async function inferenceTiming(name: BackendName, opts: BackendOptions, counts: readonly number[], reps: number): Promise<InferenceTiming> {
  const { train, test } = await loadMnist();
  const spec = makeSpec(128);
  if (!weights) {
    weights = initParams(spec, 1);
    const warm = sliceDataset(train, 6000);
    train_epoch(spec, weights, warm, epochPermutation(warm.count, 1, 0), 64, 0.1);
  }
  const backend = await createBackend(name);
  try {
    await backend.init(spec, weights, opts);
    const out: InferenceTiming['counts'][number][] = [];
    for (const n of counts) {
      const data = sliceDataset(test, n);
      const ownMs: number[] = [], referenceMs: number[] = [];
      let accuracy = (await backend.evaluate(data)).accuracy; // warm-up: scratch, pipelines, JIT
      evaluateWith(spec, await backend.getParams(), data);
      for (let r = 0; r < reps; r++) {
        let t0 = performance.now();
        accuracy = (await backend.evaluate(data)).accuracy;
        ownMs.push(performance.now() - t0);
        t0 = performance.now();
        evaluateWith(spec, await backend.getParams(), data);
        referenceMs.push(performance.now() - t0);
      }
      out.push({ n, ownMs, referenceMs, accuracy });
    }
    return { backend: name, describe: backendText('en', backend.describe()), counts: out };
  } finally {
    await backend.dispose();
  }
}
