import { expect, test, type Page } from '../fixtures';

// The hostile suite, faults (issue 11 §4): backends whose workers die in every way a real one can —
// terminated, closed without an error event, hung, a wasm pthread that traps or deadlocks in the
// middle of a parallel region — and WebGPU without an adapter, without timestamp-query, with its
// device lost. Each stops the run with a message naming what happened, keeps the model of the last
// completed batch, and the next run works again. These run on harness.html (no notebook UI), like
// workers.spec.ts: the page-level steps of e2e/hostile/common.ts belong to notebook-page attacks.
// A silent death is found by the watchdog (src/backends/watchdog.ts): max(15 s, 50 × the median
// round trip) in the app; the tests shorten the floor to FLOOR_MS so each takes seconds.
const FLOOR_MS = 3000;
const WORKERS_TOLERANCE = 1e-4; // as in workers.spec.ts
const WASM_TOLERANCE = 1e-5; // as in wasm.spec.ts
const GPU_TOLERANCE = 1e-5; // as in webgpu.spec.ts

async function open(page: Page): Promise<void> {
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[page] ${m.text()}`); });
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
}

/** The deadline a "stopped answering" message states, in seconds. */
function limitShown(message = ''): number {
  return Number(/no reply for ([\d.]+) s/.exec(message)?.[1] ?? NaN);
}

/** The page still paints frames (nothing blocked its main thread). */
async function expectResponsive(page: Page): Promise<void> {
  const ms = await page.evaluate(() => new Promise<number>((resolve) => {
    const t0 = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));
  expect(ms).toBeLessThan(1000);
}

for (const [kind, opts] of [
  ['hang', {}], ['close', {}], ['hang', { forceTransfer: true }], ['close', { forceTransfer: true }], ['close', { dispatch: 'messages' as const }],
  ['hang', { dispatch: 'hidden' as const }], ['close', { dispatch: 'hidden' as const }],
] as const) {
  test(`workers: a worker that ${kind === 'hang' ? 'hangs' : 'closes itself'} without an error event (${JSON.stringify(opts)}) is found by the watchdog; the model keeps the last completed batch; the pool is rebuilt`, async ({ page }) => {
    await open(page);
    const r = await page.evaluate(([k, o, f]) => window.harness.faults.workers(k, { workers: 2, ...o }, f), [kind, opts, FLOOR_MS] as const);
    console.log(`workers ${kind}: ${r.error?.message}; completed ${r.completed}/${r.batches}; kept |Δ| ${r.keptDiff.toExponential(2)}; ${r.faultMs.toFixed(0)} ms`);
    expect(r.fired).toBe(true);
    expect(r.error?.name).toBe('WorkerFaultError');
    expect(r.error?.worker).toBe(1);
    expect(r.error?.message).toMatch(/worker 1 failed during batch \d+: stopped answering \(no reply for [\d.]+ s: it died without an error, hung or deadlocked\)/);
    expect(limitShown(r.error?.message)).toBeGreaterThanOrEqual(FLOOR_MS / 1000); // max(floor, 50 × median batch)
    expect(r.error?.message).toMatch(/the pool is rebuilt on the next run/);
    expect(r.error?.es).toMatch(/el worker 1 falló durante el lote \d+: dejó de responder/);
    expect(r.completed).toBeGreaterThan(10);
    expect(r.completed).toBeLessThan(r.batches);
    expect(r.keptChange).toBeGreaterThan(1e-4);
    expect(r.keptDiff).toBeLessThanOrEqual(WORKERS_TOLERANCE);
    expect(r.poolAfter).not.toBe(r.poolBefore);
    expect(r.rerunDiff).toBeLessThanOrEqual(WORKERS_TOLERANCE);
    await expectResponsive(page);
  });
}

for (const kind of ['terminate', 'close', 'trap', 'hang'] as const) {
  const what = {
    terminate: 'its worker is terminated',
    close: 'its worker closes itself (no error event)',
    trap: 'a pthread traps in the middle of a parallel region',
    hang: 'a pthread deadlocks in the middle of a parallel region',
  }[kind];
  test(`wasm: ${what}: the run stops with a clear message; the model keeps the last completed batch; the module is re-created`, async ({ page }) => {
    await open(page);
    const r = await page.evaluate(([k, f]) => window.harness.faults.wasm(k, { threads: 2 }, f), [kind, FLOOR_MS] as const);
    console.log(`wasm ${kind}: ${r.error?.message}; completed ${r.completed}/${r.batches}; kept |Δ| ${r.keptDiff.toExponential(2)}; stopped after ${r.stoppedAfterMs.toFixed(0)} ms; ${r.describe}`);
    expect(r.fired).toBe(true);
    if (kind === 'trap' || kind === 'hang') expect(r.injected).toBe(true);
    expect(r.error?.name).toBe('BackendError');
    expect(r.error?.code).toBe('error_wasm_fault_batch');
    expect(r.error?.message).toMatch(kind === 'terminate'
      ? /wasm backend: during batch \d+, terminated \(test hook\)/
      : /wasm backend: during batch \d+, the C code stopped answering \(no reply for [\d.]+ s: a thread of its pool died or deadlocked/);
    if (kind !== 'terminate') expect(limitShown(r.error?.message)).toBeGreaterThanOrEqual(FLOOR_MS / 1000);
    expect(r.error?.message).toMatch(/re-created on the next run/);
    expect(r.error?.es).toMatch(/backend wasm: durante el lote \d+/);
    expect(r.completed).toBeGreaterThan(10);
    expect(r.completed).toBeLessThan(r.batches);
    expect(r.keptChange).toBeGreaterThan(1e-4);
    expect(r.keptDiff).toBeLessThanOrEqual(WASM_TOLERANCE);
    expect(r.evaluatedAfterFault).toBeGreaterThan(0.1);
    expect(r.modulesAfter).toBe(r.modulesBefore + 1);
    expect(r.rerunThreads).toBe(2);
    expect(r.rerunDiff).toBeLessThanOrEqual(WASM_TOLERANCE);
    await expectResponsive(page);
  });
}

test('webgpu: no adapter — the gate, createBackend and init() each give the reason; with an adapter back the backend initialises again', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.faults.webgpuNoAdapter());
  console.log(`no adapter: ${r.support} | ${r.initError?.message}`);
  expect(r.support).toMatch(/no WebGPU adapter was found \(navigator\.gpu\.requestAdapter\(\) returned null\)/);
  expect(r.createError?.code).toBe('error_unsupported');
  expect(r.createError?.message).toMatch(/backend "webgpu" is not supported here: no WebGPU adapter was found/);
  expect(r.initError?.code).toBe('error_unsupported');
  expect(r.initError?.message).toMatch(/no WebGPU adapter was found/);
  expect(r.initError?.es).toMatch(/no se encontró ningún adaptador WebGPU/);
  expect(r.recovered).toBeLessThanOrEqual(GPU_TOLERANCE);
});

test('webgpu: an adapter without timestamp-query — training works, profiling falls back and says so', async ({ page }) => {
  await open(page);
  for (const mode of ['resident', 'naive'] as const) {
    const r = await page.evaluate((m) => window.harness.faults.webgpuNoTimestamps({ mode: m }), mode);
    console.log(`${mode} without timestamps: profiling ${r.profiling}; ${r.breakdown.map((p) => p.label).join(', ')}`);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(GPU_TOLERANCE);
    expect(r.profiling).toBe('not available (no timestamp-query on this adapter)');
    expect(r.breakdown.some((p) => /kernel time not available \(the adapter has no timestamp-query\)/.test(p.method))).toBe(true);
    expect(r.breakdown.find((p) => p.id === 'kernel')).toBeUndefined();
    expect(r.kernels).toEqual([]);
  }
});

test('webgpu: a device lost mid-epoch stops with its reason, init() brings it back, and the other backends are unaffected', async ({ page }) => {
  await open(page);
  const r = await page.evaluate(() => window.harness.webgpu.deviceLoss({}, 3200, 64));
  expect(r.error.name).toBe('DeviceLostError');
  expect(r.error.message).toMatch(/device was lost \(reason: destroyed/);
  expect(r.recovered.maxAbsDiff).toBeLessThanOrEqual(GPU_TOLERANCE);
  const limit = await page.evaluate(() => window.harness.webgpu.limitRefusal(128, 128, { maxStorageBufferBindingSize: 1 << 20 }));
  expect(limit.error.name).toBe('GpuLimitError');
  for (const [name, opts, tol] of [['js', {}, 1e-5], ['workers', { workers: 2 }, WORKERS_TOLERANCE], ['wasm', { threads: 2 }, WASM_TOLERANCE], ['webgpu', {}, GPU_TOLERANCE]] as const) {
    const e = await page.evaluate(([n, o]) => window.harness.equivalence(n, o, 640, 64), [name, opts] as const);
    expect(e.maxAbsChange, name).toBeGreaterThan(1e-4);
    expect(e.maxAbsDiff, name).toBeLessThanOrEqual(tol);
  }
});
