// Endurance (issue 11 §5): repeated runs on every backend must leave memory, workers and GPU
// buffers flat, and an hour of runs must not slow down. A "run" is what a notebook cell's train()
// does: the backend instance is kept (as the kernel's session keeps it), then init + setData + one
// epoch + evaluate. After each run the page's garbage is collected (DevTools protocol,
// HeapProfiler.collectGarbage) and we read:
//   JS heap            Runtime.getHeapUsage().usedSize of the page (where the backends' coordinators live)
//   shared bytes       SharedArrayBuffers made on the page and not yet collected (harness.endurance)
//   wasm heap          malloc'd bytes in the wasm module's heap (wasm backend only)
//   GPU buffers        live GPUBuffers (count and bytes; destroy() or the device's destroy() ends one)
//   workers            Web Workers made on the page and not terminated, and worker targets the
//                      browser reports (Target.getTargets: includes the wasm module's pthreads)
// Each is compared between the first and the last run: flat = within 5% (a FAIL row, never a throw).
//   BENCH_ENDURANCE_RUNS=10      runs per backend, measured after...
//   BENCH_ENDURANCE_WARMUP=10    ...at least this many unmeasured runs, and more until the JS heap has
//                                settled: the first runs compile kernels and warm up the JIT, and on a
//                                cold page the heap then grows by a few % for up to ~10 runs, in steps,
//                                and stays (webgpu run alone: 2.43 → 2.61 MB over 9 runs, then +0.03 MB
//                                over 16; in another run flat for 3 runs at run 4–6, then +4.5% by run
//                                11, so a short flat stretch is no sign of the end: hence the minimum).
//                                Settled = the last SETTLE_RUNS readings within SETTLED of each other;
//   BENCH_ENDURANCE_WARMUP_MAX=16  at most this many: a leak never settles, so it is then measured
//   BENCH_ENDURANCE_SAMPLES=6000 training samples per run (batch 128; 1000 test samples evaluated)
//   BENCH_ENDURANCE_BACKENDS=js,workers,wasm,webgpu   which backends
//   BENCH_ENDURANCE_MINUTES=0    then keep running the backends in turn for this many minutes and
//                                compare the epoch time of the first and last 10% of runs (slowdown)
//                                and memory after the first and last run of the loop (growth)
// Run it alone with `node bench/run.mjs endurance` or `BENCH_SUITES=endurance node bench/run.mjs`.
import { median } from '../report.mjs';
import { growth as heapGrowth, snapshotKinds } from '../heapSnapshot.mjs';

export const name = 'endurance';

const RUNS = Number(process.env.BENCH_ENDURANCE_RUNS ?? 10);
export const WARMUP = Number(process.env.BENCH_ENDURANCE_WARMUP ?? 10);
export const WARMUP_MAX = Math.max(WARMUP, Number(process.env.BENCH_ENDURANCE_WARMUP_MAX ?? 16));
const SETTLE_RUNS = 3;
const SETTLED = 0.01; // the warm-up's last SETTLE_RUNS JS heap readings span at most this fraction
const SAMPLES = Number(process.env.BENCH_ENDURANCE_SAMPLES ?? 6000);
const MINUTES = Number(process.env.BENCH_ENDURANCE_MINUTES ?? 0);
const BATCH = 128;
const FLAT = 0.05; // allowed growth, first run → last run
const SLOWDOWN = 0.10; // allowed slowdown of the last 10% of runs vs the first 10% (the loop)

const ONLY = (process.env.BENCH_ENDURANCE_BACKENDS ?? 'js,workers,wasm,webgpu').split(',').map((s) => s.trim());
const CONFIGS = [
  { name: 'js', backend: 'js', opts: {} },
  { name: 'workers=2', backend: 'workers', opts: { workers: 2 } },
  { name: 'wasm threads=2', backend: 'wasm', opts: { threads: 2 } },
  { name: 'webgpu', backend: 'webgpu', opts: {} },
].filter((c) => ONLY.includes(c.backend));
/** What this suite runs, checked against the reference first (bench/equivalence.mjs). */
export const checked = CONFIGS;

const METRICS = [
  ['heap', 'JS heap (bytes)'],
  ['sharedBytes', 'SharedArrayBuffer bytes'],
  ['wasmHeap', 'wasm heap in use (bytes)'],
  ['gpuBuffers', 'GPU buffers'],
  ['gpuBufferBytes', 'GPU buffer bytes'],
  ['workers', 'Web Workers (page)'],
  ['workerTargets', 'worker targets (browser)'],
];

const fmt = (x) => (Math.abs(x) >= 1e5 ? `${(x / 1e6).toFixed(2)} MB` : String(x));

