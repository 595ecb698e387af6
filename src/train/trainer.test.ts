import { expect, it } from 'vitest';
import { JsBackend } from '../backends/js/index';
import { initParams } from '../mlp/init';
import { makeSpec } from '../mlp/spec';
import { loadMnistNode } from '../test/mnistNode';
import { trainEpochs } from './trainer';

it('rejects invalid hyperparameters before any work starts, naming each with its range', async () => {
  const { train } = loadMnistNode();
  const js = new JsBackend();
  await js.init(makeSpec(16), initParams(makeSpec(16), 1));
  await js.setData(train);
  const before = await js.getParams();
  await expect(trainEpochs(js, { batchSize: 0 }, train, null)).rejects.toThrowError(/batchSize must be an integer between 1 and 60000, got 0/);
  await expect(trainEpochs(js, { learningRate: NaN }, train, null)).rejects.toThrowError(/learningRate must be a finite number in \(0, 10\], got NaN/);
  await expect(trainEpochs(js, { learningRate: -0.1 }, train, null)).rejects.toThrowError(/got -0.1/);
  await expect(trainEpochs(js, { hiddenSize: 4 }, train, null)).rejects.toThrowError(/hidden must be an integer between 16 and 1024, got 4/);
  expect(await js.getParams()).toEqual(before); // nothing ran
});

it("evaluateEvery: 'epoch' measures the test set after each epoch, outside the epoch's time, equal to evaluateWith on the params then", async () => {
  const { train, test } = loadMnistNode();
  const { sliceDataset } = await import('../data/dataset');
  const { evaluateWith } = await import('../backends/evaluate');
  const data = sliceDataset(train, 2000), spec = makeSpec(32);
  const js = new JsBackend();
  await js.init(spec, initParams(spec, 7));
  await js.setData(data);
  const seen: Float32Array[] = [];
  const evaluate = js.evaluate.bind(js);
  const SLOW = 800; // an evaluation made slower than a whole epoch: any of it inside an epoch would show
  js.evaluate = async (d) => { seen.push(await js.getParams()); await new Promise((r) => setTimeout(r, SLOW)); return evaluate(d); };
  const r = await trainEpochs(js, { hiddenSize: 32, epochs: 2, batchSize: 50, seed: 7 }, data, test, { evaluateEvery: 'epoch' });
  expect(r.evaluations.map((e) => e.epoch)).toEqual([0, 1]);
  expect(seen).toHaveLength(2); // once per epoch, and the last one is the run's evaluation (not a third pass)
  for (let e = 0; e < 2; e++) {
    const ref = evaluateWith(spec, seen[e], test);
    expect(r.evaluations[e].accuracy).toBe(ref.accuracy);
    expect(r.evaluations[e].loss).toBeCloseTo(ref.loss, 6);
    expect(r.evaluations[e].ms).toBeGreaterThanOrEqual(SLOW - 5);
    // the epoch's clock had stopped before the evaluation; its breakdown still adds up to its wall time
    expect(r.epochs[e].wallMs).toBeLessThan(SLOW - 5);
    expect(r.epochs[e].breakdown.reduce((s, p) => s + p.ms, 0)).toBeCloseTo(r.epochs[e].wallMs, 3);
  }
  expect(seen[0]).not.toEqual(seen[1]); // the second epoch trained between the two
  expect(r.evaluations[1].accuracy).toBeGreaterThan(0.5);
  expect(r.evaluation?.accuracy).toBe(r.evaluations[1].accuracy);
  expect(Array.from(r.params)).toEqual(Array.from(seen[1]));
});

it("does not evaluate per epoch without a test set or without evaluateEvery", async () => {
  const { train, test } = loadMnistNode();
  const { sliceDataset } = await import('../data/dataset');
  const data = sliceDataset(train, 500), spec = makeSpec(16);
  const js = new JsBackend();
  await js.init(spec, initParams(spec, 1));
  await js.setData(data);
  expect((await trainEpochs(js, { hiddenSize: 16, epochs: 2, batchSize: 50 }, data, test)).evaluations).toEqual([]);
  expect((await trainEpochs(js, { hiddenSize: 16, epochs: 2, batchSize: 50 }, data, null, { evaluateEvery: 'epoch' })).evaluations).toEqual([]);
});
