import { describe, expect, it } from 'vitest';
import { makeSpec, paramLayout } from '../mlp/spec';
import { modelProblem, type TrainedModel } from './model';

const meta = { label: 'js', backend: 'js', accuracy: 0.9, samples: 2000, epochs: 1, batchSize: 128, learningRate: 0.1, seed: 42, createdAt: 0 };
const good = (hidden = 32): TrainedModel => ({ spec: makeSpec(hidden), params: new Float32Array(paramLayout(makeSpec(hidden)).total), meta });

describe('modelProblem', () => {
  it('accepts a model whose parameters fit its spec', () => {
    expect(modelProblem(good())).toBeNull();
    expect(modelProblem(good(128))).toBeNull();
  });
  it('names what is wrong with a broken one', () => {
    expect(modelProblem(null)).toBe('not an object');
    expect(modelProblem({ ...good(), spec: { inputSize: 100, hiddenSize: 32, outputSize: 10 } })).toMatch(/784/);
    expect(modelProblem({ ...good(), params: new Float32Array(10) })).toMatch(/10 values.*needs 25450/);
    expect(modelProblem({ ...good(), params: Array.from(good().params) })).toMatch(/Float32Array/);
    const nan = good();
    nan.params[7] = NaN;
    expect(modelProblem(nan)).toMatch(/params\[7\]/);
    expect(modelProblem({ ...good(), spec: { inputSize: 784, hiddenSize: 3, outputSize: 10 } })).toMatch(/hidden size/);
    expect(modelProblem({ spec: good().spec, params: good().params })).toBe('meta is missing');
  });
});
