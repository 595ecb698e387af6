// One conformance suite over every backend variant (tfjs style), against the reference epoch loop
// (train_epoch in src/mlp/reference.ts) from the same seed, order and initial weights. The browser
// side is src/harness/conformance.ts: one page.evaluate runs one variant through every check, and
// the test asserts on its report. An unsupported backend fails with its reason, never skips.
import { expect, test, type Page } from './fixtures';
import type { BackendName, BackendOptions } from '../src/backends/types';
import type { DisposeCheck, Diff, EvaluateCheck, Outcome, StopCheck, StopTrigger } from '../src/harness/conformance';
import type { LiveCounts } from '../src/harness/liveCounts';
import { EVAL_LOSS_TOLERANCE, EVAL_NEAR_TIE, EVAL_PROB_TOLERANCE } from '../src/backends/evalCompare';

interface Variant {
  readonly backend: BackendName;
  readonly options: BackendOptions;
  /** max |Δparam| allowed against the reference (float32 everywhere; see the reasons below). */
  readonly tolerance: number;
  /** What the first epoch's stats.extra must say ran: a silent fallback to another variant fails. */
  readonly runs: Readonly<Record<string, unknown>>;
  /**
   * What presses Stop (default: the first progress report of batch ≥ k − 1). webgpu resident without
   * readbackEvery reads its losses once, after the last batch, so every report comes too late: there
   * Stop is pressed when the first chunk of batches is submitted to the GPU.
   */
  readonly stopOn?: StopTrigger;
}

// Tolerances, from the summation order each backend uses (the reference sums in float32, in order):
// - js: the reference's own loops on preallocated buffers, same order: bit-identical;
// - workers: each worker sums its shard, the shards are added (by the workers, each on its slice, or by
//   the coordinator): float32 re-association
//   (one worker: one shard, the js backend's order, so bit-identical);
// - wasm: SIMD sums four lanes and pthreads split the batch: re-association again;
// - webgpu: the kernels tile their sums (and a GPU may fuse multiply-adds).
// Measured on SwiftShader/x86: ≤ 6e-8 after 16 batches; 1e-6 leaves room for other CPUs and GPUs.
// Every run moves the weights by > MIN_CHANGE, far above any tolerance, so a no-op cannot pass, and
// one batch moves them by > ONE_BATCH, so Stop's "exactly after `completed` batches" is sharp.
const EXACT = 0;
const REASSOCIATED = 1e-6;
const MIN_CHANGE = 1e-2;
const ONE_BATCH = 1e-3;

const WORKERS_MODES = [
  { options: {}, mode: 'shared-allreduce' },
  { options: { dispatch: 'messages' }, mode: 'shared-messages' },
  { options: { forceTransfer: true }, mode: 'transfer' },
] as const;

const AS_REQUESTED = { id: 'wasm_as_requested' }; // the wasm backend's "no fallback" note

const VARIANTS: readonly Variant[] = [
  { backend: 'js', options: {}, tolerance: EXACT, runs: {} },
  ...[1, 2, 4].flatMap((n) => WORKERS_MODES.map((m): Variant => ({
    backend: 'workers', options: { workers: n, ...m.options }, tolerance: n === 1 ? EXACT : REASSOCIATED, runs: { mode: m.mode, workers: n },
  }))),
  // dispatch 'rows': activations shared, each worker computes its rows of the weight gradients over the
  // whole batch in the js order, so the weights are js's bit for bit (3 workers: uneven rows 43/43/42, 4/3/3)
  ...[2, 3].map((n): Variant => ({ backend: 'workers', options: { workers: n, dispatch: 'rows' }, tolerance: EXACT, runs: { mode: 'shared-rows', workers: n } })),
  // dispatch 'hidden': each worker owns hidden units, forward and backward over the whole batch, in
  // the js order: js's weights bit for bit (3 workers: uneven units 43/43/42, classes 4/3/3)
  ...[2, 3].map((n): Variant => ({ backend: 'workers', options: { workers: n, dispatch: 'hidden' }, tolerance: EXACT, runs: { mode: 'shared-hidden', workers: n } })),
  // the coordinator-reduce variant the lesson compares with (per batch: Atomics, then the coordinator sums and updates)
  { backend: 'workers', options: { workers: 2, dispatch: 'atomics' }, tolerance: REASSOCIATED, runs: { mode: 'shared-atomics', workers: 2 } },
  { backend: 'wasm', options: { simd: false, threads: 1 }, tolerance: REASSOCIATED, runs: { variant: 'mlp-scalar', simd: false, threads: 1, mode: AS_REQUESTED } },
  ...[1, 2, 4].map((n): Variant => ({
    backend: 'wasm', options: { simd: true, threads: n }, tolerance: REASSOCIATED,
    runs: { variant: n === 1 ? 'mlp-simd' : 'mlp-simd-mt', simd: true, threads: n, mode: AS_REQUESTED },
  })),
  { backend: 'webgpu', options: { mode: 'resident' }, tolerance: REASSOCIATED, runs: { mode: 'resident' }, stopOn: 'gpu-submit' },
  { backend: 'webgpu', options: { mode: 'naive' }, tolerance: REASSOCIATED, runs: { mode: 'naive' } },
  { backend: 'webgpu', options: { mode: 'resident', readbackEvery: 3 }, tolerance: REASSOCIATED, runs: { mode: 'resident' } },
];

