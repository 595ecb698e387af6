// The wasm backend in real Chromium (cross-origin isolated, so the threaded build runs): the pool's
// thread count changed mid-session, the heap, the race demo, Stop latency, the fallback without
// isolation, and the TF.js wasm peer loading its files. Every variant's equivalence with the
// reference, Stop, reuse and dispose are in the conformance suite (backends.spec.ts).
import type { PeakKernel } from '../src/backends/wasm/module';
import { expect, test, type Page } from './fixtures';
import { withoutIsolation } from './helpers';

async function open(page: Page) {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
}

// Stated tolerance: max |Δparam| ≤ 1e-5 (C sums in float32, in another order than the reference).
const TOL = 1e-5;

test('changing the thread count mid-session (4 → 2 → 1 → 3) gives bit-identical weights', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.wasm.threadSwitch([4, 2, 1, 3], 2));
  expect(r.described.map((d: string) => /(\d) threads?/.exec(d)?.[1])).toEqual(['4', '2', '1', '3', '1']);
  expect(r.described[4]).toMatch(/SIMD128, 1 thread$/); // the single-thread build, not the pool
  expect(r.maxAbsChange).toBeGreaterThan(1e-2);
  expect(r.maxAbsDiff).toBe(0); // vs 2 threads throughout
  expect(r.maxAbsDiffSingleBuild).toBe(0); // vs the single-thread SIMD build
});

test('works when created from inside another worker, as in the notebook kernel', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.wasm.fromWorker({ threads: 2 }));
  expect(r.crossOriginIsolated).toBe(true);
  expect(r.equivalence.describe).toMatch(/SIMD128, 2 threads/);
  expect(r.equivalence.maxAbsDiff).toBeLessThanOrEqual(TOL);
  expect(r.equivalence.maxAbsChange).toBeGreaterThan(1e-3);
  expect(r.race.atomic).toBe(r.race.expected);
});

test('the WASM heap does not grow across 10 consecutive runs (threaded build)', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.wasm.heapRuns({ threads: 2 }, 10));
  console.log(`heap in use after each run: ${r.inUse.join(', ')}; break: ${r.top.join(', ')}`);
  expect(r.inUse).toHaveLength(10);
  expect(r.inUse[0]).toBeGreaterThan(2000 * 785); // the training set is in there
  expect(new Set(r.inUse).size).toBe(1);
  expect(new Set(r.top).size).toBe(1);
});

test('a configuration too big for the heap fails up front, naming the numbers', async ({ page }) => {
  await open(page);
  const msg = await page.evaluate(() => window.harness.wasm.tooBig(60000, 1024));
  expect(msg).toMatch(/needs [\d.]+ MiB of WASM heap but the module has 256\.0 MiB: training set 44\.9 MiB \(60000 samples\).*batch scratch [\d.]+ MiB \(batch 60000\)/);
});

test('the bench\'s peak rows: each micro-kernel\'s rate on the pool, the epoch\'s ceiling, and a bad kernel refused', async ({ page }) => {
  await open(page);
  // a few calls, no warm-up: this checks the plumbing and the arithmetic, not the speed (the bench does);
  // kernel 4, the first layer alone, counts its calls in batches of 128
  for (const [threads, kernel, calls] of [[1, 0, 200], [2, 1, 200], [2, 2, 200], [1, 3, 200], [2, 4, 10]] as const) {
    const r = await page.evaluate(([t, k, c]) => window.harness.wasm.peak(t, k, 2, c, 0), [threads, kernel, calls] as const);
    expect(r.threads).toBe(threads);
    expect(r.gflops).toHaveLength(2);
    // a real rate: above 0.1 GFLOP/s on a busy CI machine, below 2 threads × 16 FLOP per cycle (4 lanes, 2 mul + 2 add) × 10 GHz
    for (const g of r.gflops) {
      expect(g).toBeGreaterThan(0.1);
      expect(g).toBeLessThan(2 * 16 * 10);
    }
  }
  await expect(page.evaluate(() => window.harness.wasm.peak(1, 7 as PeakKernel, 1, 10, 0))).rejects.toThrow(/bad kernel 7/);
});

test('the race demo loses updates without atomics and is exact with them', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.wasm.raceDemo(4, 2_000_000));
  console.log(`race demo: expected ${r.expected}, racy ${r.racy}, atomic ${r.atomic}`);
  expect(r.expected).toBe(8_000_000);
  expect(r.atomic).toBe(r.expected);
  expect(r.racy).toBeGreaterThan(0);
  expect(r.racy).toBeLessThan(r.expected);
});

test('Stop takes effect within about one batch, even in the middle of a chunk of batches', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.wasm.stopLatency({ threads: 2 }));
  console.log(`stop took ${r.latencyMs.toFixed(1)} ms; one batch takes ${r.perBatchMs.toFixed(1)} ms; a chunk about 100 ms`);
  expect(r.error).toBe('StoppedError');
  expect(r.firstReport).toBeGreaterThanOrEqual(0);
  // The worker checks a shared stop flag before every batch, so the stop does not wait for the end
  // of the ~100 ms chunk: one batch plus one message back (generous for a busy machine).
  expect(r.latencyMs).toBeLessThan(Math.max(60, 3 * r.perBatchMs));
});

test('without cross-origin isolation it falls back to the single-thread SIMD build and says so', async ({ page }) => {
  // Strip COOP/COEP from every response: the page loses SharedArrayBuffer, as on a plain server.
  await withoutIsolation(page);
  await open(page);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  const r = await page.evaluate(() => window.harness.equivalence('wasm', { threads: 4 }, 1280, 128));
  expect(r.describe).toMatch(/SIMD128, 1 thread; threads need SharedArrayBuffer.*cross-origin-isolated/);
  expect(r.maxAbsDiff).toBeLessThanOrEqual(TOL);
  expect(r.maxAbsChange).toBeGreaterThan(1e-3);
});

test('the TF.js wasm peer finds its .wasm files at /tfjs-wasm/ and trains', async ({ page }) => {
  const wasmFiles: string[] = [];
  page.on('response', (res) => { if (res.url().includes('/tfjs-wasm/')) wasmFiles.push(`${res.status()} ${new URL(res.url()).pathname}`); });
  await open(page);
  const probe = await page.evaluate(() => window.harness.wasm.tfjsWasmProbe());
  expect(probe).toMatchObject({ ok: true, backend: 'wasm', sum: 128 * 128 * 784 });
  expect(wasmFiles).toContain('200 /tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm'); // the threaded SIMD build
  const r = await page.evaluate(() => window.harness.tfjsEpochs('wasm', 128, 1));
  console.log(`TF.js wasm: ${r.epochMs.map((x: number) => x.toFixed(0)).join(', ')} ms/epoch, accuracy ${(r.accuracy * 100).toFixed(2)}%`);
  expect(r.error).toBeUndefined();
  expect(r.accuracy).toBeGreaterThan(0.85);
});
