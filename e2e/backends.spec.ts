// One conformance suite over every backend variant (tfjs style), against the reference epoch loop
// (train_epoch in src/mlp/reference.ts) from the same seed, order and initial weights. The browser
// side is src/harness/conformance.ts: one page.evaluate runs one variant through every check, and
// the tests below assert on its report. An unsupported backend fails with its reason.
import { expect, test, type Page } from '@playwright/test';
import type { BackendName, BackendOptions } from '../src/backends/types';
import type { ConformanceReport, Outcome } from '../src/harness/conformance';

interface Variant {
  readonly backend: BackendName;
  readonly options: BackendOptions;
  /** max |Δparam| allowed against the reference (float32 everywhere; see the reasons below). */
  readonly tolerance: number;
  /** What the first epoch's stats.extra must say ran: a silent fallback to another variant fails. */
  readonly runs: Readonly<Record<string, number | string>>;
}

// Tolerances, from the summation order each backend uses (the reference sums in float32, in order):
// - js: the reference's own loops on preallocated buffers, same order: bit-identical;
// - workers: each worker sums its shard, the coordinator adds the shards: float32 re-association;
// - wasm: SIMD sums four lanes and pthreads split the batch: re-association again;
// - webgpu: the kernels tile their sums (and SwiftShader may fuse multiply-adds).
// Measured on SwiftShader/x86: ≤ 6e-8 after 16 batches; 1e-6 leaves room for other CPUs and GPUs.
// Every run moves the weights by > MIN_CHANGE, far above any tolerance, so a no-op cannot pass, and
// one batch moves them by > ONE_BATCH, so Stop's "exactly after `completed` batches" is sharp.
const EXACT = 0;
const REASSOCIATED = 1e-6;
const MIN_CHANGE = 1e-2;
const ONE_BATCH = 1e-3;

const WORKERS_MODES = [
  { options: {}, mode: 'shared-atomics' },
  { options: { dispatch: 'messages' }, mode: 'shared-messages' },
  { options: { forceTransfer: true }, mode: 'transfer' },
] as const;

const VARIANTS: readonly Variant[] = [
  { backend: 'js', options: {}, tolerance: EXACT, runs: {} },
  ...[1, 2, 4].flatMap((n) => WORKERS_MODES.map((m): Variant => ({
    backend: 'workers', options: { workers: n, ...m.options }, tolerance: REASSOCIATED, runs: { mode: m.mode, workers: n },
  }))),
  { backend: 'wasm', options: { simd: false, threads: 1 }, tolerance: REASSOCIATED, runs: { variant: 'mlp-scalar', threads: 1, mode: 'as requested' } },
  ...[1, 2, 4].map((n): Variant => ({
    backend: 'wasm', options: { simd: true, threads: n }, tolerance: REASSOCIATED,
    runs: { variant: n === 1 ? 'mlp-simd' : 'mlp-simd-mt', threads: n, mode: 'as requested' },
  })),
  { backend: 'webgpu', options: { mode: 'resident' }, tolerance: REASSOCIATED, runs: { mode: 'resident' } },
  { backend: 'webgpu', options: { mode: 'naive' }, tolerance: REASSOCIATED, runs: { mode: 'naive' } },
  { backend: 'webgpu', options: { mode: 'resident', readbackEvery: 3 }, tolerance: REASSOCIATED, runs: { mode: 'resident' } },
];

/**
 * evaluate(): predictions must equal the reference's (evaluateWith on the same weights) except where
 * the reference's two most likely classes are within NEAR_TIE of each other: there float32 noise in
 * the probabilities (≈1e-7) may pick either. Loss and accuracy within EVAL_TOLERANCE.
 */
const NEAR_TIE = 1e-5;
const EVAL_TOLERANCE = 1e-5;

// One page for the whole file: MNIST and the reference runs are loaded and computed once. (After a
// failed test Playwright starts a fresh worker, and this runs again.)
let page: Page;
const reports = new Map<string, Promise<ConformanceReport>>();

