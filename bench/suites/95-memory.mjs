// Memory (issue 18 §5): what the app holds after one epoch on each backend (all four then kept
// initialised, as a notebook session keeps them), and whether further runs of every backend grow it.
// A run is init + setData + one epoch + evaluate (harness.memory.run): the first on each backend
// with all 60000 images, then RUNS rounds of every backend on the first SAMPLES (views of the set).
// Each reading follows two garbage collections (CDP HeapProfiler.collectGarbage) and records:
//   JS (page + workers)  performance.measureUserAgentSpecificMemory() (the harness page is isolated):
//                        the page and each dedicated worker, ArrayBuffers, SharedArrayBuffers and
//                        wasm memories included; a shared buffer is counted in every context that
//                        maps it, so the workers pool's (the backend reports their bytes) are taken
//                        out once per worker (bench/memory.mjs appBytes)
//   GPU buffers          bytes of the live GPUBuffers (the webgpu backend's own copy of the set)
//   of which             the page's SharedArrayBuffers, the wasm memory (a fixed-size heap holding
//                        the module's own copy of the set), the training set and how it is held
//   workers              Web Workers made on the page and alive; worker targets the browser reports
// Checks: the whole app ≤ 400 MB with all four backends initialised; no growth from the 1st to the
// last run (bench/memory.mjs: ≤ 5% or ≤ 8 MB). Run it alone: `node bench/run.mjs memory`.
//   BENCH_MEMORY_RUNS=10  BENCH_MEMORY_SAMPLES=6000
// Each reading waits about 60 s: Chromium answers measureUserAgentSpecificMemory at its own scheduled
// measurement, and neither a forced GC nor --enable-blink-features=ForceEagerMeasureMemory hastened it
// here; the suite takes about 15 minutes.
import { appBytes, BUDGET_BYTES, flat, GROWTH_BYTES, GROWTH_FRACTION, mb } from '../memory.mjs';
import { inFreshPage } from '../chromium.mjs';

export const name = 'memory';

const RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 10);
const SAMPLES = Number(process.env.BENCH_MEMORY_SAMPLES ?? 6000); // per run of the 10 (the first epoch: all 60000)
const CONFIGS = [
  { name: 'js', backend: 'js', opts: {} },
  { name: 'workers=2', backend: 'workers', opts: { workers: 2 } },
  { name: 'wasm threads=2', backend: 'wasm', opts: { threads: 2 } },
  { name: 'webgpu', backend: 'webgpu', opts: {} },
];
/** What this suite runs, checked against the reference first (bench/equivalence.mjs). */
export const checked = CONFIGS;

/**
 * In a fresh harness page (a context of its own), closed afterwards: the bench's shared page has
 * run every earlier suite by now (TF.js peers, k-means, …), and what they left in its heap is not
 * the app's memory. In a full run on 2026-11-27 the shared page held 121 MB before any backend
 * (the training set 47 MB of it), and the whole app came to 454 MB; after only the wasm suite it
 * had held 62 MB with all four backends initialised (388 MB in all).
 */
export function run({ page, log }) {
  return inFreshPage(page, (fresh) => runIn(fresh, log));
}

