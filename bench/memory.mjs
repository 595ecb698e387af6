// The memory suite's arithmetic (bench/suites/95-memory.mjs), kept pure so it can be tested.

export const MB = 1e6;
/** No growth across runs: last − first ≤ 5% of the first, or ≤ 8 MB (whichever is larger), after a GC. */
export const GROWTH_FRACTION = 0.05;
export const GROWTH_BYTES = 8 * MB;
/** The whole app with all four backends initialised. */
export const BUDGET_BYTES = 400 * MB;

/** Whether `last` is within the allowed growth over `first` (shrinking always is). */
export function flat(first, last) {
  const allowed = Math.max(GROWTH_FRACTION * first, GROWTH_BYTES);
  return { growth: last - first, allowed, pass: last - first <= allowed };
}

/**
 * The whole app's bytes from one reading, each buffer once. With the browser's measure (`ua`:
 * measureUserAgentSpecificMemory: the JS memory of the page and each worker, ArrayBuffers, shared ones
 * and wasm memories included) a SharedArrayBuffer is counted in every context that maps it, so the
 * workers pool's shared buffers (`poolShared` bytes, mapped by each of `poolWorkers` workers and by the
 * page) are taken out once per worker; GPU buffers live outside any JS heap and are added. Without
 * `ua` (not isolated): the page's heap, its shared buffers and the wasm memory (workers unmeasured).
 */
export function appBytes({ ua, pageHeap = 0, sharedBytes = 0, wasmMemory = 0, gpuBufferBytes = 0, poolShared = 0, poolWorkers = 0 }) {
  if (!ua) return pageHeap + sharedBytes + wasmMemory + gpuBufferBytes;
  return ua.bytes - Math.min(poolWorkers * poolShared, ua.workers) + gpuBufferBytes;
}

export const mb = (x) => (Number.isFinite(x) ? `${(x / MB).toFixed(1)} MB` : '—');
