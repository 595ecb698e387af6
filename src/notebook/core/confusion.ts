// What the network got right and wrong on the test set (issue 14 §2, §3), as pure functions shared
// by the kernel (which builds the outputs) and the page (which draws them and pages through them).
// Rows are the true label ("real"), columns the prediction ("predicho"); counts are row-major.

export const CLASSES = 10;

/** The 10×10 counts, row-major: counts[label * 10 + predicted]. */
export function confusionCounts(labels: ArrayLike<number>, predictions: ArrayLike<number>): number[] {
  const counts = new Array<number>(CLASSES * CLASSES).fill(0);
  const n = Math.min(labels.length, predictions.length);
  for (let i = 0; i < n; i++) counts[labels[i] * CLASSES + predictions[i]]++;
  return counts;
}

export interface ClassStats {
  /** of the images predicted as this class, the share that are it; null when none was predicted as it */
  precision: number | null;
  /** of the images of this class, the share predicted as it; null when the set has none of it */
  recall: number | null;
  /** images of this class (the row's sum) and predicted as it (the column's sum) */
  actual: number;
  predicted: number;
}

/** Per-class precision and recall (0–1, or null for an empty column or row). */
export function classStats(counts: readonly number[]): ClassStats[] {
  return Array.from({ length: CLASSES }, (_, k) => {
    let actual = 0, predicted = 0;
    for (let j = 0; j < CLASSES; j++) {
      actual += counts[k * CLASSES + j];
      predicted += counts[j * CLASSES + k];
    }
    const hit = counts[k * CLASSES + k];
    return { precision: predicted ? hit / predicted : null, recall: actual ? hit / actual : null, actual, predicted };
  });
}

/** The share on the diagonal (0–1), or null for an empty matrix. */
export function accuracyOf(counts: readonly number[]): number | null {
  let total = 0, hit = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  for (let k = 0; k < CLASSES; k++) hit += counts[k * CLASSES + k];
  return total ? hit / total : null;
}

export interface ConfusedPair { label: number; predicted: number; count: number }

/** The off-diagonal cells with the most images, most first (ties: by label, then prediction); empty cells are left out. */
export function confusedPairs(counts: readonly number[], max = 5): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  for (let r = 0; r < CLASSES; r++) for (let c = 0; c < CLASSES; c++) {
    const count = counts[r * CLASSES + c];
    if (r !== c && count > 0) pairs.push({ label: r, predicted: c, count });
  }
  return pairs.sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted).slice(0, max);
}

/** Which test images a show.predictions call lists: every one, the wrong ones, or those of a label and/or a prediction. */
export type PredictionFilter = 'all' | 'mistakes' | { label?: number; predicted?: number };
export type PredictionSort = 'confidence' | 'index';

/** The test indices that pass `filter`, in index order, or by the predicted class's probability (most confident first; ties by index). */
export function selectPredictions(labels: ArrayLike<number>, predictions: ArrayLike<number>, probabilities: ArrayLike<number> | null,
  filter: PredictionFilter, sort: PredictionSort): number[] {
  const n = Math.min(labels.length, predictions.length);
  const keep = (i: number) => filter === 'all' ? true : filter === 'mistakes' ? labels[i] !== predictions[i]
    : (filter.label === undefined || labels[i] === filter.label) && (filter.predicted === undefined || predictions[i] === filter.predicted);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  if (sort === 'confidence') {
    if (!probabilities) throw new Error('sorting by confidence needs probabilities');
    const conf = (i: number) => probabilities[i * CLASSES + predictions[i]];
    out.sort((a, b) => conf(b) - conf(a) || a - b);
  }
  return out;
}

/** The k most probable classes of image i, most probable first (ties: the smaller class first). */
export function topClasses(probabilities: ArrayLike<number>, i: number, k = 3): { cls: number; p: number }[] {
  const row = Array.from({ length: CLASSES }, (_, c) => ({ cls: c, p: probabilities[i * CLASSES + c] }));
  return row.sort((a, b) => b.p - a.p || a.cls - b.cls).slice(0, k);
}

/** The indices of a confusion cell: the images whose label is `label` and prediction `predicted`, in index order. */
export function cellIndices(labels: ArrayLike<number>, predictions: ArrayLike<number>, label: number, predicted: number): number[] {
  return selectPredictions(labels, predictions, null, { label, predicted }, 'index');
}

/** The page of a list: its first and last position (0-based, `end` exclusive), clamped to the list. */
export function pageOf(total: number, start: number, size: number): { start: number; end: number } {
  const s = Math.max(1, Math.floor(size));
  const first = total <= 0 ? 0 : Math.min(Math.max(0, Math.floor(start)), total - 1);
  return { start: first, end: Math.min(total, first + s) };
}
