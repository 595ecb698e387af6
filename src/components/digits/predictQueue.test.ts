// The request loop behind the pad's live predictions: one request at a time, the newest drawing wins,
// a Clear hides a late answer, a failure says why.
import { describe, expect, it } from 'vitest';
import { makeSpec, paramLayout } from '../../mlp/spec';
import type { TrainedModel } from '../../models/model';
import { PredictError } from '../../notebook/kernelClient';
import type { PredictResult } from '../../notebook/kernel/protocol';
import type { DigitsKernel } from './kernelContext';
import { PredictQueue } from './usePredictions';

const spec = makeSpec(16);
const model: TrainedModel = { spec, params: new Float32Array(paramLayout(spec).total), meta: { label: 'js', backend: 'js', accuracy: 0.9, samples: 1, epochs: 1, batchSize: 1, learningRate: 0.1, seed: 1, createdAt: 1 } };
const img = (v: number) => new Uint8Array(784).fill(v);

function fakeKernel() {
  const calls: { image: Uint8Array; resolve: (r: PredictResult[]) => void; reject: (e: Error) => void }[] = [];
  const dk = {
    kernel: {
      predict: (_m: TrainedModel, _k: string, image: Uint8Array) => new Promise<PredictResult[]>((resolve, reject) => calls.push({ image, resolve, reject })),
      latestModel: null, onModel: () => () => undefined, onRestart: () => () => undefined,
    },
    support: { js: true },
  } as unknown as DigitsKernel;
  return { dk, calls };
}
const answer = (): PredictResult[] => [{ backend: 'js', probabilities: new Float32Array(10).fill(0.1), ms: 1 }];
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('PredictQueue', () => {
  it('sends one request at a time and then only the newest drawing', async () => {
    const { dk, calls } = fakeKernel();
    const q = new PredictQueue();
    q.use({ dk, model, backends: ['js'] });
    q.request(img(1));
    q.request(img(2));
    q.request(img(3));
    await tick();
    expect(calls.map((c) => c.image[0])).toEqual([1]);
    calls[0].resolve(answer());
    await tick(300); // the next waits out the minimum gap
    expect(calls.map((c) => c.image[0])).toEqual([1, 3]);
    calls[1].resolve(answer());
    await tick();
    expect(q.state.image?.[0]).toBe(3);
    expect(q.state.results).toHaveLength(1);
  });

  it('hides an answer that comes after a Clear, and says why a request failed', async () => {
    const { dk, calls } = fakeKernel();
    const q = new PredictQueue();
    q.use({ dk, model, backends: ['js'] });
    q.request(img(1));
    await tick();
    q.request(null);
    calls[0].resolve(answer());
    await tick();
    expect(q.state.results).toBeNull();
    q.request(img(4));
    await tick(300);
    calls[1].reject(new PredictError('busy'));
    await tick();
    expect(q.state.problem).toBe('busy');
  });

  it('asks nothing without a model', async () => {
    const { dk, calls } = fakeKernel();
    const q = new PredictQueue();
    q.use({ dk, model: null, backends: ['js'] });
    q.request(img(1));
    await tick();
    expect(calls).toHaveLength(0);
  });
});
