import { describe, expect, it } from 'vitest';
import { JsBackend } from '../../backends/js';
import { resolveConfig } from '../../train/config';
import { prepareBackend, trainEpochs } from '../../train/trainer';
import { mulberry32 } from '../../mlp/random';
import { runTasks } from '../run';
import { accuracyOf, averageProbabilities, bootstrapRows, gridConfigs, randomConfigs, validationSplit } from './sampling';
import { baggingTasks, retrainTask, searchTasks, sharedBytes } from './tasks';
import { trainTrial, type PixelSet, type TrialPayload, type TrialResult } from './trial';

/** n synthetic 28×28 images whose label is written as a bright band (learnable in a few steps). */
function fakeSet(n: number, seed: number): PixelSet {
  const r = mulberry32(seed);
  const images = new Uint8Array(n * 784), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(r() * 10);
    for (let c = 0; c < 784; c++) images[i * 784 + c] = Math.floor(r() * 40);
    for (let c = labels[i] * 70; c < labels[i] * 70 + 70; c++) images[i * 784 + c] = 255;
  }
  return { images, labels };
}
const env = { worker: 0, store: new Map<string, unknown>(), signal: new AbortController().signal };

describe('grid and random configurations', () => {
  it('expands a grid into its cartesian product, first axis slowest, defaults for missing axes', () => {
    const c = gridConfigs({ learningRate: [0.05, 0.1], batchSize: [32, 64, 128] });
    expect(c).toHaveLength(6);
    expect(c.map((x) => [x.learningRate, x.batchSize])).toEqual([[0.05, 32], [0.05, 64], [0.05, 128], [0.1, 32], [0.1, 64], [0.1, 128]]);
    expect(new Set(c.map((x) => x.hidden))).toEqual(new Set([128]));
    expect(() => gridConfigs({ momentum: [0.9] } as never)).toThrow(/unknown hyperparameter "momentum"/);
    expect(() => gridConfigs({ batchSize: [] })).toThrow(/non-empty/);
  });

  it('draws seeded random configurations inside their ranges', () => {
    const space = { learningRate: { min: 0.001, max: 0.5, log: true }, batchSize: [32, 64, 128], hidden: { min: 32, max: 256 } };
    const a = randomConfigs(space, 20, 7), b = randomConfigs(space, 20, 7), c = randomConfigs(space, 20, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) {
      expect(x.learningRate).toBeGreaterThanOrEqual(0.001);
      expect(x.learningRate).toBeLessThanOrEqual(0.5);
      expect([32, 64, 128]).toContain(x.batchSize);
      expect(Number.isInteger(x.hidden) && x.hidden >= 32 && x.hidden <= 256).toBe(true);
    }
    // log-uniform: about half the draws below the geometric mean (√(0.001·0.5) ≈ 0.022), not ~4% as uniform would give
    const below = randomConfigs(space, 400, 1).filter((x) => x.learningRate < Math.sqrt(0.001 * 0.5)).length;
    expect(below).toBeGreaterThan(150);
    expect(below).toBeLessThan(250);
    expect(new Set(a.map((x) => x.learningRate)).size).toBeGreaterThan(10);
  });
});

describe('the validation split (the test set is never used in a search)', () => {
  it('splits the first `samples` training rows into disjoint training and validation rows', () => {
    const s = validationSplit(10_000, 0.2, 3);
    expect(s.train.length).toBe(8000);
    expect(s.validation.length).toBe(2000);
    const all = [...s.train, ...s.validation];
    expect(new Set(all).size).toBe(10_000); // disjoint and complete
    expect(Math.max(...all)).toBe(9999); // rows of the training set's first 10,000 (< 60,000)
    expect(validationSplit(10_000, 0.2, 3)).toEqual(s);
    expect(validationSplit(10_000, 0.2, 4).validation).not.toEqual(s.validation);
  });

  it('gives every trial only the training set: no task of a search carries the test set', () => {
    const train = fakeSet(100, 1), test = fakeSet(30, 2);
    const split = validationSplit(100, 0.2, 1);
    const tasks = searchTasks(gridConfigs({ learningRate: [0.1, 0.2] }), train, split, 1, 1);
    for (const task of tasks) {
      const p = task.payload as TrialPayload;
      expect(p.train).toBe(train);
      expect(p.evalSet).toBeUndefined();
      expect(p.evalRows).toBe(split.validation);
      const refs = Object.values(p).filter((v) => ArrayBuffer.isView(v) || (v && typeof v === 'object' && 'images' in v));
      for (const v of refs) expect(v === test || v === test.images || v === test.labels).toBe(false);
    }
    // the retrain is the one task evaluated on the test set
    expect((retrainTask({ learningRate: 0.1, batchSize: 64, hidden: 128 }, train, 100, test, 1, 1).payload as TrialPayload).evalSet).toBe(test);
  });
});

