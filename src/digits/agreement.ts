// Whether the backends agree on a drawn digit: the same argmax on every backend that answered, and
// the largest difference between their probabilities for any class (float summation order differs
// between forward passes, so a tiny difference is expected; a different class is not).
import type { PredictResult } from '../notebook/kernel/protocol';

export function argmax(p: ArrayLike<number>, offset = 0, n = 10): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (p[offset + i] > p[offset + best]) best = i;
  return best;
}

export interface BackendAnswer { backend: PredictResult['backend']; predicted: number; top: number; ms: number }

export interface Agreement {
  /** the backends that answered image `index`, with their class and its probability */
  answers: BackendAnswer[];
  /** every answer names the same class (true with one answer; false with none) */
  agree: boolean;
  /** the largest |p_a(c) − p_b(c)| over the answering backends a, b and classes c */
  maxDiff: number;
}

/** The backends' answers for image `index` of a predict answer. */
export function agreement(results: readonly PredictResult[], index = 0): Agreement {
  const answers: BackendAnswer[] = [];
  const rows: Float32Array[] = [];
  for (const r of results) {
    if (!r.probabilities || r.error) continue;
    const row = r.probabilities.subarray(index * 10, index * 10 + 10);
    if (row.length !== 10) continue;
    const predicted = argmax(row);
    answers.push({ backend: r.backend, predicted, top: row[predicted], ms: r.ms });
    rows.push(row);
  }
  let maxDiff = 0;
  for (let c = 0; c < 10; c++) {
    let lo = Infinity, hi = -Infinity;
    for (const row of rows) { lo = Math.min(lo, row[c]); hi = Math.max(hi, row[c]); }
    if (rows.length > 1) maxDiff = Math.max(maxDiff, hi - lo);
  }
  return { answers, agree: answers.length > 0 && answers.every((a) => a.predicted === answers[0].predicted), maxDiff };
}

/** How many of a labelled set each backend classifies right (`results`: one predict answer for all the set's images). */
export function setAccuracy(results: readonly PredictResult[], labels: ArrayLike<number>): { backend: PredictResult['backend']; correct: number; total: number }[] {
  return results.filter((r) => r.probabilities && !r.error).map((r) => {
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if (argmax(r.probabilities!, i * 10) === labels[i]) correct++;
    return { backend: r.backend, correct, total: labels.length };
  });
}
