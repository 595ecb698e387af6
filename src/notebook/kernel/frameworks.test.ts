// tfjs.* (lesson 11): the pure parts, and the Keras-style model against the reference on TF.js's cpu
// backend: same seeded weights → same probabilities; one epoch in the same seeded order → the same losses.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { forward, train_epoch } from '../../mlp/reference';
import { makeSpec } from '../../mlp/spec';
import referenceSource from '../../mlp/reference.ts?raw';
import { functionSources, kerasWeights, linesOfCode, resolveTfjsOptions, seededBatches } from './frameworksCore';
import { countLines, tfjsSource } from './frameworks';
import { buildModel, trainEpoch } from './tfjsModel';

const spec = makeSpec(128);

function fakeData(n: number, seed: number) {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  const images = Uint8Array.from({ length: n * 784 }, () => next() % 256);
  const labels = Uint8Array.from({ length: n }, () => next() % 10);
  return { images, labels };
}

function modelWith(params: Float32Array, lr: number) {
  const model = buildModel(tf, lr);
  const w = kerasWeights(spec, params);
  model.layers[0].setWeights([tf.tensor2d(w.kernel1, [784, 128]), tf.tensor1d(w.bias1)]);
  model.layers[1].setWeights([tf.tensor2d(w.kernel2, [128, 10]), tf.tensor1d(w.bias2)]);
  return model;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfjs options', () => {
  it('take the call over the knobs over the defaults, and refuse an unknown backend', () => {
    expect(resolveTfjsOptions({ epochs: 3, batchSize: 64, backend: 'js' }, { batchSize: 16, backend: 'cpu' })).toEqual({
      backend: 'cpu', epochs: 3, batchSize: 16, learningRate: 0.1, samples: 60000, seed: 42, warmup: true, label: 'tfjs-cpu',
    });
    expect(resolveTfjsOptions({}, {})).toMatchObject({ backend: 'wasm', label: 'tfjs-wasm' });
    expect(resolveTfjsOptions({}, { backend: 'webgl' as never })).toEqual({ badBackend: 'webgl' });
    expect(() => resolveTfjsOptions({}, { batchSize: 0 })).toThrow(/batchSize/);
  });
});

describe('lines of code', () => {
  it('counts code, not blank lines or comments', () => {
    expect(linesOfCode('// a\n\nconst x = 1; // b\n/* c\n * d\n */\nreturn x;\n')).toBe(2);
  });
  it('cuts out whole top-level functions by name', () => {
    const [relu] = functionSources(referenceSource, ['relu_forward']);
    expect(relu.split('\n')[0]).toMatch(/^export function relu_forward\(/);
    expect(relu.endsWith('\n}')).toBe(true);
    expect(linesOfCode(relu)).toBe(3);
    expect(() => functionSources(referenceSource, ['no_such_function'])).toThrow(/no_such_function/);
  });
  it('counts the framework code shown and our reference', () => {
    const n = countLines();
    expect(tfjsSource()).toContain('model.fitDataset');
    expect(n.tfjs.lines).toBe(linesOfCode(tfjsSource()));
    expect(n.tfjs.lines).toBeGreaterThan(5);
    expect(n.ours.lines).toBeGreaterThan(3 * n.tfjs.lines);
  });
});

describe('the Keras-style model on the app\'s weights and batches', () => {
  it('kerasWeights transposes out × in into in × out', () => {
    const params = initParams(spec, 3);
    const w = kerasWeights(spec, params);
    // W1[o=5][c=7] is at 5 * 784 + 7; the Keras kernel1[c=7][o=5] at 7 * 128 + 5
    expect(w.kernel1[7 * 128 + 5]).toBe(params[5 * 784 + 7]);
    expect(w.kernel1.length).toBe(784 * 128);
    expect(w.kernel2.length).toBe(128 * 10);
  });

  it('seededBatches forms the batches train() forms: pixels / 255, one-hot labels, a shorter last batch', () => {
    const { images, labels } = fakeData(5, 1);
    const batches = [...seededBatches(images, labels, [4, 2, 0, 1, 3], 2)];
    expect(batches.map((b) => b.n)).toEqual([2, 2, 1]);
    expect(batches[0].xs[784 + 10]).toBeCloseTo(images[2 * 784 + 10] / 255, 7);
    expect([...batches[2].ys]).toEqual(Array.from({ length: 10 }, (_, v) => (v === labels[3] ? 1 : 0)));
  });

  it('gives the reference\'s probabilities from the same seeded weights', () => {
    const { images, labels } = fakeData(8, 2);
    const params = initParams(spec, 42);
    const model = modelWith(params, 0.1);
    const x = Float32Array.from(images, (v) => v / 255);
    const ours = forward(spec, params, x, labels, 8).probs;
    const theirs = tf.tidy(() => (model.predict(tf.tensor2d(x, [8, 784])) as tf.Tensor).dataSync());
    for (let i = 0; i < ours.length; i++) expect(theirs[i]).toBeCloseTo(ours[i], 5);
    model.dispose();
  });

  it('trains one epoch in the same seeded order to the reference\'s mean loss, leaking no tensors', async () => {
    const n = 96, batchSize = 32, lr = 0.1;
    const { images, labels } = fakeData(n, 3);
    const params = initParams(spec, 42);
    const order = epochPermutation(n, 42, 0);
    const model = modelWith(params, lr);
    const before = tf.memory().numTensors;
    const loss = await trainEpoch(tf, model, () => seededBatches(images, labels, order, batchSize));
    expect(tf.memory().numTensors).toBe(before);
    const ours = train_epoch(spec, Float32Array.from(params), { images, labels }, order, batchSize, lr);
    const mean = ours.reduce((a, b) => a + b, 0) / ours.length;
    expect(loss).toBeCloseTo(mean, 3);
    model.dispose();
  });
});
