import { describe, expect, it } from 'vitest';
import { loadMnistNode, readRaw } from '../test/mnistNode';
import { IdxError, makeDataset, parseIdxImages, parseIdxLabels } from './idx';

function idx(words: number[], body: number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4 + body.length);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  out.set(body, words.length * 4);
  return out;
}

describe('IDX parser', () => {
  it('parses a tiny valid image and label file', () => {
    const imgs = parseIdxImages(idx([2051, 2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), 'x', 2, 2);
    expect(imgs.count).toBe(2);
    expect(Array.from(imgs.pixels)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(parseIdxLabels(idx([2049, 3], [0, 9, 4]), 'y'))).toEqual([0, 9, 4]);
  });

  it('rejects a truncated image file, naming the file and the size', () => {
    const full = readRaw('t10k-images-idx3-ubyte');
    const cut = full.subarray(0, full.length - 100);
    expect(() => parseIdxImages(cut, 't10k-images-idx3-ubyte')).toThrowError(
      /^t10k-images-idx3-ubyte: truncated: 7839916 bytes, header promises 10000 images/,
    );
  });

  it('rejects a truncated header', () => {
    expect(() => parseIdxLabels(new Uint8Array(5), 'lbl')).toThrowError(/^lbl: truncated header/);
  });

  it('rejects a wrong magic number with its own message', () => {
    const labels = readRaw('t10k-labels-idx1-ubyte');
    expect(() => parseIdxImages(labels, 't10k-labels-idx1-ubyte')).toThrowError(
      /wrong magic number 2049, expected 2051/,
    );
    const e = (() => { try { parseIdxLabels(idx([2051, 1], [0]), 'f'); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(IdxError);
    expect((e as IdxError).problem).toMatch(/wrong magic number 2051, expected 2049/);
  });

  it('rejects a label/image count mismatch', () => {
    const imgs = parseIdxImages(idx([2051, 2, 1, 1], [1, 2]), 'imgs', 1, 1);
    const labels = parseIdxLabels(idx([2049, 3], [0, 1, 2]), 'lbls');
    expect(() => makeDataset(imgs, labels, 'imgs', 'lbls')).toThrowError(
      'imgs + lbls: count mismatch: 2 images but 3 labels',
    );
  });

  it('rejects wrong dimensions and out-of-range labels', () => {
    expect(() => parseIdxImages(idx([2051, 1, 3, 3], new Array(9).fill(0)), 'd')).toThrowError(/3×3, expected 28×28/);
    expect(() => parseIdxLabels(idx([2049, 1], [12]), 'l')).toThrowError(/label 12 at index 0/);
  });

  it('gives each fault a code and its numbers, for the page to say in the student\'s language', () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return [(e as IdxError).code, (e as IdxError).params]; } return null; };
    expect(code(() => parseIdxLabels(new Uint8Array(5), 'l'))).toEqual(['header', { bytes: 5, expected: 8 }]);
    expect(code(() => parseIdxLabels(idx([2051, 1], [0]), 'l'))).toEqual(['magic', { got: 2051, expected: 2049 }]);
    expect(code(() => parseIdxImages(idx([2051, 1, 3, 3], new Array(9).fill(0)), 'd'))).toEqual(['dims', { rows: 3, cols: 3, expectRows: 28, expectCols: 28 }]);
    expect(code(() => parseIdxLabels(idx([2049, 3], [0, 1]), 'l'))).toEqual(['truncated', { bytes: 10, count: 3, expected: 11 }]);
    expect(code(() => parseIdxLabels(idx([2049, 1], [0, 1]), 'l'))).toEqual(['trailing', { extra: 1, count: 1 }]);
    expect(code(() => parseIdxLabels(idx([2049, 2], [0, 10]), 'l'))).toEqual(['label', { label: 10, index: 1, max: 9 }]);
  });

  it('reads the real MNIST: 60000/10000 samples, 6742 ones in the training labels', () => {
    const { train, test } = loadMnistNode();
    expect(train.count).toBe(60000);
    expect(test.count).toBe(10000);
    expect(train.images.length).toBe(60000 * 784);
    let ones = 0;
    for (const l of train.labels) if (l === 1) ones++;
    expect(ones).toBe(6742);
  });
});
