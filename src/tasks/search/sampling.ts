// Hyperparameter search and bagging, the pure parts: which configurations to try (a grid's cartesian
// product or seeded random draws), how the training rows are split (a validation split carved from
// the TRAINING set, never the test set) and resampled (bootstrap), and how members' probabilities
// are averaged. No data, no workers: everything here is a function of its arguments and a seed.
import { mulberry32 } from '../../mlp/random';
import { messageError } from '../../i18n/messageError';

/** One configuration a trial trains with. */
export interface HyperParams {
  readonly learningRate: number;
  readonly batchSize: number;
  readonly hidden: number;
}
export type ParamName = keyof HyperParams;
export const PARAM_NAMES: readonly ParamName[] = ['learningRate', 'batchSize', 'hidden'];
export const DEFAULT_PARAMS: HyperParams = { learningRate: 0.1, batchSize: 64, hidden: 128 };

export type Grid = Partial<Record<ParamName, readonly number[]>>;
/** a range (uniform, or log-uniform with `log: true`; integers for batchSize and hidden) or a list to pick from */
export type Distribution = readonly number[] | { readonly min: number; readonly max: number; readonly log?: boolean };
export type RandomSpace = Partial<Record<ParamName, Distribution>>;

function checkName(k: string): asserts k is ParamName {
  if (!(PARAM_NAMES as readonly string[]).includes(k)) throw messageError('err_unknownHyper', { k, known: PARAM_NAMES.join(', ') });
}

/** The grid's cartesian product, first axis slowest (GridSearchCV's order); a missing axis keeps its default. */
export function gridConfigs(grid: Grid): HyperParams[] {
  let out: HyperParams[] = [{ ...DEFAULT_PARAMS }];
  for (const [k, values] of Object.entries(grid)) {
    checkName(k);
    if (!Array.isArray(values) || values.length === 0) throw messageError('err_gridList', { k });
    for (const v of values) if (typeof v !== 'number' || !Number.isFinite(v)) throw messageError('err_gridNumber', { k, got: String(v) });
    out = out.flatMap((c) => (values as number[]).map((v) => ({ ...c, [k]: v })));
  }
  return out;
}

const INTEGER: Record<ParamName, boolean> = { learningRate: false, batchSize: true, hidden: true };

/** `trials` seeded draws from `space` (RandomizedSearchCV): the same seed gives the same configurations. */
export function randomConfigs(space: RandomSpace, trials: number, seed: number): HyperParams[] {
  if (!Number.isInteger(trials) || trials < 1) throw messageError('err_trials', { got: String(trials) });
  const rand = mulberry32((seed ^ 0x5eed5eed) >>> 0);
  const entries = Object.entries(space);
  for (const [k, d] of entries) {
    checkName(k);
    if (Array.isArray(d)) {
      if (d.length === 0) throw messageError('err_randomList', { k });
    } else {
      const r = d as { min: number; max: number; log?: boolean };
      if (!(Number.isFinite(r.min) && Number.isFinite(r.max) && r.min <= r.max) || (r.log && r.min <= 0)) {
        throw messageError('err_randomRange', { k });
      }
    }
  }
  const out: HyperParams[] = [];
  for (let i = 0; i < trials; i++) {
    const c: Record<string, number> = { ...DEFAULT_PARAMS };
    for (const [k, d] of entries) {
      const u = rand();
      if (Array.isArray(d)) { c[k] = d[Math.floor(u * d.length)]; continue; }
      const r = d as { min: number; max: number; log?: boolean };
      let v = r.log ? Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min))) : r.min + u * (r.max - r.min);
      v = INTEGER[k as ParamName] ? Math.round(v) : Number(v.toPrecision(3));
      c[k] = Math.min(r.max, Math.max(r.min, v));
    }
    out.push(c as unknown as HyperParams);
  }
  return out;
}

/** Seeded Fisher–Yates permutation of 0..n−1. */
export function permutation(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rand = mulberry32(seed >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  return order;
}

/** Training rows and validation rows: a seeded permutation of the first `samples` TRAINING rows, the last `validation` fraction held out. */
export interface Split { readonly train: Uint32Array; readonly validation: Uint32Array }

export function validationSplit(samples: number, validation: number, seed: number): Split {
  if (!(validation > 0 && validation < 1)) throw messageError('err_validation', { got: String(validation) });
  const order = permutation(samples, seed);
  const nVal = Math.round(samples * validation);
  if (nVal < 1 || nVal >= samples) throw messageError('err_validationEmpty', { validation, samples });
  return { train: order.slice(0, samples - nVal), validation: order.slice(samples - nVal) };
}

/** A bootstrap sample: `n` rows drawn with replacement from 0..n−1 (about 63% distinct). */
export function bootstrapRows(n: number, seed: number): Uint32Array {
  const rand = mulberry32((seed ^ 0xb007) >>> 0);
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = Math.floor(rand() * n);
  return rows;
}

/** The element-wise mean of equally long probability arrays (N×10 each). */
export function averageProbabilities(members: readonly Float32Array[]): Float32Array {
  if (members.length === 0) throw new Error('averageProbabilities needs at least one member');
  const out = new Float32Array(members[0].length);
  for (const m of members) {
    if (m.length !== out.length) throw new Error('members have different numbers of probabilities');
    for (let i = 0; i < out.length; i++) out[i] += m[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= members.length;
  return out;
}

/** Accuracy of N×V probabilities against N labels (argmax, the first of equals). */
export function accuracyOf(probs: Float32Array, labels: ArrayLike<number>, V = 10): number {
  const N = labels.length;
  let correct = 0;
  for (let n = 0; n < N; n++) {
    let best = 0;
    for (let v = 1; v < V; v++) if (probs[n * V + v] > probs[n * V + best]) best = v;
    if (best === labels[n]) correct++;
  }
  return N ? correct / N : 0;
}