/**
 * evaluate() goes through each backend's own forward pass (C, WGSL, sharded JS); every call must
 * equal the reference's (evaluateWith on the same weights): predictions identical except where the
 * reference's two most likely classes are within EVAL_NEAR_TIE (float32 noise may pick either),
 * probabilities within EVAL_PROB_TOLERANCE, loss within EVAL_LOSS_TOLERANCE relative.
 */
const EVAL_CASES = 8;

// One page for the whole file: MNIST and the reference runs are loaded and computed once. One test
// per variant, one soft assertion group per check, so a failing variant lists every broken check and
// costs one fresh Playwright worker (it restarts after a failure), not one per check.
let page: Page;

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

/** The value of one check, or a soft failure with the error it threw (then undefined). */
function value<T>(o: Outcome<T> | undefined, check: string): T | undefined {
  expect.soft(o, `${check}: no result`).toBeDefined();
  expect.soft(o?.error, `${check} threw`).toBeUndefined();
  return o?.value;
}

function trained(v: Variant, check: string, d: Diff | undefined, batches: number, samples: number): void {
  if (!d) return;
  console.log(`${label(v)}: ${check}: max |Δparam| ${d.maxAbsDiff.toExponential(2)} after ${d.batches} batches (weights moved ${d.maxAbsChange.toFixed(3)})`);
  expect.soft(d.batches, `${check}: batches`).toBe(batches);
  expect.soft(d.samples, `${check}: samples`).toBe(samples);
  expect.soft(d.maxAbsChange, `${check}: the reference moved (a no-op cannot pass)`).toBeGreaterThan(MIN_CHANGE);
  expect.soft(d.maxAbsDiff, `${check}: max |Δparam| vs the reference`).toBeLessThanOrEqual(v.tolerance);
}

function stopped(v: Variant, s: StopCheck | undefined): void {
  if (!s) return;
  console.log(`${label(v)}: stop pressed ${s.trigger === 'progress' ? `at batch ${s.abortedAtBatch}` : `on ${s.trigger}`}; ${s.thrown}, completed ${s.completed}/${s.batches}; weights are the reference after ${s.nearest.batches} batches (|Δ| ${s.nearest.maxAbsDiff.toExponential(2)}; ±1 batch ${s.neighbourDiff.toExponential(2)})`);
  expect.soft(s.thrown, 'stop: the epoch ends with StoppedError').toBe('StoppedError');
  expect.soft(s.completed, `stop: StoppedError.completed ≥ k = ${s.k}`).toBeGreaterThanOrEqual(s.k);
  expect.soft(s.completed, 'stop: StoppedError.completed < the epoch\'s batches').toBeLessThan(s.batches);
  expect.soft(s.maxAbsDiff, 'stop: max |Δparam| vs the reference after `completed` batches').toBeLessThanOrEqual(v.tolerance);
  expect.soft(s.neighbourDiff, 'stop: one batch more or less would be seen').toBeGreaterThan(ONE_BATCH);
}

