import { describe, expect, it } from 'vitest';
import { outputProblem } from '../outputs';
import { confusionOutput, predictionsOutput, type EvaluatedRun } from './mistakes';

const labels = Uint8Array.from([0, 1, 2, 4, 4, 4, 9, 1]);
const preds = Uint8Array.from([0, 1, 2, 9, 9, 4, 4, 7]);
const conf = [0.99, 0.8, 0.7, 0.9, 0.6, 0.55, 0.95, 0.5];
const probs = new Float32Array(80);
preds.forEach((p, i) => { probs[i * 10 + p] = conf[i]; probs[i * 10 + ((p + 1) % 10)] = 1 - conf[i]; });
const run: EvaluatedRun = { label: 'wasm', predictions: preds, probabilities: probs, params: new Float32Array(0), config: { hiddenSize: 128 } };

describe('show.confusion output', () => {
  it('carries the counts of the run against the test labels, and passes its own shape check', () => {
    const o = confusionOutput('en', 'c-0', run, labels);
    if (o.kind !== 'confusion') throw new Error(o.kind);
    expect(o.confusion.counts[4 * 10 + 9]).toBe(2);
    expect(o.confusion.counts[9 * 10 + 4]).toBe(1);
    expect(Array.from(o.confusion.predictions)).toEqual(Array.from(preds));
    expect(outputProblem(o)).toBeNull();
  });

  it('a run without predictions, or of another size, gets an error in the student\'s language', () => {
    expect(() => confusionOutput('es', 'c', { ...run, predictions: null }, labels)).toThrow(/necesita una ejecución evaluada/);
    expect(() => confusionOutput('en', 'c', { ...run, predictions: preds.slice(0, 3) }, labels)).toThrow(/3 predictions but the test set has 8/);
  });

  it('a forged matrix whose counts disagree with its labels is refused', () => {
    const o = confusionOutput('en', 'c', run, labels);
    if (o.kind !== 'confusion') throw new Error(o.kind);
    const forged = { ...o, confusion: { ...o.confusion, counts: o.confusion.counts.map((c, i) => (i === 0 ? c + 1 : c)) } };
    expect(outputProblem(forged)?.code).toBe('confusion');
    expect(outputProblem({ ...o, confusion: { ...o.confusion, labels: Uint8Array.from([12, 1, 2, 4, 4, 4, 9, 1]) } })?.code).toBe('confusion');
  });
});

describe('show.predictions output', () => {
  it('mistakes default to most confident first, with their top 3', () => {
    const o = predictionsOutput('en', 'p', run, labels, { filter: 'mistakes' });
    if (o.kind !== 'predictions') throw new Error(o.kind);
    const p = o.predictions;
    expect(p.sort).toBe('confidence');
    expect(Array.from(p.indices)).toEqual([6, 3, 4, 7]);
    expect(Array.from(p.labels)).toEqual([9, 4, 4, 1]);
    expect(Array.from(p.predicted)).toEqual([4, 9, 9, 7]);
    expect(Array.from(p.top.subarray(0, 2))).toEqual([4, 5]);
    expect(p.topP[0] / 65535).toBeCloseTo(0.95, 4);
    expect(outputProblem(o)).toBeNull();
  });

  it('the old call (count, start) lists every image in test-set order from start', () => {
    const o = predictionsOutput('en', 'p', run, labels, { count: 4, start: 2 });
    if (o.kind !== 'predictions') throw new Error(o.kind);
    expect(o.predictions.filter).toBe('all');
    expect(o.predictions.sort).toBe('index');
    expect(o.predictions.indices).toHaveLength(8);
    expect([o.predictions.start, o.predictions.pageSize]).toEqual([2, 4]);
  });

  it('a label/prediction filter keeps only its images; bad options are refused in words', () => {
    const o = predictionsOutput('en', 'p', run, labels, { filter: { label: 4, predicted: 9 } });
    if (o.kind !== 'predictions') throw new Error(o.kind);
    expect(Array.from(o.predictions.indices)).toEqual([3, 4]);
    expect(() => predictionsOutput('en', 'p', run, labels, { filter: { label: 11 } })).toThrow(/filter must be/);
    expect(() => predictionsOutput('en', 'p', run, labels, { filter: 'wrong' as never })).toThrow(/filter must be/);
    expect(() => predictionsOutput('en', 'p', run, labels, { sort: 'size' as never })).toThrow(/sort must be/);
    expect(() => predictionsOutput('es', 'p', { ...run, probabilities: null }, labels, { filter: 'mistakes' })).toThrow(/probabilidades/);
    const plain = predictionsOutput('en', 'p', { ...run, probabilities: null }, labels, { filter: 'mistakes', sort: 'index' });
    if (plain.kind !== 'predictions') throw new Error(plain.kind);
    expect(plain.predictions.top).toHaveLength(0);
    expect(outputProblem(plain)).toBeNull();
  });

  it('shape check: an index outside the test set, or a page too big, is refused', () => {
    const o = predictionsOutput('en', 'p', run, labels, {});
    if (o.kind !== 'predictions') throw new Error(o.kind);
    expect(outputProblem({ ...o, predictions: { ...o.predictions, indices: Uint16Array.from([0, 1, 2, 3, 4, 5, 6, 99]) } })?.code).toBe('predictions');
    expect(outputProblem({ ...o, predictions: { ...o.predictions, pageSize: 5000 } })?.code).toBe('predictions');
    expect(outputProblem({ ...o, predictions: { ...o.predictions, top: new Uint8Array(3) } })?.code).toBe('predictions');
  });
});
