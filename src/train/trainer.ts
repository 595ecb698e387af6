// The backend-agnostic training loop: seeded permutation per epoch, hand the epoch to the backend,
// collect stats, evaluate. The backend owns the inner loop so fast backends never cross a thread or
// device boundary per sample.

import type { Backend, BackendOptions, BatchProgress, EpochStats, EvalResult } from '../backends/types';
import type { Dataset } from '../data/dataset';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { makeSpec, type MlpSpec } from '../mlp/spec';
import { resolveConfig, type TrainConfig } from './config';

export interface TrainHooks {
  onProgress?: (epoch: number, p: BatchProgress) => void;
  onEpoch?: (stats: EpochStats) => void;
}

export interface TrainResult {
  config: TrainConfig;
  epochs: EpochStats[];
  params: Float32Array;
  evaluation: EvalResult | null;
}

/** Initialises `backend` with seeded parameters (or `params`) and the training data. */
export async function prepareBackend(
  backend: Backend, config: TrainConfig, train: Dataset, opts: BackendOptions = {}, params?: Float32Array,
): Promise<MlpSpec> {
  const spec = makeSpec(config.hiddenSize);
  await backend.init(spec, params ?? initParams(spec, config.seed), opts);
  await backend.setData(train);
  return spec;
}

/** Trains `config.epochs` epochs on an initialised backend; evaluates on `test` if given. */
export async function trainEpochs(
  backend: Backend, partial: Partial<TrainConfig>, train: Dataset, test: Dataset | null,
  hooks: TrainHooks = {}, signal?: AbortSignal, firstEpoch = 0,
): Promise<TrainResult> {
  const config = resolveConfig(partial);
  const epochs: EpochStats[] = [];
  for (let e = firstEpoch; e < firstEpoch + config.epochs; e++) {
    const order = epochPermutation(train.count, config.seed, e);
    const stats = await backend.trainEpoch(
      {
        epoch: e, order, batchSize: config.batchSize, learningRate: config.learningRate,
        onProgress: hooks.onProgress ? (p) => hooks.onProgress?.(e, p) : undefined,
      },
      signal,
    );
    epochs.push(stats);
    hooks.onEpoch?.(stats);
  }
  const evaluation = test ? await backend.evaluate(test) : null;
  return { config, epochs, params: await backend.getParams(), evaluation };
}
