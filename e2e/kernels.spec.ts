// Per-kernel checks of the WGSL (llm.c style), on real WebGPU (SwiftShader here): every dispatch of
// a training step runs alone on seeded random inputs, at odd shapes (12 → 13 → 7, batch 5 and 67)
// and the real one (784 → 128 → 10, batch 128), and each buffer it writes is compared with the
// reference function of the same name (see src/harness/webgpuKernels.ts). A failure names the kernel.
// The shared-memory variants of the two large matmuls (kernels/*_tiled.wgsl) are checked the same way.
import { expect, test } from './fixtures';

/**
 * The error measured: max |GPU − reference| / max(1, max |reference|) over every buffer a kernel
 * writes: absolute for outputs of size ~1, relative for the loss (a sum over the batch). Allowed:
 * the matmuls sum in float32 (in another order: vec4 lanes, tiles) where the reference sums in
 * float64; softmax_xent takes exp and log in float32.
 */
const TOLERANCE: Record<string, number> = {
  gather_batch: 2.5e-7, // unpack4x8unorm's v / 255, within 2 ulp of 1.0 (SwiftShader: 1/2 ulp)
  matmul_forward_relu: 1e-5,
  matmul_forward: 1e-5,
  softmax_xent: 1e-5,
  matmul_backward_input_relu: 1e-5,
  matmul_backward_weight: 1e-5,
  sgd_update: 1e-7, // lr × grad in float32 vs in double
};

const error = (r: { maxAbsDiff: number; maxAbsRef: number }) => r.maxAbsDiff / Math.max(1, r.maxAbsRef);

test('each WGSL kernel alone matches the reference function of the same name', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  const rows = await page.evaluate(() => window.harness.webgpu.kernelChecks());
  for (const r of rows) {
    console.log(`${r.label.padEnd(32)} ${r.shape.padEnd(26)} ${r.output.padEnd(10)} error ${error(r).toExponential(2)}: max |Δ| ${r.maxAbsDiff.toExponential(2)}, max |ref| ${r.maxAbsRef.toExponential(2)}`);
  }
  expect(new Set(rows.map((r) => r.kernel)), 'every kernel is checked, and every checked kernel has a tolerance').toEqual(new Set(Object.keys(TOLERANCE)));
  const shared = rows.filter((r) => r.label.includes('[shared'));
  expect(new Set(shared.map((r) => r.kernel)), 'the shared-memory variants (kernels/*_tiled.wgsl) are checked too').toEqual(new Set(['matmul_forward_relu', 'matmul_backward_weight']));
  expect(shared.length, 'three tilings × three shapes × three dispatches (forward W1, weight W1, weight W2)').toBe(27);
  for (const r of rows) {
    expect.soft(error(r), `${r.label} at ${r.shape}: ${r.output} differs from the reference (max |Δ| ${r.maxAbsDiff}, max |ref| ${r.maxAbsRef})`).toBeLessThanOrEqual(TOLERANCE[r.kernel]);
  }
});
