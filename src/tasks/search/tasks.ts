// The task lists of a search and of an ensemble, built from plain arrays. A search's tasks are
// built from the TRAINING set alone (the test set is not a parameter here, so no trial can see it);
// the final retrain and the ensemble's members are the only tasks evaluated on the test set.
import type { TaskSpec } from '../types';
import { bootstrapRows, type HyperParams, type Split } from './sampling';
import type { PixelSet, TrialPayload } from './trial';

const shared = new WeakMap<Uint8Array, Uint8Array>();

/** A copy in a SharedArrayBuffer, made once per array (posting a view of it to a worker shares it, never copies it); the array itself where shared memory is unavailable. */
export function sharedBytes(a: Uint8Array): Uint8Array {
  if (typeof SharedArrayBuffer === 'undefined' || a.buffer instanceof SharedArrayBuffer) return a;
  let s = shared.get(a);
  if (!s) {
    s = new Uint8Array(new SharedArrayBuffer(a.byteLength));
    s.set(a);
    shared.set(a, s);
  }
  return s;
}

export function sharedSet(s: PixelSet): PixelSet {
  return { images: sharedBytes(s.images), labels: sharedBytes(s.labels) };
}

/**
 * A trial's work, roughly: the matmuls dominate, about 3 × 784·hidden multiply-adds per trained image
 * (forward, and the two backward products) and 784·hidden per evaluated one. The batch size hardly
 * matters (the update is 101,770·hidden/128 per batch, under 1% at batch 32). The pool starts the
 * costliest trials first, so a grid of hidden 64 and 128 ends with both workers busy to the last.
 */
export const trialCost = (p: HyperParams, trainedImages: number, evaluatedImages: number) => p.hidden * (3 * trainedImages + evaluatedImages);

export const paramsName = (p: HyperParams) => `lr=${p.learningRate} batch=${p.batchSize} hidden=${p.hidden}`;

/** One task per configuration: train on the split's training rows, evaluate on its validation rows (both rows of `train`). */
export function searchTasks(configs: readonly HyperParams[], train: PixelSet, split: Split, epochs: number, seed: number): TaskSpec[] {
  return configs.map((params) => ({
    name: `train ${paramsName(params)}`,
    kind: 'trainTrial',
    cost: trialCost(params, split.train.length * epochs, split.validation.length),
    payload: { params, epochs, seed, train, rows: split.train, evalRows: split.validation } satisfies TrialPayload,
  }));
}

/** The best configuration again, on all `samples` training rows, evaluated once on the test set. */
export function retrainTask(params: HyperParams, train: PixelSet, samples: number, test: PixelSet, epochs: number, seed: number): TaskSpec {
  const rows = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) rows[i] = i;
  return { name: `retrain ${paramsName(params)}`, kind: 'trainTrial', payload: { params, epochs, seed, train, rows, evalSet: test, returnParams: true } satisfies TrialPayload };
}

/** Member m: a bootstrap sample of the first `samples` training rows (seed + m) and its own initial weights; its test probabilities come back. */
export function baggingTasks(members: number, params: HyperParams, train: PixelSet, samples: number, test: PixelSet, epochs: number, seed: number): TaskSpec[] {
  return Array.from({ length: members }, (_, m) => ({
    name: `member ${m + 1} ${paramsName(params)}`,
    kind: 'trainTrial',
    payload: { params, epochs, seed: seed + m, train, rows: bootstrapRows(samples, seed + m), evalSet: test, returnProbabilities: true } satisfies TrialPayload,
  }));
}
