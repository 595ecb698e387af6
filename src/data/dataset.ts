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
