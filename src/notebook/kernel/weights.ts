// show.weights (issue 14 §4): what the first layer learned, and how one test digit flows through it.
// Plain data for the page: the H first-layer weight vectors (each a 28×28 picture), quantised, and for
// a few test digits the hidden activations and, per class, the hidden units that push it most.
import { INPUT_SIZE, OUTPUT_SIZE, makeSpec } from '../../mlp/spec';
import { paramViews } from '../../mlp/reference';
import type { WeightsData, WeightsDigit } from './protocol';
import type { Run } from './run';
import { messageError } from '../../i18n/messageError';

/** What show.weights needs of a run: a Run, or any trained model with a label and a hidden size. */
export type WeightsSource = Pick<Run, 'label' | 'params'> & { config: Pick<Run['config'], 'hiddenSize'> };

/** Digits the output offers to pick among (the chosen one and the next ones of the test set). */
export const WEIGHT_DIGITS = 6;
/** Units listed per class: the ones whose contribution to that class's logit is largest. */
export const TOP_UNITS = 3;

/**
 * W1 as int8 with one symmetric scale for all filters: q = round(w / scale × 127), scale = max|w|.
 * H × 784 float32 is 400 kB for 128 units; int8 is 100 kB, and 255 levels are plenty for a picture
 * (a pixel's colour has fewer). The page draws q / 127 × scale; the numbers a student reads
 * (activations, contributions) are computed here from the float weights, never from q.
 */
export function quantise(w: ArrayLike<number>): { scale: number; q: Int8Array } {
  let scale = 0;
  for (let i = 0; i < w.length; i++) scale = Math.max(scale, Math.abs(w[i]));
  const q = new Int8Array(w.length);
  if (scale > 0) for (let i = 0; i < w.length; i++) q[i] = Math.round((w[i] / scale) * 127);
  return { scale, q };
}

export function dequantise(q: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = (q[i] / 127) * scale;
  return out;
}

/** h = ReLU(W1 x + b1) for one image of 784 grey levels (0–255, scaled to 0–1 as in training). */
export function hiddenActivations(params: Float32Array, hidden: number, image: ArrayLike<number>): Float32Array {
  const p = paramViews(makeSpec(hidden), params);
  const h = new Float32Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let s = p.b1[j];
    const row = j * INPUT_SIZE;
    for (let i = 0; i < INPUT_SIZE; i++) s += p.w1[row + i] * (image[i] / 255);
    h[j] = s > 0 ? s : 0;
  }
  return h;
}

/** For each class: its logit and the `top` units with the largest contribution activation × W2[class][unit]. */
export function classContributions(params: Float32Array, hidden: number, h: Float32Array, top = TOP_UNITS): { logit: number; top: { unit: number; contribution: number }[] }[] {
  const p = paramViews(makeSpec(hidden), params);
  return Array.from({ length: OUTPUT_SIZE }, (_, v) => {
    const contrib = Array.from({ length: hidden }, (_, j) => ({ unit: j, contribution: h[j] * p.w2[v * hidden + j] }));
    const logit = contrib.reduce((s, c) => s + c.contribution, p.b2[v]);
    contrib.sort((a, b) => b.contribution - a.contribution || a.unit - b.unit);
    return { logit, top: contrib.slice(0, top) };
  });
}

/** The output's data for `run`, with the test digits from index `first` (its images and labels: the test set). */
export function weightsData(run: WeightsSource, test: { images: Uint8Array; labels: Uint8Array; count: number }, first: number): WeightsData {
  const hidden = run?.config?.hiddenSize;
  const spec = makeSpec(hidden); // throws a clear RangeError for a hidden size no model can have
  const params = run.params;
  if (!(params instanceof Float32Array) || params.length !== hidden * (INPUT_SIZE + 1) + OUTPUT_SIZE * (hidden + 1)) {
    throw messageError('err_weightsNeedsRun', { n: hidden * (INPUT_SIZE + 1) + OUTPUT_SIZE * (hidden + 1), hidden });
  }
  const { scale, q } = quantise(paramViews(spec, params).w1);
  const start = Math.min(Math.max(0, Math.floor(first)), Math.max(0, test.count - 1));
  const digits: WeightsDigit[] = [];
  for (let i = start; i < Math.min(test.count, start + WEIGHT_DIGITS); i++) {
    const image = test.images.slice(i * INPUT_SIZE, (i + 1) * INPUT_SIZE);
    const h = hiddenActivations(params, hidden, image);
    const classes = classContributions(params, hidden, h);
    let prediction = 0;
    for (let v = 1; v < OUTPUT_SIZE; v++) if (classes[v].logit > classes[prediction].logit) prediction = v;
    digits.push({ index: i, label: test.labels[i], prediction, image, activations: Array.from(h), classes });
  }
  return { label: String(run.label ?? ''), hidden, scale, filters: q, digits };
}
