import { describe, expect, it } from 'vitest';
import { isSharedView, sharedDataset, sliceDataset, type Dataset } from './dataset';

function tiny(count: number): Dataset {
  const images = new Uint8Array(count * 4).map((_, i) => i % 256);
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  return { images, labels, count, rows: 2, cols: 2 };
}

describe('sharedDataset: the training set held once, in shared memory', () => {
  it('copies pixels and labels into one SharedArrayBuffer, values unchanged', () => {
    const d = tiny(5);
    const s = sharedDataset(d);
    expect(isSharedView(s.images)).toBe(true);
    expect(s.labels.buffer).toBe(s.images.buffer);
    expect(s.images.buffer.byteLength).toBe(5 * 4 + 5);
    expect(Array.from(s.images)).toEqual(Array.from(d.images));
    expect(Array.from(s.labels)).toEqual(Array.from(d.labels));
    expect([s.count, s.rows, s.cols]).toEqual([5, 2, 2]);
  });

  it('returns a set already shared as it is, and slices of it stay views of the one buffer', () => {
    const s = sharedDataset(tiny(6));
    expect(sharedDataset(s)).toBe(s);
    const part = sliceDataset(s, 3);
    expect(part.images.buffer).toBe(s.images.buffer);
    expect(isSharedView(part.labels)).toBe(true);
    expect(Array.from(part.labels)).toEqual([0, 1, 2]);
  });

  it('does not count a plain ArrayBuffer as shared', () => {
    expect(isSharedView(tiny(2).images)).toBe(false);
  });
});
