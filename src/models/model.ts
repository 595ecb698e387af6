// A trained model as data (issue 14): the flat parameters of src/mlp/spec (W1, b1, W2, b2) with the
// spec that gives them their shape and a few facts about the run that made them. The kernel sends
// one to the page after every train() that finished (FromKernel 'model'); the page keeps the latest
// (KernelClient.latestModel) for the Digits page, and the models store saves them by name.
import { makeSpec, paramLayout, type MlpSpec } from '../mlp/spec';

export interface ModelMeta {
  /** the run's label ("wasm", "batch 64"…) and the backend that trained it */
  label: string;
  backend: string;
  /** test accuracy (0–1) measured after training; NaN when the run did not evaluate */
  accuracy: number;
  samples: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** ms since 1970 (Date.now()) when training ended */
  createdAt: number;
}

export interface TrainedModel {
  spec: MlpSpec;
  params: Float32Array;
  meta: ModelMeta;
}

/** The problem with `raw` as a model, or null when it is one (shape checked: spec, parameter count, finite values). */
export function modelProblem(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return 'not an object';
  const m = raw as Partial<TrainedModel>;
  const s = m.spec as Partial<MlpSpec> | undefined;
  if (!s || s.inputSize !== 784 || s.outputSize !== 10) return 'spec is not 784 → H → 10';
  let spec: MlpSpec;
  try {
    spec = makeSpec(s.hiddenSize);
  } catch (e) {
    return (e as Error).message;
  }
  if (!(m.params instanceof Float32Array)) return 'params is not a Float32Array';
  const want = paramLayout(spec).total;
  if (m.params.length !== want) return `params has ${m.params.length} values, the spec needs ${want}`;
  for (let i = 0; i < m.params.length; i++) if (!Number.isFinite(m.params[i])) return `params[${i}] is not finite`;
  const meta = m.meta as Partial<ModelMeta> | undefined;
  if (!meta || typeof meta !== 'object' || typeof meta.label !== 'string' || typeof meta.backend !== 'string') return 'meta is missing';
  return null;
}

/** The model a finished run hands over: its trained parameters with what made them. */
export function trainedModel(
  run: { label: string; backend: string; accuracy: number; samples: number },
  config: { hiddenSize: number; epochs: number; batchSize: number; learningRate: number; seed: number },
  params: Float32Array,
): TrainedModel {
  return {
    spec: makeSpec(config.hiddenSize), params,
    meta: { ...run, epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate, seed: config.seed, createdAt: Date.now() },
  };
}
