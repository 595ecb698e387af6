// referenceMlp() and epochOrder(): the reference network (src/mlp/reference.ts) and train()'s shuffle,
// opened up for lessons. referenceMlp gives one small batch's loss and its analytic gradients (the
// backward pass every backend is checked against), so a cell can check them by finite differences;
// epochOrder gives the exact order in which train() visits the training images in an epoch.
import { t } from '../../i18n';
import type { Mnist } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { gather_batch, gradients } from '../../mlp/reference';
import { DEFAULT_HIDDEN, makeSpec, paramLayout, type MlpSpec } from '../../mlp/spec';
import { mnistArrays } from './arrays';
import { makeFmt } from './fmt';
import { formatValue } from './format';
import type { Lang } from './protocol';

export interface ReferenceMlpOptions {
  /** training images in the batch (default 8) */
  count?: number;
  /** the first of them (default 0) */
  start?: number;
  /** hidden units (default 128) */
  hidden?: number;
  /** seed of the initial weights, as train()'s (default 42) */
  seed?: number;
  /** the arithmetic (default 'float64': a gradient check needs it; training runs in 'float32') */
  dtype?: 'float64' | 'float32';
}

export interface ParamBlock {
  /** where the block starts in the flat parameters */
  offset: number;
  /** [rows, cols] of a matrix (out × in), [n] of a bias */
  shape: number[];
}

export interface ReferenceMlp {
  spec: MlpSpec;
  /** W1 [H, 784], b1 [H], W2 [10, H], b2 [10] inside the flat parameters */
  layout: { W1: ParamBlock; b1: ParamBlock; W2: ParamBlock; b2: ParamBlock };
  /** the seeded initial parameters, flat (a copy a cell may change) */
  params: Float64Array | Float32Array;
  /** images in the batch */
  count: number;
  /** the batch's mean cross-entropy at `p` (default: params) */
  loss(p?: Float64Array | Float32Array): number;
  /** the reference's backward pass: dL/dθ at `p` (default: params), flat like the parameters */
  gradients(p?: Float64Array | Float32Array): Float64Array | Float32Array;
}

export function referenceMlp(data: Mnist, o: ReferenceMlpOptions, lang: Lang): ReferenceMlp {
  const dtype = o.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') throw new RangeError(t(lang, 'referenceBadDtype', { got: formatValue(dtype) }));
  const spec = makeSpec(o.hidden ?? DEFAULT_HIDDEN);
  const seed = o.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(t(lang, 'referenceBadSeed', { got: formatValue(seed) }));
  const batch = mnistArrays(data, { set: 'train', start: o.start ?? 0, count: o.count ?? 8 }, lang);
  const B = batch.count, C = spec.inputSize;
  const alloc = (n: number) => (dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));
  const x = alloc(B * C);
  const targets = new Uint8Array(B);
  const rows = Uint32Array.from({ length: B }, (_, i) => i);
  gather_batch(x, targets, batch.images, batch.labels, rows, 0, B, C); // pixels / 255, as train() does
  const params = alloc(paramLayout(spec).total);
  params.set(initParams(spec, seed));
  const L = paramLayout(spec), H = spec.hiddenSize, V = spec.outputSize;
  const check = (p: Float64Array | Float32Array | undefined) => {
    const q = p ?? params;
    if (q.length !== params.length) throw new RangeError(t(lang, 'referenceBadParams', { n: makeFmt(lang).num(params.length), got: makeFmt(lang).num(q.length) }));
    // the reference's functions take one array type: a float32 model is read as float64 in a float64 check and back
    if (q instanceof Float64Array === (dtype === 'float64')) return q;
    const r = alloc(q.length);
    r.set(q);
    return r;
  };
  return {
    spec,
    layout: {
      W1: { offset: L.w1, shape: [H, C] }, b1: { offset: L.b1, shape: [H] },
      W2: { offset: L.w2, shape: [V, H] }, b2: { offset: L.b2, shape: [V] },
    },
    params, count: B,
    loss: (p) => gradients(spec, check(p), alloc(params.length), x, targets, B),
    gradients: (p) => {
      const g = alloc(params.length);
      gradients(spec, check(p), g, x, targets, B);
      return g;
    },
  };
}

/** The order train() visits `n` training images in epoch `epoch` (from 0) with `seed`: a seeded Fisher–Yates shuffle. */
export function epochOrder(n: number, o: { seed?: number; epoch?: number }, lang: Lang): Uint32Array {
  const seed = o.seed ?? 42, epoch = o.epoch ?? 0;
  if (!Number.isInteger(n) || n < 1 || n > 1e7) throw new RangeError(t(lang, 'epochOrderBadN', { got: formatValue(n) }));
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(t(lang, 'referenceBadSeed', { got: formatValue(seed) }));
  if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(t(lang, 'epochOrderBadEpoch', { got: formatValue(epoch) }));
  return epochPermutation(n, seed, epoch);
}
