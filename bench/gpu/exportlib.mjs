// The export (issue 17) for bench/gpu/run.mjs --write-export: pure code, loads without a GPU.
export { exportFiles } from '../../src/export/index.ts';
