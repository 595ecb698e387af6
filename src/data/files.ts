// The four files of MNIST as served from public/mnist/ (gzip, written at install time).
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;
export type MnistFileKey = keyof typeof MNIST_FILES;

/** Bytes of each IDX file once decompressed: its header, then one byte per pixel or label. */
export const MNIST_IDX_BYTES: Record<MnistFileKey, number> = {
  trainImages: 16 + 60000 * 28 * 28,
  trainLabels: 8 + 60000,
  testImages: 16 + 10000 * 28 * 28,
  testLabels: 8 + 10000,
};
