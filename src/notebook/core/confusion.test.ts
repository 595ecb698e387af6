import { describe, expect, it } from 'vitest';
import { accuracyOf, cellIndices, classStats, confusedPairs, confusionCounts, pageOf, selectPredictions, topClasses } from './confusion';

// 8 hand-made test images: labels and what a network predicted
const labels = [0, 1, 2, 4, 4, 4, 9, 1];
const preds = [0, 1, 2, 9, 9, 4, 4, 7];

describe('confusion matrix', () => {
  it('counts each (label, prediction) pair at row label, column prediction', () => {
    const m = confusionCounts(labels, preds);
    expect(m).toHaveLength(100);
    expect(m[0 * 10 + 0]).toBe(1);
    expect(m[4 * 10 + 9]).toBe(2);
    expect(m[9 * 10 + 4]).toBe(1);
    expect(m[1 * 10 + 7]).toBe(1);
    expect(m[4 * 10 + 4]).toBe(1);
    expect(m.reduce((a, b) => a + b, 0)).toBe(8);
    expect(accuracyOf(m)).toBeCloseTo(4 / 8);
  });

  it('precision and recall per class; null where a row or a column is empty', () => {
    const s = classStats(confusionCounts(labels, preds));
    expect(s[4]).toEqual({ precision: 1 / 2, recall: 1 / 3, actual: 3, predicted: 2 }); // predicted 4: images 5 (a 4) and 6 (a 9)
    expect(s[1]).toEqual({ precision: 1, recall: 1 / 2, actual: 2, predicted: 1 });
    expect(s[9]).toEqual({ precision: 0, recall: 0, actual: 1, predicted: 2 });
    expect(s[7]).toEqual({ precision: 0, recall: null, actual: 0, predicted: 1 }); // no 7 in the set
    expect(s[3]).toEqual({ precision: null, recall: null, actual: 0, predicted: 0 });
    expect(accuracyOf(new Array(100).fill(0))).toBeNull();
  });

  it('lists the most confused pairs, most first, without the diagonal or empty cells', () => {
    expect(confusedPairs(confusionCounts(labels, preds))).toEqual([
      { label: 4, predicted: 9, count: 2 }, { label: 1, predicted: 7, count: 1 }, { label: 9, predicted: 4, count: 1 },
    ]);
    expect(confusedPairs(confusionCounts([3, 3], [3, 3]))).toEqual([]);
  });

  it('a cell holds exactly the images of its label and prediction', () => {
    expect(cellIndices(labels, preds, 4, 9)).toEqual([3, 4]);
    expect(cellIndices(labels, preds, 4, 4)).toEqual([5]);
    expect(cellIndices(labels, preds, 5, 5)).toEqual([]);
  });
});

describe('selecting predictions', () => {
  // probabilities of the predicted class: image 3 0.9, image 4 0.6, image 6 0.95, image 7 0.5
  const probs = new Float32Array(80).fill(0);
  const conf = [0.99, 0.8, 0.7, 0.9, 0.6, 0.55, 0.95, 0.5];
  preds.forEach((p, i) => { probs[i * 10 + p] = conf[i]; probs[i * 10 + labels[i]] += (1 - conf[i]) * 0.7; probs[i * 10 + 5] += (1 - conf[i]) * 0.3; });

  it('mistakes only, most confident first', () => {
    expect(selectPredictions(labels, preds, probs, 'mistakes', 'confidence')).toEqual([6, 3, 4, 7]);
    expect(selectPredictions(labels, preds, null, 'mistakes', 'index')).toEqual([3, 4, 6, 7]);
  });

  it('all, or by label and/or prediction', () => {
    expect(selectPredictions(labels, preds, null, 'all', 'index')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(selectPredictions(labels, preds, null, { label: 1 }, 'index')).toEqual([1, 7]);
    expect(selectPredictions(labels, preds, null, { predicted: 4 }, 'index')).toEqual([5, 6]);
    expect(selectPredictions(labels, preds, probs, { label: 4, predicted: 9 }, 'confidence')).toEqual([3, 4]);
  });

  it('sorting by confidence without probabilities is refused', () => {
    expect(() => selectPredictions(labels, preds, null, 'all', 'confidence')).toThrow(/probabilities/);
  });

  it('the top 3 classes of an image, most probable first', () => {
    const top = topClasses(probs, 3);
    expect(top.map((x) => x.cls)).toEqual([9, 4, 5]);
    expect(top[0].p).toBeCloseTo(0.9);
    expect(top[1].p).toBeCloseTo(0.07);
  });

  it('pages: clamped to the list, the last page short', () => {
    expect(pageOf(312, 40, 16)).toEqual({ start: 40, end: 56 });
    expect(pageOf(312, 304, 16)).toEqual({ start: 304, end: 312 });
    expect(pageOf(312, 999, 16)).toEqual({ start: 311, end: 312 });
    expect(pageOf(0, 5, 16)).toEqual({ start: 0, end: 0 });
  });
});
