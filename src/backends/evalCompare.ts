// How one backend's evaluate() is held to the reference's (evaluateWith on the same weights): the
// unit tests (js, wasm under Node) and the browser conformance suite (all four) share this measure.
import type { EvalResult } from './types';

export interface EvalAgreement {
  readonly samples: number;
  /** Reference top-1 minus top-2 probability, for each image whose prediction differs. */
  readonly mismatchGaps: number[];
  readonly maxProbDiff: number; // max |Δprobability| over every image and class
  readonly lossRelDiff: number; // |Δloss| / |reference loss|
  readonly accuracyDiff: number; // |Δaccuracy|
}

/**
 * Where `got` differs from `ref`. Probability rows are V wide; a length mismatch (a backend that
 * returned fewer rows) gives NaN, which fails every tolerance.
 */
export function evalAgreement(got: EvalResult, ref: EvalResult, V: number): EvalAgreement {
  const N = ref.predictions.length;
  const mismatchGaps: number[] = [];
  let maxProbDiff = got.probabilities.length === ref.probabilities.length && got.predictions.length === N ? 0 : NaN;
  for (let n = 0; n < N && !Number.isNaN(maxProbDiff); n++) {
    if (got.predictions[n] !== ref.predictions[n]) {
      const row = Array.from(ref.probabilities.subarray(n * V, (n + 1) * V)).sort((x, y) => y - x);
      mismatchGaps.push(row[0] - row[1]);
    }
    for (let v = 0; v < V; v++) {
      const d = Math.abs(got.probabilities[n * V + v] - ref.probabilities[n * V + v]);
      if (!(d <= maxProbDiff)) maxProbDiff = d; // NaN-sticky
    }
  }
  return {
    samples: N, mismatchGaps, maxProbDiff,
    lossRelDiff: Math.abs(got.loss - ref.loss) / Math.max(Math.abs(ref.loss), Number.MIN_VALUE),
    accuracyDiff: Math.abs(got.accuracy - ref.accuracy),
  };
}

/** The tolerances of issue 14: predictions equal except near-ties, probabilities and loss close. */
export const EVAL_NEAR_TIE = 1e-6; // a differing prediction is allowed only where the top two are this close
export const EVAL_PROB_TOLERANCE = 1e-5; // absolute
export const EVAL_LOSS_TOLERANCE = 1e-5; // relative

/** The first broken tolerance, in words, or null when `a` passes them all. */
export function evalProblem(a: EvalAgreement): string | null {
  const tie = a.mismatchGaps.find((g) => !(g <= EVAL_NEAR_TIE));
  if (tie !== undefined) return `a prediction differs where the reference's top two are ${tie.toExponential(2)} apart (> ${EVAL_NEAR_TIE})`;
  if (!(a.maxProbDiff <= EVAL_PROB_TOLERANCE)) return `max |Δprobability| ${a.maxProbDiff.toExponential(2)} > ${EVAL_PROB_TOLERANCE}`;
  if (!(a.lossRelDiff <= EVAL_LOSS_TOLERANCE)) return `relative |Δloss| ${a.lossRelDiff.toExponential(2)} > ${EVAL_LOSS_TOLERANCE}`;
  if (!(a.accuracyDiff <= a.mismatchGaps.length / Math.max(1, a.samples))) return `|Δaccuracy| ${a.accuracyDiff} beyond the ${a.mismatchGaps.length} near-tie predictions`;
  return null;
}
