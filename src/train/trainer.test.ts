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