function evaluated(v: Variant, e: EvaluateCheck | undefined): void {
  if (!e) return;
  expect.soft(e.cases.length, 'evaluate: every case ran').toBe(EVAL_CASES);
  for (const c of e.cases) {
    console.log(`${label(v)}: evaluate ${c.name}: ${c.mismatchGaps.length} differing predictions, max |Δprob| ${c.maxProbDiff.toExponential(2)}, relative |Δloss| ${c.lossRelDiff.toExponential(2)}, accuracy ${c.accuracy.toFixed(4)} (reference ${c.refAccuracy.toFixed(4)})`);
    expect.soft(c.samples, `evaluate ${c.name}: images evaluated`).toBeGreaterThan(0);
    for (const gap of c.mismatchGaps) expect.soft(gap, `evaluate ${c.name}: a prediction differs where the reference's top two are not within ${EVAL_NEAR_TIE}`).toBeLessThanOrEqual(EVAL_NEAR_TIE);
    expect.soft(c.maxProbDiff, `evaluate ${c.name}: max |Δprobability|`).toBeLessThanOrEqual(EVAL_PROB_TOLERANCE);
    expect.soft(c.lossRelDiff, `evaluate ${c.name}: relative |Δloss|`).toBeLessThanOrEqual(EVAL_LOSS_TOLERANCE);
    expect.soft(c.accuracyDiff, `evaluate ${c.name}: |Δaccuracy| (only near-ties may differ)`).toBeLessThanOrEqual(c.mismatchGaps.length / c.samples);
  }
}

function disposed(v: Variant, d: DisposeCheck | undefined): void {
  if (!d) return;
  console.log(`${label(v)}: live before ${JSON.stringify(d.before)}, peak ${JSON.stringify(d.peak)}, after dispose ${JSON.stringify(d.after)}`);
  // the counters saw the backend's own workers and buffers, so they would see a leak
  const grew = (k: keyof LiveCounts) => d.peak[k] - d.before[k];
  if (v.backend === 'workers') expect.soft(grew('workers'), 'dispose: the pool\'s workers were counted').toBeGreaterThanOrEqual(v.options.workers!);
  if (v.backend === 'wasm') expect.soft(grew('workers'), 'dispose: the wasm worker was counted').toBeGreaterThanOrEqual(1);
  if (v.backend === 'webgpu') {
    expect.soft(grew('gpuDevices'), 'dispose: the GPU device was counted').toBeGreaterThanOrEqual(1);
    expect.soft(grew('gpuBuffers'), 'dispose: the GPU buffers were counted').toBeGreaterThan(10);
  }
  expect.soft(d.after, 'dispose: live workers, GPU devices and buffers are back to what they were').toEqual(d.before);
}

for (const v of VARIANTS) {
  test(`${label(v)} conforms: equivalence, uneven last batch, Stop, setParams round trip, reuse, evaluate, dispose`, async () => {
    const r = await page.evaluate(([name, opts, stopOn]) => window.harness.conformance(name, opts, stopOn), [v.backend, v.options, v.stopOn] as const);
    expect(r.supported, `${v.backend} is not supported here`).toBe(true);
    console.log(`${label(v)}: ${r.describe}`);
    expect.soft(r.extra ?? {}, 'the variant asked for ran (no silent fallback)').toMatchObject(v.runs);
    trained(v, 'equivalence', value(r.equivalence, 'equivalence'), 16, 1024);
    trained(v, 'uneven last batch (961 = 15 × 64 + 1)', value(r.uneven, 'uneven last batch'), 16, 961);
    const rt = value(r.roundTrip, 'setParams round trip');
    if (rt) {
      expect.soft(rt.length, 'round trip: parameter count').toBe(101_770); // 784·128 + 128 + 128·10 + 10
      expect.soft(rt.bitMismatches, 'round trip: floats whose bits changed').toBe(0);
    }
    trained(v, 'reuse (init again: hidden 50, other weights and data)', value(r.reuse, 'reuse'), 15, 700);
    evaluated(v, value(r.evaluate, 'evaluate'));
    disposed(v, value(r.dispose, 'dispose'));
    stopped(v, value(r.stop, 'stop'));
  });
}
