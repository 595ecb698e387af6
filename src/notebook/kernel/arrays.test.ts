import { describe, expect, it } from 'vitest';
import type { Dataset, Mnist } from '../../data/dataset';
import { mnistArrays } from './arrays';

const set = (count: number, base: number): Dataset => ({
  images: Uint8Array.from({ length: count * 4 }, (_, i) => (base + i) % 256),
  labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count, rows: 2, cols: 2,
});
const data: Mnist = { train: set(20, 0), test: set(5, 100) };

describe('mnistArrays', () => {
  it('copies `count` images from `start`: pixels one image after another, and their labels', () => {
    const a = mnistArrays(data, { start: 3, count: 2 }, 'en');
    expect(a).toMatchObject({ count: 2, size: 4 });
    expect([...a.images]).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect([...a.labels]).toEqual([3, 4]);
    a.images[0] = 255;
    expect(data.train.images[12]).toBe(12); // a copy: train() still reads the real pixels
  });

  it('defaults to the first 1000 images of the training set, or as many as there are', () => {
    expect(mnistArrays(data, {}, 'en').count).toBe(20);
    expect(mnistArrays(data, { set: 'test' }, 'en').images[0]).toBe(100);
  });

  it('refuses a set, start or count out of range, naming the range', () => {
    expect(() => mnistArrays(data, { set: 'val' as 'train' }, 'en')).toThrow(/'train' or 'test'/);
    expect(() => mnistArrays(data, { start: 20 }, 'en')).toThrow(/from 0 to 19 \(got 20\)/);
    expect(() => mnistArrays(data, { start: 15, count: 6 }, 'es')).toThrow(/de 1 a 5 \(recibió 6\)/);
    expect(() => mnistArrays(data, { count: 1.5 }, 'en')).toThrow(/count must be an integer/);
  });
});
