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
  /** evaluate on the test set after every epoch (train({ evaluateEvery: 'epoch' })), outside the epoch's time */
  evaluateEvery?: 'epoch';
  /** each per-epoch evaluation, with how long it took (ms) */
  onEvaluation?: (e: EpochEvaluation, result: EvalResult) => void;
}

/** Test accuracy and loss after one epoch; `ms`: how long evaluating took (never part of the epoch's time). */
export interface EpochEvaluation {
  epoch: number;
  accuracy: number;
  loss: number;
  ms: number;
}

export interface TrainResult {
  config: TrainConfig;
  epochs: EpochStats[];
  params: Float32Array;
  evaluation: EvalResult | null;
  /** one per epoch when hooks.evaluateEvery is 'epoch' and a test set was given, else empty */
  evaluations: EpochEvaluation[];
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

/**
 * Trains `config.epochs` epochs on an initialised backend; evaluates on `test` if given: at the end,
 * or after every epoch with `hooks.evaluateEvery: 'epoch'`. An evaluation runs after backend.trainEpoch
 * has returned, so it is never inside an epoch's wallMs (nor its breakdown, which adds up to wallMs).
 */
export async function trainEpochs(
  backend: Backend, partial: Partial<TrainConfig>, train: Dataset, test: Dataset | null,
  hooks: TrainHooks = {}, signal?: AbortSignal, firstEpoch = 0,
): Promise<TrainResult> {
  const config = resolveConfig(partial);
  const epochs: EpochStats[] = [];
  const evaluations: EpochEvaluation[] = [];
  let evaluation: EvalResult | null = null;
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
    if (test && hooks.evaluateEvery === 'epoch') {
      const t0 = performance.now();
      evaluation = await backend.evaluate(test);
      const ev = { epoch: e, accuracy: evaluation.accuracy, loss: evaluation.loss, ms: performance.now() - t0 };
      evaluations.push(ev);
      hooks.onEvaluation?.(ev, evaluation);
    }
  }
  // after the last epoch's evaluation the parameters have not changed: it is the run's evaluation
  if (test && !evaluation) evaluation = await backend.evaluate(test);
  return { config, epochs, params: await backend.getParams(), evaluation, evaluations };
}
