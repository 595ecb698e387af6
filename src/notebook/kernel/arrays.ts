// mnistArrays(): MNIST as plain arrays a cell can hand to tasks (delayed, chunks), the browser's
// `X_train[start:start + count]`. A copy, never a view: a cell that writes into it cannot change the
// data train() reads.
import { t } from '../../i18n';
import type { Dataset, Mnist } from '../../data/dataset';
import { formatValue } from './format';
import type { Lang } from './protocol';

export interface MnistArraysOptions {
  /** which set (default 'train') */
  set?: 'train' | 'test';
  /** the first image (default 0) */
  start?: number;
  /** how many images (default 1000; at most what the set has from `start`) */
  count?: number;
}

export interface MnistArrays {
  /** count × 784 pixels, 0–255, one image after another (a copy) */
  images: Uint8Array;
  /** count labels, 0–9 (a copy) */
  labels: Uint8Array;
  count: number;
  /** pixels per image (784) */
  size: number;
}

export function mnistArrays(data: Mnist, o: MnistArraysOptions, lang: Lang): MnistArrays {
  const set = o.set ?? 'train';
  if (set !== 'train' && set !== 'test') throw new RangeError(t(lang, 'arraysBadSet', { got: formatValue(set) }));
  const d: Dataset = data[set];
  const start = o.start ?? 0, count = o.count ?? Math.min(1000, d.count - start);
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(start, 0, d.count - 1)) throw new RangeError(t(lang, 'arraysBadStart', { max: d.count - 1, got: formatValue(start) }));
  if (!int(count, 1, d.count - start)) throw new RangeError(t(lang, 'arraysBadCount', { max: d.count - start, got: formatValue(count) }));
  const size = d.rows * d.cols;
  return {
    images: d.images.slice(start * size, (start + count) * size),
    labels: d.labels.slice(start, start + count),
    count, size,
  };
}
