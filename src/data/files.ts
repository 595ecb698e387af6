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

/** Images or labels in each file (the header's count must say this). */
export const MNIST_COUNTS: Record<MnistFileKey, number> = {
  trainImages: 60000,
  trainLabels: 60000,
  testImages: 10000,
  testLabels: 10000,
};

/**
 * SHA-256 of each IDX file once decompressed. The source files are fixed (scripts/prepare-mnist.mjs
 * refuses any whose MD5 and SHA-256 differ from these), so the digests are constants rather than a
 * generated manifest: they check the data whether the server sends the .gz as is or the browser
 * decodes it (Content-Encoding: gzip), and whatever zlib made the .gz; and a proxy that corrupts the
 * data cannot also corrupt a manifest served beside it.
 */
export const MNIST_IDX_SHA256: Record<MnistFileKey, string> = {
  trainImages: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  trainLabels: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  testImages: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  testLabels: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};