test.beforeAll(async ({ browser }, info) => {
  page = await browser.newPage({ baseURL: info.project.use.baseURL });
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[page] ${m.text()}`); });
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
});

test.afterAll(async () => {
  await page.close();
});

function label(v: Variant): string {
  return `${v.backend} ${JSON.stringify(v.options)}`;
}

async function report(v: Variant): Promise<ConformanceReport> {
  let r = reports.get(label(v));
  if (!r) {
    r = page.evaluate(([name, opts]) => window.harness.conformance(name, opts), [v.backend, v.options] as const);
    reports.set(label(v), r);
  }
  const got = await r;
  expect(got.supported, `${v.backend} is not supported here`).toBe(true);
  return got;
}

/** The value of one check, or a failure with the error it threw. */
function value<T>(o: Outcome<T> | undefined, check: string): T {
  expect(o, `${check}: no result`).toBeDefined();
  expect(o!.error, `${check} threw`).toBeUndefined();
  return o!.value!;
}

for (const v of VARIANTS) {
  test.describe(label(v), () => {
    test('is supported and runs the variant asked for', async () => {
      const r = await report(v);
      console.log(`${label(v)}: ${JSON.stringify(r.describe)}`);
      expect(r.extra ?? {}).toMatchObject(v.runs);
    });

    test(`matches the reference after several batches (max |Δparam| ≤ ${v.tolerance})`, async () => {
      const d = value((await report(v)).equivalence, 'equivalence');
      console.log(`${label(v)}: max |Δparam| ${d.maxAbsDiff.toExponential(2)} after ${d.batches} batches (weights moved ${d.maxAbsChange.toFixed(3)})`);
      expect(d.batches).toBe(16);
      expect(d.maxAbsChange).toBeGreaterThan(MIN_CHANGE);
      expect(d.maxAbsDiff).toBeLessThanOrEqual(v.tolerance);
    });

    test('an uneven last batch (961 = 15 × 64 + 1) matches the reference', async () => {
      const d = value((await report(v)).uneven, 'uneven last batch');
      console.log(`${label(v)}: uneven: max |Δparam| ${d.maxAbsDiff.toExponential(2)}`);
      expect(d.batches).toBe(16);
      expect(d.samples).toBe(961);
      expect(d.maxAbsChange).toBeGreaterThan(MIN_CHANGE);
      expect(d.maxAbsDiff).toBeLessThanOrEqual(v.tolerance);
    });

    test('setParams → getParams returns the very same bits', async () => {
      const rt = value((await report(v)).roundTrip, 'round trip');
      expect(rt.length).toBe(101_770); // 784·128 + 128 + 128·10 + 10
      expect(rt.bitMismatches).toBe(0);
    });

    test('init again with other shapes, weights and data trains like the reference (no stale state)', async () => {
      const d = value((await report(v)).reuse, 'reuse');
      console.log(`${label(v)}: reuse: max |Δparam| ${d.maxAbsDiff.toExponential(2)}`);
      expect(d.batches).toBe(15);
      expect(d.maxAbsChange).toBeGreaterThan(MIN_CHANGE);
      expect(d.maxAbsDiff).toBeLessThanOrEqual(v.tolerance);
    });

    test(`evaluate() gives the reference's predictions (up to near-ties ≤ ${NEAR_TIE}), loss and accuracy`, async () => {
      const e = value((await report(v)).evaluate, 'evaluate');
      console.log(`${label(v)}: evaluate: ${e.mismatchGaps.length} differing predictions, max |Δprob| ${e.maxProbDiff.toExponential(2)}, |Δloss| ${Math.abs(e.loss - e.refLoss).toExponential(2)}`);
      expect(e.samples).toBe(1000);
      for (const gap of e.mismatchGaps) expect(gap, 'a prediction differs where the reference is not near a tie').toBeLessThanOrEqual(NEAR_TIE);
      expect(Math.abs(e.loss - e.refLoss)).toBeLessThanOrEqual(EVAL_TOLERANCE);
      expect(Math.abs(e.accuracy - e.refAccuracy)).toBeLessThanOrEqual(e.mismatchGaps.length / e.samples);
      expect(e.maxProbDiff).toBeLessThanOrEqual(EVAL_TOLERANCE);
    });

    test('dispose() leaves no worker, GPU device or GPU buffer behind', async () => {
      const d = value((await report(v)).dispose, 'dispose');
      console.log(`${label(v)}: live before ${JSON.stringify(d.before)}, peak ${JSON.stringify(d.peak)}, after ${JSON.stringify(d.after)}`);
      // the counters saw the backend's own resources, so they would see a leak
      if (v.backend === 'workers') expect(d.peak.workers - d.before.workers).toBeGreaterThanOrEqual(v.options.workers!);
      if (v.backend === 'wasm') expect(d.peak.workers - d.before.workers).toBeGreaterThanOrEqual(1);
      if (v.backend === 'webgpu') {
        expect(d.peak.gpuDevices - d.before.gpuDevices).toBeGreaterThanOrEqual(1);
        expect(d.peak.gpuBuffers - d.before.gpuBuffers).toBeGreaterThan(10);
      }
      expect(d.after).toEqual(d.before);
    });

    // last in the group: today it fails everywhere (StoppedError.completed is -1 until the shared epoch loop sets it)
    test('Stop after k batches keeps exactly the reference after the batches it applied', async () => {
      const s = value((await report(v)).stop, 'stop');
      console.log(`${label(v)}: stop pressed at batch ${s.abortedAtBatch}; ${s.thrown}, completed ${s.completed}/${s.batches}; weights are the reference after ${s.nearest.batches} (|Δ| ${s.nearest.maxAbsDiff.toExponential(2)}; ±1 batch ${s.neighbourDiff.toExponential(2)})`);
      expect(s.thrown).toBe('StoppedError');
      expect(s.completed).toBeGreaterThanOrEqual(s.k);
      expect(s.completed).toBeLessThan(s.batches);
      expect(s.maxAbsDiff).toBeLessThanOrEqual(v.tolerance);
      expect(s.neighbourDiff).toBeGreaterThan(ONE_BATCH); // one batch more or less would be seen
    });
  });
}
