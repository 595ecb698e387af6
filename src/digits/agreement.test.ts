import { describe, expect, it } from 'vitest';
import { agreement, argmax, setAccuracy } from './agreement';
import type { PredictResult } from '../notebook/kernel/protocol';

const probs = (...rows: number[][]) => Float32Array.from(rows.flat());
const onehot = (c: number, p = 0.91) => Array.from({ length: 10 }, (_, i) => (i === c ? p : (1 - p) / 9));

describe('agreement between backends', () => {
  it('agrees when every backend names the same class, and measures the largest difference', () => {
    const r: PredictResult[] = [
      { backend: 'js', probabilities: probs(onehot(3, 0.9)), ms: 1 },
      { backend: 'wasm', probabilities: probs(onehot(3, 0.8)), ms: 2 },
      { backend: 'webgpu', ms: 0, error: 'no adapter' },
    ];
    const a = agreement(r);
    expect(a.agree).toBe(true);
    expect(a.answers.map((x) => x.backend)).toEqual(['js', 'wasm']);
    expect(a.answers[1].predicted).toBe(3);
    expect(a.maxDiff).toBeCloseTo(0.1, 5);
  });

  it('disagrees when one backend names another class; none answering is not agreement', () => {
    const a = agreement([{ backend: 'js', probabilities: probs(onehot(1)), ms: 1 }, { backend: 'workers', probabilities: probs(onehot(7)), ms: 1 }]);
    expect(a.agree).toBe(false);
    expect(agreement([{ backend: 'js', ms: 0, error: 'x' }]).agree).toBe(false);
  });

  it('reads image i of a batch and counts a labelled set right per backend', () => {
    const p = probs(onehot(0), onehot(5), onehot(2));
    expect(argmax(p, 10)).toBe(5);
    expect(agreement([{ backend: 'js', probabilities: p, ms: 1 }], 2).answers[0].predicted).toBe(2);
    expect(setAccuracy([{ backend: 'js', probabilities: p, ms: 1 }], [0, 5, 3])).toEqual([{ backend: 'js', correct: 2, total: 3 }]);
  });
});
