// npm run build:wasm — builds the three variants of the same C sources with Emscripten (emcc):
//   mlp-scalar   one thread, no SIMD: the sequential-C baseline
//   mlp-simd     one thread, SIMD128 micro-kernels (also the fallback without cross-origin isolation)
//   mlp-simd-mt  SIMD128 + a pthread pool (needs SharedArrayBuffer, i.e. cross-origin isolation)
// Usage: node wasm/build.mjs [outDir]   (default wasm/dist). Debian's emcc needs
// NODE_PATH=/usr/share/nodejs to find acorn; it is set here when missing.
//        node wasm/build.mjs --kernels outDir   the per-kernel test build (never committed), made
//        and checked by src/backends/wasm/kernels.test.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCES = ['train.c', 'matmul.c', 'elementwise.c', 'softmax.c', 'gather.c', 'pool.c', 'race.c', 'omplab.c', 'peak.c'];
const EXPORTS = [
  'mlp_init', 'mlp_params', 'mlp_reserve_batch', 'mlp_reserve_data', 'mlp_labels', 'mlp_reserve_order',
  'mlp_batch_losses', 'mlp_train_batches', 'mlp_set_threads', 'mlp_threads', 'mlp_timing_reset',
  'mlp_timing', 'mlp_heap', 'race_demo', 'mlp_inject_fault',
  'omp_out', 'omp_hello', 'omp_sum', 'omp_schedule', 'omp_false_sharing', 'omp_gradients',
  'mlp_reserve_eval', 'mlp_eval_labels', 'mlp_eval_probs', 'mlp_eval_predictions', 'mlp_evaluate', 'mlp_peak',
];

// The WASM heap is fixed (no growth: growing a shared heap is slow and would move every view).
export const HEAP_MIB = 256;
const POOL_MAX_THREADS = 8; // keep in step with pool.h
const common = (exports, heapMiB) => [
  '-O3', '-std=gnu11', '-Wall', '-Werror',
  '-sMODULARIZE=1', '-sEXPORT_ES6=1', '-sEXPORT_NAME=createMlpModule',
  '-sENVIRONMENT=web,worker', '-sFILESYSTEM=0', '--no-entry',
  `-sINITIAL_MEMORY=${heapMiB * 1024 * 1024}`, '-sALLOW_MEMORY_GROWTH=0', '-sTOTAL_STACK=1048576',
  `-sEXPORTED_FUNCTIONS=${JSON.stringify(exports.map((f) => `_${f}`))}`,
];

export const VARIANTS = {
  'mlp-scalar': [],
  'mlp-simd': ['-msimd128'],
  // The calling thread is one of the POOL_MAX_THREADS, so the pool needs one Worker fewer.
  'mlp-simd-mt': ['-msimd128', '-pthread', `-sPTHREAD_POOL_SIZE=${POOL_MAX_THREADS - 1}`, '-sDEFAULT_PTHREAD_STACK_SIZE=131072'],
};

// The per-kernel test build: the reference's twins in mlp.h, each exported alone, plus malloc and
// free; one thread (threads split rows, never a sum), in both the scalar and the SIMD flavour.
export const KERNELS = ['matmul_forward', 'matmul_backward', 'matmul_forward_relu', 'matmul_backward_relu', 'relu_forward', 'relu_backward', 'softmax_xent', 'sgd_update', 'gather_batch'];
const KERNEL_SOURCES = ['matmul.c', 'elementwise.c', 'softmax.c', 'gather.c', 'pool.c'];
const KERNEL_HEAP_MIB = 16;
export const KERNEL_VARIANTS = { 'kernels-scalar': VARIANTS['mlp-scalar'], 'kernels-simd': VARIANTS['mlp-simd'] };

export function emccAvailable() {
  return spawnSync('emcc', ['--version'], { encoding: 'utf8' }).status === 0;
}

function emcc(outDir, name, args) {
  mkdirSync(outDir, { recursive: true });
  const env = { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' };
  // Relative paths only, run from wasm/, so nothing machine-specific ends up in the output.
  const out = relative(here, join(resolve(outDir), `${name}.js`));
  const r = spawnSync('emcc', [...args, '-o', out], { cwd: here, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`emcc failed for ${name} (exit ${r.status}):\n${r.stderr || r.error}`);
  // emcc marks .wasm executable; a fixed mode keeps two builds (and git) identical
  for (const f of readdirSync(outDir)) if (f.startsWith(`${name}.`)) chmodSync(join(outDir, f), 0o644);
  return out;
}

export function build(outDir = join(here, 'dist')) {
  for (const [name, flags] of Object.entries(VARIANTS)) {
    console.log(`built ${emcc(outDir, name, [...common(EXPORTS, HEAP_MIB), ...flags, ...SOURCES])}`);
  }
}

export function buildKernels(outDir) {
  const exports = [...KERNELS, 'malloc', 'free'];
  for (const [name, flags] of Object.entries(KERNEL_VARIANTS)) {
    emcc(outDir, name, [...common(exports, KERNEL_HEAP_MIB), ...flags, ...KERNEL_SOURCES]);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--kernels') {
    // node wasm/build.mjs --kernels outDir: the per-kernel test build
    if (!emccAvailable()) throw new Error('the per-kernel C checks need emcc (Emscripten; Debian: apt-get install emscripten)');
    buildKernels(resolve(process.argv[3]));
  } else {
    build(process.argv[2] ? resolve(process.argv[2]) : undefined);
  }
}
