import { expect, it } from 'vitest';
import { epochPermutation } from './random';
import { initParams } from './init';
import { train_epoch } from './reference';
import { makeSpec } from './spec';
import { loadMnistNode } from '../test/mnistNode';
import { evaluateWith } from '../backends/evaluate';

// The oracle itself learns: one epoch of the plain reference loops on all 60,000 real images.
it('reference: one epoch on the full training set reaches ≥ 90% test accuracy', () => {
  const { train, test } = loadMnistNode();
  const spec = makeSpec(128);
  const params = initParams(spec, 42);
  const order = epochPermutation(train.count, 42, 0);
  const B = 128;
  train_epoch(spec, params, train, order, B, 0.1, Math.floor(train.count / B)); // whole batches only
  const acc = evaluateWith(spec, params, test).accuracy;
  console.log(`reference one epoch (batch 128): test accuracy ${(acc * 100).toFixed(2)}%`);
  expect(acc).toBeGreaterThanOrEqual(0.9);
}, 300_000);
