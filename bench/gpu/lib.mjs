// What bench/gpu/run.mjs uses from the app, unchanged: the webgpu backend, MNIST's checks, the JS
// reference. Imported by run.mjs after navigator.gpu and Dawn's GPU* globals exist.
export { WebGpuBackend } from '../../src/backends/webgpu/index.ts';
export { verifyMnistFile } from '../../src/data/mnist.ts';
export { MNIST_FILES } from '../../src/data/files.ts';
export { makeDataset } from '../../src/data/idx.ts';
export { sliceDataset } from '../../src/data/dataset.ts';
export { initParams } from '../../src/mlp/init.ts';
export { epochPermutation } from '../../src/mlp/random.ts';
export { train_epoch } from '../../src/mlp/reference.ts';
export { makeSpec, flopsPerSample } from '../../src/mlp/spec.ts';
export { maxAbsDiff } from '../../src/mlp/compare.ts';
export { showEpoch, backendText } from '../../src/i18n/backendText.ts';
export { REGISTER_TILING, SHARED_TILING, checkSharedTile, tileSides } from '../../src/backends/webgpu/pipelines.ts';
