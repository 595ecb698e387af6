// The webgpu backend in real Chromium, real WebGPU (SwiftShader on the CPU here): equivalence in a
// worker, profiling, and the faults (device loss, limits, a broken kernel). Equivalence of every
// mode, Stop, reuse and dispose are in the conformance suite (backends.spec.ts). Tolerance below:
// 1e-5, room for summation-order drift on other GPUs (measured ≈ 1–2e-7 after ~60–100 steps).
import { expect, test, type Page } from './fixtures';

const TOLERANCE = 1e-5;

async function harness(page: Page) {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
}

test.beforeEach(async ({ page }) => {
  await harness(page);
});

test('webgpu runs inside a dedicated Web Worker and matches the reference there', async ({ page }) => {
  const r = await page.evaluate(() => window.harness.webgpu.workerEquivalence({ mode: 'resident' }, 1280, 64));
  expect(r.inWorker).toBe(true);
  expect(r.maxAbsChange).toBeGreaterThan(1e-2);
  expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
});

test('the shared-memory matmuls (real GPUs\' default) train an epoch equal to the reference here too, and say so', async ({ page }) => {
  // SwiftShader gets the register tiles by default; the shared tiles are forced here (both modes, an
  // odd last batch: 1000 = 7 × 128 + 104) so the path a real GPU takes is tested in CI.
  for (const mode of ['resident', 'naive'] as const) {
    const r = await page.evaluate((m) => window.harness.webgpu.equivalence({ mode: m }, 1000, 128, 'shared'), mode);
    console.log(`${mode} shared: max |Δ| ${r.maxAbsDiff.toExponential(2)}; ${r.describe}`);
    expect(r.maxAbsChange).toBeGreaterThan(1e-2);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
    expect(r.describe).toMatch(/workgroup \(shared\) memory, tiles of 8×16 \(forward\) and 32×32/);
  }
  const plain = await page.evaluate(() => window.harness.webgpu.equivalence({ mode: 'resident' }, 256, 128));
  expect(plain.describe, 'the software adapter keeps the register tiles').not.toMatch(/shared/);
});

test('profiling: breakdown parts and the per-kernel table are measured and positive', async ({ page }) => {
  for (const mode of ['resident', 'naive'] as const) {
    const s = await page.evaluate((m) => window.harness.webgpu.profileEpoch({ mode: m }, 128, 2560), mode);
    const parts = Object.fromEntries(s.breakdown.map((p) => [p.id, p]));
    console.log(`${mode}: ${s.wallMs.toFixed(0)} ms; ${s.breakdown.map((p) => `${p.label} ${p.ms.toFixed(1)}`).join(', ')}`);
    expect(s.extra?.profiling).toMatch(/timestamp-query/); // SwiftShader offers it
    for (const label of ['h2d', 'kernel', 'd2h']) {
      expect(parts[label], label).toBeDefined();
      expect(parts[label].ms, label).toBeGreaterThan(0);
      expect(parts[label].method.length, label).toBeGreaterThan(20);
    }
    expect(parts.kernel.method).toMatch(/timestamp-query/);
    expect(parts.d2h.method).toMatch(/mapAsync/);
    const kernels = s.kernels!;
    expect(kernels.map((k) => k.name)).toContain('matmul_forward_relu (W1)');
    expect(kernels.some((k) => k.name === 'gather_batch')).toBe(mode === 'resident');
    for (const k of kernels) {
      expect(k.sampled, k.name).toBeGreaterThan(0);
      expect(k.msPerDispatch, k.name).toBeGreaterThan(0);
      expect(k.dispatches, k.name).toBe(s.batches);
    }
    const total = s.breakdown.reduce((a, p) => a + p.ms, 0);
    expect(total).toBeGreaterThan(0.5 * s.wallMs);
    if (mode === 'naive') expect(parts.d2h.method).toContain(`${s.batches} read-backs`);
    else expect(parts.d2h.method).toContain('1 read-back,');
  }
});

test('a device lost mid-run stops the run with a clear message; init() brings the backend back', async ({ page }) => {
  const r = await page.evaluate(() => window.harness.webgpu.deviceLoss({}, 3200, 64));
  console.log(`lost after batch ${r.lostAfterBatch} of ${r.batches}; stopped ${r.stopMs.toFixed(0)} ms later; after init: max |Δparam| = ${r.recovered.maxAbsDiff.toExponential(2)}`);
  expect(r.error.name).toBe('DeviceLostError');
  expect(r.error.message).toMatch(/device was lost \(reason: destroyed/);
  expect(r.error.message).toMatch(/initialise the backend again/);
  expect(r.lostAfterBatch).toBeGreaterThanOrEqual(0);
  expect(r.lostAfterBatch).toBeLessThan(r.batches - 1);
  expect(r.recovered.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
});

test('a configuration beyond the device limits is refused up front with the numbers', async ({ page }) => {
  const big = await page.evaluate(() => window.harness.webgpu.limitRefusal(1024, 60000));
  expect(big.error.name).toBe('GpuLimitError');
  expect(big.error.message).toContain('batch size 60,000 with 1,024 hidden units does not fit this device');
  expect(big.error.message).toContain('hidden (batch 60000 × 1024 floats) needs 245,760,000 bytes');
  expect(big.error.message).toContain('maxStorageBufferBindingSize 134,217,728');
  expect(big.stillWorks).toBe(true);
  const low = await page.evaluate(() => window.harness.webgpu.limitRefusal(128, 128, { maxStorageBufferBindingSize: 1 << 20 }));
  expect(low.error.name).toBe('GpuLimitError');
  expect(low.error.message).toContain('images (60000 samples × 784 bytes) needs 47,040,000 bytes');
  expect(low.error.message).toContain('maxStorageBufferBindingSize 1,048,576');
});

test('a broken kernel is refused with the WGSL compiler message and its line', async ({ page }) => {
  const r = await page.evaluate(() => window.harness.webgpu.brokenKernel('sgd_update', 'grads[i]', 'gradz[i]'));
  expect(r.line).toBeGreaterThan(1);
  expect(r.error?.name).toBe('KernelCompileError');
  expect(r.error?.message).toContain(`sgd_update.wgsl:${r.line}:`);
  expect(r.error?.message).toMatch(/error: .*gradz/);
  expect(r.sourceAfter).toBe(true); // the shipped source stays in use
  const entry = await page.evaluate(() => window.harness.webgpu.brokenKernel('matmul_forward', 'fn matmul_forward(', 'fn forward('));
  expect(entry.error?.message).toMatch(/entry point must be `matmul_forward`/);
});

test('an edited kernel is used by the next run, and resetKernels() restores the shipped one', async ({ page }) => {
  const r = await page.evaluate(() => window.harness.webgpu.editedKernelRun());
  expect(r.editedChange).toBe(0); // sgd_update edited to update nothing: the weights stay put
  expect(r.resetChange).toBeGreaterThan(1e-2);
});

test('the batch-size sweep reports samples/s for each batch size', async ({ page }) => {
  const points = await page.evaluate(() => window.harness.webgpu.sweep({}, [16, 128], 8));
  expect(points.map((p) => p.batchSize)).toEqual([16, 128]);
  for (const p of points) {
    expect(p.samples).toBe(8 * p.batchSize);
    expect(p.steps).toBe(8);
    expect(p.samplesPerSec).toBeGreaterThan(0);
  }
  console.log(points.map((p) => `batch ${p.batchSize}: ${p.samplesPerSec.toFixed(0)} samples/s`).join('; '));
});
