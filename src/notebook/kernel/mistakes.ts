// show.confusion and show.predictions (issue 14 §2, §3): the kernel counts and selects from the run's
// predictions and probabilities; the output carries test indices and numbers only, never images (the
// page draws the digits from its own copy of the test set, so a saved output still pages after a reload).
import { t } from '../../i18n';
import { CLASSES, confusionCounts, selectPredictions, topClasses, type PredictionFilter, type PredictionSort } from '../core/confusion';
import { MAX_LISTED, MAX_PAGE_SIZE } from '../confusionShape';
import type { Lang, Output } from './protocol';
import type { Run } from './run';

/** What show.confusion and show.predictions read from a run: a `Run`, or any evaluation of a model with the same fields. */
export type EvaluatedRun = Pick<Run, 'label' | 'predictions' | 'probabilities' | 'params'> & { config: { hiddenSize: number } };

export interface PredictionsOptions {
  /** 'all' (default), 'mistakes', or the images of a true label and/or a prediction: { label: 4, predicted: 9 } */
  filter?: PredictionFilter;
  /** 'confidence': the predicted class's probability, highest first (the default for 'mistakes'); 'index': test-set order (the default otherwise) */
  sort?: PredictionSort;
  /** digits per page (default 16, at most 100) */
  count?: number;
  /** the first position shown, in the filtered list (default 0); Previous and Next page from there */
  start?: number;
}

/** The run's predictions, checked against the test set's size; a clear error in the student's language otherwise. */
function predictionsOf(lang: Lang, fn: string, run: EvaluatedRun, testCount: number): Uint8Array {
  const p = run?.predictions;
  if (!(p instanceof Uint8Array)) throw new Error(t(lang, 'confusion_noPredictions', { fn }));
  if (p.length !== testCount) throw new Error(t(lang, 'confusion_wrongSize', { fn, n: p.length, test: testCount }));
  if (testCount > MAX_LISTED) throw new Error(t(lang, 'confusion_wrongSize', { fn, n: p.length, test: testCount }));
  return p;
}

export function confusionOutput(lang: Lang, id: string, run: EvaluatedRun, testLabels: Uint8Array): Output {
  const predictions = predictionsOf(lang, 'show.confusion', run, testLabels.length);
  return { id, kind: 'confusion', confusion: { title: String(run.label ?? ''), counts: confusionCounts(testLabels, predictions), labels: testLabels.slice(), predictions: predictions.slice() } };
}

const isClass = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < CLASSES);

export function predictionsOutput(lang: Lang, id: string, run: EvaluatedRun, testLabels: Uint8Array, o: PredictionsOptions = {}): Output {
  const predictions = predictionsOf(lang, 'show.predictions', run, testLabels.length);
  const filter = o.filter ?? 'all';
  const okFilter = filter === 'all' || filter === 'mistakes'
    || (typeof filter === 'object' && filter !== null && isClass(filter.label) && isClass(filter.predicted));
  if (!okFilter) throw new Error(t(lang, 'confusion_badFilter'));
  const f: PredictionFilter = typeof filter === 'object' ? { ...(filter.label !== undefined ? { label: filter.label } : {}), ...(filter.predicted !== undefined ? { predicted: filter.predicted } : {}) } : filter;
  const sort = o.sort ?? (f === 'mistakes' ? 'confidence' : 'index');
  if (sort !== 'confidence' && sort !== 'index') throw new Error(t(lang, 'confusion_badSort'));
  const probs = run.probabilities instanceof Float32Array && run.probabilities.length === testLabels.length * CLASSES ? run.probabilities : null;
  if (sort === 'confidence' && !probs) throw new Error(t(lang, 'confusion_noProbabilities'));
  const list = selectPredictions(testLabels, predictions, probs, f, sort);
  const n = list.length;
  const top = new Uint8Array(probs ? 3 * n : 0), topP = new Uint16Array(probs ? 3 * n : 0);
  if (probs) list.forEach((i, k) => topClasses(probs, i, 3).forEach((c, j) => {
    top[3 * k + j] = c.cls;
    topP[3 * k + j] = Math.round(Math.min(1, Math.max(0, c.p)) * 65535);
  }));
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(Number(o.count ?? 16)) || 16));
  const start = Math.max(0, Math.min(Math.floor(Number(o.start ?? 0)) || 0, Math.max(0, n - 1)));
  return {
    id, kind: 'predictions',
    predictions: {
      title: String(run.label ?? ''), filter: f, sort, total: testLabels.length,
      indices: Uint16Array.from(list), labels: Uint8Array.from(list, (i) => testLabels[i]), predicted: Uint8Array.from(list, (i) => predictions[i]),
      top, topP, start, pageSize,
    },
  };
}