describe('bagging', () => {
  it('draws seeded bootstrap samples with replacement', () => {
    const a = bootstrapRows(10_000, 5);
    expect(a).toEqual(bootstrapRows(10_000, 5));
    expect(a).not.toEqual(bootstrapRows(10_000, 6));
    expect(Math.max(...a)).toBeLessThan(10_000);
    const distinct = new Set(a).size / 10_000;
    expect(distinct).toBeGreaterThan(0.6); // 1 − 1/e ≈ 0.632 distinct rows
    expect(distinct).toBeLessThan(0.66);
  });

  it('averages probabilities element-wise and scores their argmax', () => {
    const a = new Float32Array([0.9, 0.1, 0.2, 0.8]), b = new Float32Array([0.3, 0.7, 0.4, 0.6]);
    const m = averageProbabilities([a, b]);
    expect(Array.from(m).map((x) => Math.round(x * 100) / 100)).toEqual([0.6, 0.4, 0.3, 0.7]);
    expect(accuracyOf(m, [0, 1], 2)).toBe(1);
    expect(accuracyOf(b, [0, 1], 2)).toBe(0.5);
    expect(() => averageProbabilities([a, new Float32Array(2)])).toThrow(/different/);
  });

  it('gives each member its own bootstrap rows and seed', () => {
    const t = baggingTasks(3, { learningRate: 0.1, batchSize: 16, hidden: 16 }, fakeSet(50, 1), 50, fakeSet(10, 2), 1, 9);
    const ps = t.map((x) => x.payload as TrialPayload);
    expect(ps.map((p) => p.seed)).toEqual([9, 10, 11]);
    expect(ps[0].rows).not.toEqual(ps[1].rows);
    expect(ps.every((p) => p.returnProbabilities && p.rows.length === 50)).toBe(true);
  });
});

describe('the trial handler', () => {
  it('trains exactly what train() trains for the same config on the same rows', async () => {
    const set = fakeSet(96, 3);
    const rows = new Uint32Array(96).map((_, i) => i);
    const cfg = { learningRate: 0.1, batchSize: 16, hidden: 16 };
    const res = await trainTrial({ params: cfg, epochs: 2, seed: 4, train: set, rows, evalSet: set, returnParams: true }, env);
    const b = new JsBackend();
    const data = { images: set.images, labels: set.labels, count: 96, rows: 28, cols: 28 };
    const config = resolveConfig({ learningRate: 0.1, batchSize: 16, hiddenSize: 16, epochs: 2, seed: 4 });
    await prepareBackend(b, config, data);
    const direct = await trainEpochs(b, config, data, data);
    expect(res.params).toEqual(direct.params);
    expect(res.accuracy).toBe(direct.evaluation!.accuracy);
    expect(res.accuracy).toBeGreaterThan(0.3); // it learned the bands
    expect(res.ms).toBeGreaterThan(0);
  });

  it('evaluates on the validation rows and runs through runTasks with shared pixels', async () => {
    const set = fakeSet(200, 5);
    const shared = { images: sharedBytes(set.images), labels: sharedBytes(set.labels) };
    expect(shared.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sharedBytes(set.images)).toBe(shared.images); // copied once
    const split = validationSplit(200, 0.25, 2);
    const tasks = searchTasks(gridConfigs({ learningRate: [0.001, 0.2], batchSize: [16], hidden: [16] }), shared, split, 2, 1);
    const res = (await runTasks(tasks, { nJobs: 1 })) as TrialResult[];
    expect(res).toHaveLength(2);
    expect(res[1].accuracy).toBeGreaterThan(res[0].accuracy); // lr 0.2 learns the bands; 0.001 barely moves in 2 epochs
    expect(res.every((r) => r.params === undefined && r.worker === 0)).toBe(true);
    // accuracy is a fraction of the 50 validation rows
    expect(Math.round(res[1].accuracy * 50)).toBeCloseTo(res[1].accuracy * 50, 6);
  });
});
