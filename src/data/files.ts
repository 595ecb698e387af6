// The four files of MNIST as served from public/mnist/ (gzip, written at install time).
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;
export type MnistFileKey = keyof typeof MNIST_FILES;
