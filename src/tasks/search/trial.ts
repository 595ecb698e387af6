// The task of a search or an ensemble: train ONE model (the js backend, which runs in any worker) on
// the given training rows with the given hyperparameters, then evaluate it on the given rows of an
// evaluation set. One model per task is task parallelism: n workers train n models at once.
// The pixels arrive as views of SharedArrayBuffers where the page is cross-origin isolated (shared,
// not copied, when a task is posted to a worker); only the row indices differ from task to task.
import { JsBackend } from '../../backends/js';
import { evaluateWith } from '../../backends/evaluate';
import type { Dataset } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { makeSpec } from '../../mlp/spec';
import type { Handler } from '../types';
import type { HyperParams } from './sampling';

/** Images (N×784 bytes) and labels (N) of a set; the task indexes into it by rows. */
export interface PixelSet { readonly images: Uint8Array; readonly labels: Uint8Array }

export interface TrialPayload {
  readonly params: HyperParams;
  readonly epochs: number;
  readonly seed: number;
  /** the training set and the rows of it this model trains on (a subset, or a bootstrap with repeats) */
  readonly train: PixelSet;
  readonly rows: Uint32Array;
  /** where the model is evaluated: rows of `train` (a validation split) when `evalRows` is given, else the whole `evalSet` */
  readonly evalRows?: Uint32Array;
  readonly evalSet?: PixelSet;
  readonly returnParams?: boolean;
  readonly returnProbabilities?: boolean;
}

export interface TrialResult {
  readonly accuracy: number;
  readonly loss: number;
  /** training time (ms), evaluation not included */
  readonly ms: number;
  readonly worker: number;
  readonly params?: Float32Array;
  readonly probabilities?: Float32Array;
}

const PX = 784;

function asDataset(s: PixelSet): Dataset {
  return { images: s.images, labels: s.labels, count: s.labels.length, rows: 28, cols: 28 };
}

/** The listed rows of a set, copied into a compact dataset (a validation split: a few MB at most). */
export function gatherRows(s: PixelSet, rows: Uint32Array): Dataset {
  const images = new Uint8Array(rows.length * PX);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    images.set(s.images.subarray(rows[i] * PX, rows[i] * PX + PX), i * PX);
    labels[i] = s.labels[rows[i]];
  }
  return { images, labels, count: rows.length, rows: 28, cols: 28 };
}

/** Epoch e visits `rows` in the order epochPermutation(rows.length, seed, e): with rows 0..n−1 that is train()'s order exactly. */
export const trainTrial: Handler<TrialPayload, Promise<TrialResult>> = async (p, env) => {
  const spec = makeSpec(p.params.hidden);
  const backend = new JsBackend();
  await backend.init(spec, initParams(spec, p.seed));
  await backend.setData(asDataset(p.train));
  const order = new Uint32Array(p.rows.length);
  const t0 = performance.now();
  for (let e = 0; e < p.epochs; e++) {
    const perm = epochPermutation(p.rows.length, p.seed, e);
    for (let i = 0; i < perm.length; i++) order[i] = p.rows[perm[i]];
    await backend.trainEpoch({ epoch: e, order, batchSize: p.params.batchSize, learningRate: p.params.learningRate }, env.signal);
  }
  const ms = performance.now() - t0;
  const params = await backend.getParams();
  const evalData = p.evalRows ? gatherRows(p.train, p.evalRows) : p.evalSet ? asDataset(p.evalSet) : null;
  const ev = evalData ? evaluateWith(spec, params, evalData) : null;
  await backend.dispose();
  return {
    accuracy: ev?.accuracy ?? NaN, loss: ev?.loss ?? NaN, ms, worker: env.worker,
    ...(p.returnParams ? { params } : {}),
    ...(p.returnProbabilities && ev ? { probabilities: ev.probabilities } : {}),
  };
};

export const searchHandlers = { trainTrial: trainTrial as Handler };
