/** A set of MNIST-like samples: pixels stay bytes; normalisation happens where batches are made. */
export interface Dataset {
  readonly images: Uint8Array; // count × rows × cols, 0..255
  readonly labels: Uint8Array; // count, 0..9
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

export interface Mnist {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** The first n samples of a dataset, as views (no copy). */
export function sliceDataset(d: Dataset, n: number): Dataset {
  const count = Math.max(0, Math.min(n, d.count));
  const px = d.rows * d.cols;
  return { images: d.images.subarray(0, count * px), labels: d.labels.subarray(0, count), count, rows: d.rows, cols: d.cols };
}

/** Whether a view's memory is a SharedArrayBuffer (posting it to a worker then shares, never copies). */
export function isSharedView(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

/** True where this page (or worker) may make SharedArrayBuffers: cross-origin isolated. */
export function sharedMemoryAllowed(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/**
 * The dataset with its pixels and labels copied into one SharedArrayBuffer (pixels first, labels
 * after them): made once per page when the set is loaded, every backend then reads this one copy,
 * and the workers pool and the wasm worker get views of it instead of copies. Already shared: itself.
 */
export function sharedDataset(d: Dataset): Dataset {
  if (isSharedView(d.images) && isSharedView(d.labels)) return d;
  const px = d.count * d.rows * d.cols;
  const buf = new SharedArrayBuffer(px + d.count);
  const images = new Uint8Array(buf, 0, px);
  const labels = new Uint8Array(buf, px, d.count);
  images.set(d.images.subarray(0, px));
  labels.set(d.labels.subarray(0, d.count));
  return { images, labels, count: d.count, rows: d.rows, cols: d.cols };
}
