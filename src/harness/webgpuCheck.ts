// Shared by the webgpu harness and its worker: the reference epoch every run must match, and a
// webgpu backend made ready on a slice of MNIST. Imports nothing that starts a worker.

import { maxAbsDiff } from '../mlp/compare';
import { backendText } from '../i18n/backendText';
import type { BackendOptions } from '../backends/types';
import { createBackend } from '../backends/registry';
import type { WebGpuBackend } from '../backends/webgpu/index';
import { REGISTER_TILING, SHARED_TILING } from '../backends/webgpu/pipelines';
import { sliceDataset, type Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { train_epoch } from '../mlp/reference';
import { makeSpec } from '../mlp/spec';

export const LR = 0.1;
export const SEED = 7;

/** The reference's weights after one epoch over `data` in `order` (what every backend must match). */
export function referenceEpoch(data: Dataset, init: Float32Array, order: Uint32Array, batchSize: number, hidden: number): Float32Array {
  const ref = init.slice();
  train_epoch(makeSpec(hidden), ref, data, order, batchSize, LR);
  return ref;
}


export type TilingName = 'registers' | 'shared';

/** `tiling`: 'shared' forces the shared-memory matmuls (SHARED_TILING), 'registers' the register tiles; default: the adapter's. */
export async function ready(opts: BackendOptions, samples: number, hidden = 128, tiling?: TilingName) {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(hidden);
  const init = initParams(spec, SEED);
  const backend = (await createBackend('webgpu')) as WebGpuBackend;
  if (tiling) backend.testing.tiling = tiling === 'shared' ? SHARED_TILING : REGISTER_TILING;
  await backend.init(spec, init, opts);
  await backend.setData(data);
  return { backend, data, spec, init, order: epochPermutation(data.count, SEED, 0) };
}

export interface GpuEquivalence {
  describe: string;
  samples: number;
  batchSize: number;
  maxAbsDiff: number; // max |Δparam| between the backend and the reference after one epoch
  maxAbsChange: number; // how far the reference moved from the initial weights (a no-op cannot pass)
  inWorker: boolean;
}

/** One epoch on the webgpu backend vs the reference, same seed and order. */
export async function gpuEquivalence(opts: BackendOptions, samples: number, batchSize: number, tiling?: TilingName): Promise<GpuEquivalence> {
  const { backend, data, init, order } = await ready(opts, samples, 128, tiling);
  try {
    await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const ref = referenceEpoch(data, init, order, batchSize, 128);
    return {
      describe: backendText('en', backend.describe()), samples: data.count, batchSize,
      maxAbsDiff: maxAbsDiff(ref, await backend.getParams()), maxAbsChange: maxAbsDiff(ref, init),
      inWorker: typeof window === 'undefined',
    };
  } finally {
    await backend.dispose();
  }
}
