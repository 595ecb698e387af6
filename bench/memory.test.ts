import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { appBytes, BUDGET_BYTES, flat, GROWTH_BYTES, MB } from './memory.mjs';

describe('bench memory: no growth across runs', () => {
  it('allows 8 MB on a small app and 5% on a large one, never more', () => {
    expect(flat(100 * MB, 100 * MB + GROWTH_BYTES).pass).toBe(true);
    expect(flat(100 * MB, 100 * MB + GROWTH_BYTES + 1).pass).toBe(false);
    expect(flat(400 * MB, 419 * MB).pass).toBe(true); // 5% of 400 MB = 20 MB
    expect(flat(400 * MB, 421 * MB).pass).toBe(false);
    expect(flat(400 * MB, 421 * MB).growth).toBe(21 * MB);
  });

  it('passes a shrinking app', () => {
    expect(flat(300 * MB, 200 * MB).pass).toBe(true);
  });
});

describe('bench memory: the whole app, each buffer once', () => {
  it('takes the pool\'s shared buffers out once per worker and adds the GPU buffers', () => {
    // page 110 MB (maps the 48 MB pool buffers), 2 pool workers of 49 MB each (1 MB heap + the same 48 MB)
    const ua = { bytes: 110 * MB + 98 * MB, page: 110 * MB, workers: 98 * MB };
    expect(appBytes({ ua, poolShared: 48 * MB, poolWorkers: 2, gpuBufferBytes: 54 * MB })).toBe(110 * MB + 2 * MB + 54 * MB);
  });

  it('never takes out more than the workers were measured at', () => {
    const ua = { bytes: 100 * MB, page: 99 * MB, workers: 1 * MB };
    expect(appBytes({ ua, poolShared: 48 * MB, poolWorkers: 2 })).toBe(99 * MB);
  });

  it('without the browser measure, adds the page heap, shared buffers and wasm memory', () => {
    expect(appBytes({ ua: null, pageHeap: 60 * MB, sharedBytes: 50 * MB, wasmMemory: 268 * MB, gpuBufferBytes: 54 * MB })).toBe(432 * MB);
    expect(432 * MB > BUDGET_BYTES).toBe(true);
  });
});