async function runIn(page, log) {
  const rows = [];
  const checks = [];
  const notes = [];
  const cdp = await page.context().newCDPSession(page);

  async function measure() {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage'); // a second pass frees what the first pass's finalizers let go
    // Chromium answers measureUserAgentSpecificMemory at its next GC: start it, then force one
    const uaP = page.evaluate(() => window.harness.memory.uaMemory());
    await new Promise((r) => setTimeout(r, 100));
    await cdp.send('HeapProfiler.collectGarbage');
    const ua = await uaP;
    const a = await page.evaluate(() => window.harness.memory.account());
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { targetInfos } = await cdp.send('Target.getTargets');
    const js = ua ? ua.bytes : heap.usedSize;
    const m = { ...a, ua, pageHeap: heap.usedSize, workerTargets: targetInfos.filter((t) => t.type === 'worker').length, js };
    m.total = appBytes(m);
    return m;
  }
  const line = (m) =>
    `app ${mb(m.total)} = ${m.ua ? `JS ${mb(m.ua.bytes)} (page ${mb(m.ua.page)}, ${m.ua.workerCount} workers ${mb(m.ua.workers)})` +
      (m.poolWorkers ? ` − the pool's ${mb(m.poolShared)} shared again in ${m.poolWorkers} workers` : '') : `page heap ${mb(m.pageHeap)} + shared ${mb(m.sharedBytes)} + wasm memory ${mb(m.wasmMemory)}`}` +
    ` + GPU buffers ${mb(m.gpuBufferBytes)}; of which page SharedArrayBuffers ${mb(m.sharedBytes)}, wasm memory ${mb(m.wasmMemory)} (malloc'd ${mb(m.wasmInUse)}), ` +
    `training set ${mb(m.trainBytes)} (${m.trainShared ? 'SharedArrayBuffer' : 'ArrayBuffer'}); ${m.workers} workers (${m.workerTargets} worker targets)`;

  const runOne = (c, samples) => page.evaluate(([b, o, n]) => window.harness.memory.run(b, o, n), [c.backend, c.opts, samples]);

  const start = await measure();
  log(`before any backend: ${line(start)}`);
  let prev = start;
  const after = {};
  for (const c of CONFIGS) {
    const r = await runOne(c);
    if (r.unsupported) {
      rows.push({ name: c.name, error: `unsupported: ${r.unsupported}`, epochMs: [] });
      continue;
    }
    const m = await measure();
    after[c.name] = m;
    const d = (k) => m[k] - prev[k];
    const note = `+${mb(d('total'))} app (JS ${d('js') >= 0 ? '+' : ''}${mb(d('js'))}, shared +${mb(d('sharedBytes'))}, wasm +${mb(d('wasmMemory'))}, GPU +${mb(d('gpuBufferBytes'))}, workers +${d('workers')}); then ${line(m)}`;
    rows.push({ name: `${c.name}: 1 epoch`, batchSize: 128, epochMs: [r.epochMs], accuracy: r.accuracy, note });
    log(`${c.name}: ${r.epochMs.toFixed(0)} ms; ${note}`);
    prev = m;
  }
  const all = prev;
  checks.push({
    label: 'the whole app with all four backends initialised (JS of page + workers incl. shared and wasm memory, each buffer once, + GPU buffers)',
    value: mb(all.total), target: `≤ ${mb(BUDGET_BYTES)}`, pass: all.total <= BUDGET_BYTES,
  });

  const trace = [];
  let first = null, last = null;
  for (let i = 1; i <= RUNS; i++) {
    const t0 = Date.now();
    for (const c of CONFIGS) if (after[c.name]) await runOne(c, SAMPLES);
    const t1 = Date.now();
    const m = await measure();
    log(`run ${i}: runs ${((t1 - t0) / 1e3).toFixed(1)} s, reading ${((Date.now() - t1) / 1e3).toFixed(1)} s`);
    trace.push(m.total);
    if (i === 1) first = m;
    last = m;
    log(`run ${i}: ${line(m)}`);
  }
  for (const [k, label] of [['total', 'the whole app'], ['js', 'JS (page + workers, browser measure)'], ['gpuBufferBytes', 'GPU buffer bytes'], ['wasmInUse', 'wasm heap in use'], ['sharedBytes', 'page SharedArrayBuffer bytes']]) {
    const f = flat(first[k], last[k]);
    checks.push({ label: `${label}: run 1 → run ${RUNS} of every backend`, value: `${mb(first[k])} → ${mb(last[k])} (${f.growth >= 0 ? '+' : ''}${mb(f.growth)})`, target: `growth ≤ ${mb(f.allowed)}`, pass: f.pass });
  }
  checks.push({ label: `workers alive: run 1 → run ${RUNS}`, value: `${first.workers} → ${last.workers}`, target: 'equal', pass: first.workers === last.workers });
  rows.push({ name: `total, all four backends`, epochMs: [], note: line(all) });
  rows.push({ name: `total after ${RUNS} runs of each`, epochMs: [], note: `${line(last)}; app after each run: ${trace.map((t) => (t / 1e6).toFixed(0)).join(', ')} MB` });
  notes.push(
    `no growth = last − first ≤ ${GROWTH_FRACTION * 100}% of first or ≤ ${mb(GROWTH_BYTES)}, whichever is larger, each reading after a forced GC; the first epoch on each backend trains all 60000 images; each of the runs = init + setData(the first ${SAMPLES}, views of the same set) + 1 epoch + evaluate, backends kept between runs`,
    `copies of the training set: ${all.trainShared ? 'one per page in a SharedArrayBuffer, read by the page\'s backends and the workers pool without a copy' : 'one per page (ArrayBuffer)'}; the wasm module's heap and the GPU buffers necessarily hold their own (counted in wasm memory and GPU buffers)`,
  );
  await page.evaluate(() => window.harness.memory.disposeAll());
  await cdp.detach();
  return { rows, checks, notes };
}