/** The spread of the last SETTLE_RUNS heap readings, as a fraction of their least. */
function span(heaps) {
  const last = heaps.slice(-SETTLE_RUNS);
  return (Math.max(...last) - Math.min(...last)) / Math.min(...last);
}
/** Whether the warm-up may end: WARMUP runs done and the heap readings settled. */
export const settled = (heaps) => heaps.length >= Math.max(WARMUP, SETTLE_RUNS) && span(heaps) <= SETTLED;
const pctSpan = (heaps) => `${(span(heaps) * 100).toFixed(1)}%`;

/** Growth of b over a, as a fraction (0 when both are 0; Infinity from 0 to more). */
function growth(a, b) {
  if (a === b) return 0;
  return a === 0 ? Infinity : (b - a) / a;
}

export async function run({ page, log }) {
  const rows = [];
  const checks = [];
  const notes = [];
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(() => window.harness.endurance.install());

  async function measure(wasmHeap = 0) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage'); // a second pass frees what the first pass's finalizers let go
    const c = await page.evaluate(() => window.harness.endurance.counts());
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { targetInfos } = await cdp.send('Target.getTargets');
    return { heap: heap.usedSize, ...c, wasmHeap, workerTargets: targetInfos.filter((t) => t.type === 'worker').length };
  }

  async function oneRun(c, seed) {
    const r = await page.evaluate(([b, o, n, bs, s]) => window.harness.endurance.run(b, o, n, bs, s), [c.backend, c.opts, SAMPLES, BATCH, seed]);
    return r;
  }

  const compare = (label, first, last, skip = []) => {
    for (const [key, what] of METRICS) {
      if (skip.includes(key)) continue;
      const g = growth(first[key], last[key]);
      const pass = g <= FLAT;
      checks.push({
        label: `${label}: ${what}, first → last run`,
        value: `${fmt(first[key])} → ${fmt(last[key])} (${Number.isFinite(g) ? `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%` : 'from 0'})`,
        target: `≤ +${FLAT * 100}%`, pass,
      });
    }
  };

  const live = [];
  for (const c of CONFIGS) {
    const epochMs = [];
    const mem = [];
    let describe = '', accuracy = NaN, error;
    // warm-up: unmeasured runs until the JS heap has settled (at least WARMUP, at most WARMUP_MAX)
    const warmHeap = [];
    while (warmHeap.length < WARMUP_MAX && !settled(warmHeap)) {
      const r = await oneRun(c, warmHeap.length + 1).catch((e) => ({ error: String(e?.message ?? e) }));
      if (r.unsupported || r.error) {
        error = r.unsupported ?? r.error;
        break;
      }
      warmHeap.push((await measure()).heap);
    }
    const warm = warmHeap.length;
    for (let i = 0; i < RUNS && !error; i++) {
      const r = await oneRun(c, i + 1 + warm).catch((e) => ({ error: String(e?.message ?? e) }));
      if (r.unsupported || r.error) {
        error = r.unsupported ?? r.error;
        break;
      }
      describe = r.describe;
      accuracy = r.accuracy;
      epochMs.push(r.epochMs);
      const wasmHeap = c.backend === 'wasm' ? await page.evaluate(() => window.harness.endurance.wasmHeap()) : 0;
      mem.push(await measure(wasmHeap));
    }
    if (error) {
      rows.push({ name: c.name, batchSize: BATCH, epochMs, samples: SAMPLES, error });
      log(`${c.name}: ${error}`);
      continue;
    }
    live.push(c);
    const first = mem[0], last = mem[mem.length - 1];
    log(`${c.name}: ${RUNS} runs after ${warm} warm-up runs (JS heap ${warmHeap.map((h) => (h / 1e3).toFixed(0)).join(', ')} kB), epoch ${epochMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    log(`  JS heap after each run: ${mem.map((m) => (m.heap / 1e3).toFixed(0)).join(', ')} kB`);
    log(`  first ${JSON.stringify(first)}`);
    log(`  last  ${JSON.stringify(last)}`);
    rows.push({
      name: `${c.name}, ${RUNS} runs`, batchSize: BATCH, epochMs, samples: SAMPLES, accuracy, accuracyEpochs: 1,
      note: `after ${warm} warm-up runs${settled(warmHeap) ? '' : ` (the heap had not settled: ${pctSpan(warmHeap)} over the last ${SETTLE_RUNS})`}; ${SAMPLES} samples per run (accuracy after the last run's one epoch of ${SAMPLES} samples); heap ${fmt(first.heap)} → ${fmt(last.heap)}, workers ${first.workers} → ${last.workers}, GPU buffers ${first.gpuBuffers} → ${last.gpuBuffers} (${describe})`,
    });
    compare(`${c.name} × ${RUNS}`, first, last);
  }

  if (MINUTES > 0 && live.length) {
    const until = Date.now() + MINUTES * 60_000;
    const times = new Map(live.map((c) => [c.name, []]));
    let firstMem = null, lastMem = null, n = 0;
    const heapTrace = []; // JS heap after each round of the loop
    let snapFirst = null; // heap snapshot after the first round, summed by kind (bench/heapSnapshot.mjs)
    while (Date.now() < until) {
      for (const c of live) {
        const r = await oneRun(c, 100 + n).catch((e) => ({ error: String(e?.message ?? e) }));
        if (r.error) {
          notes.push(`loop: ${c.name} failed after ${n} rounds: ${r.error}`);
          continue;
        }
        times.get(c.name).push(r.epochMs);
      }
      n++;
      const wasmHeap = live.some((c) => c.backend === 'wasm') ? await page.evaluate(() => window.harness.endurance.wasmHeap()) : 0;
      lastMem = await measure(wasmHeap);
      if (!firstMem) {
        firstMem = lastMem;
        snapFirst = await snapshotKinds(cdp);
      }
      heapTrace.push(lastMem.heap);
      if (n % 10 === 0) log(`loop: ${n} rounds, ${((until - Date.now()) / 60_000).toFixed(1)} min left; heap ${fmt(lastMem.heap)}`);
    }
    for (const c of live) {
      const ms = times.get(c.name);
      const k = Math.max(1, Math.floor(ms.length / 10));
      const early = median(ms.slice(0, k)), late = median(ms.slice(-k));
      const slow = late / early - 1;
      checks.push({
        label: `${c.name}: epoch time, first vs last 10% of ${ms.length} runs in ${MINUTES} min`,
        value: `${early.toFixed(0)} → ${late.toFixed(0)} ms (${slow >= 0 ? '+' : ''}${(slow * 100).toFixed(1)}%)`,
        target: `≤ +${SLOWDOWN * 100}%`, pass: slow <= SLOWDOWN,
      });
      rows.push({ name: `${c.name}, ${MINUTES} min loop`, batchSize: BATCH, epochMs: ms, samples: SAMPLES, note: `${ms.length} runs` });
    }
    if (firstMem) {
      const label = `loop of ${n} rounds (${MINUTES} min)`;
      compare(label, firstMem, lastMem, ['heap']);
      // The JS heap: what V8 reports (Runtime.getHeapUsage) includes compiled code, which grows as the
      // engine optimises (and re-optimises) four backends' paths, and the browser's performance
      // timeline entries (long tasks, long animation frames: buffers Chromium caps). Neither is a leak;
      // a leak is objects the page's code keeps. So the loop's leak check sums a heap snapshot's nodes
      // by kind (bench/heapSnapshot.mjs) after the first and the last round: the objects may grow by at
      // most 5% of the JS heap at the start (about 120 kB: 40 bytes a run over an hour of ~3000 runs).
      const snapLast = await snapshotKinds(cdp);
      const mid = heapTrace[Math.floor(heapTrace.length / 2)];
      const pct = (g) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%`;
      const kb = (x) => `${x >= 0 ? '+' : ''}${(x / 1e3).toFixed(1)} kB`;
      const d = (k) => snapLast.kinds[k] - snapFirst.kinds[k];
      const budget = FLAT * heapTrace[0];
      checks.push({
        label: `${label}: objects the page keeps (heap snapshot, first → last round; compiled code and capped performance entries apart)`,
        value: `objects ${kb(d('objects'))}; compiled code ${kb(d('code'))}, performance entries ${kb(d('entries'))}; JS heap ${fmt(heapTrace[0])} → ${fmt(mid)} → ${fmt(lastMem.heap)} (${pct(growth(heapTrace[0], lastMem.heap))})`,
        target: `objects ≤ ${kb(budget)} (5% of the JS heap)`, pass: d('objects') <= budget,
      });
      const top = heapGrowth(snapFirst, snapLast).slice(0, 12);
      log(`loop: heap snapshot growth, largest first: ${top.map((g) => `${g.key} (${g.kind}) ${kb(g.dSize)} ×${g.dCount}`).join('; ')}`);
      log(`loop: JS heap every 10 rounds: ${heapTrace.filter((_, i) => i % 10 === 0).map((h) => (h / 1e3).toFixed(0)).join(', ')} kB`);
    }
  }

  await page.evaluate(() => window.harness.endurance.disposeAll());
  const after = await measure();
  checks.push({
    label: 'after disposing every backend: workers, GPU devices, GPU buffers left',
    value: `${after.workers} workers, ${after.gpuDevices} devices, ${after.gpuBuffers} buffers`,
    target: '0, 0, 0', pass: after.workers === 0 && after.gpuDevices === 0 && after.gpuBuffers === 0,
  });
  notes.push(`${RUNS} runs per backend (after ${WARMUP} to ${WARMUP_MAX} warm-up runs: until the last ${SETTLE_RUNS} JS heap readings were within ${SETTLED * 100}% of each other; each row says how many) of ${SAMPLES} samples (init + setData + 1 epoch + evaluate), garbage collected before each reading; flat = within ${FLAT * 100}% first → last${MINUTES > 0 ? `; then a ${MINUTES}-minute loop` : ''}`);
  await cdp.detach();
  return { rows, checks, notes };
}
