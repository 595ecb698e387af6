// The real webgpu backend (src/backends/webgpu, unchanged) on a real GPU, without a browser:
// navigator.gpu comes from Dawn's Node bindings (the npm package `webgpu`). Issue 18 §4.
//
// This file is the source; bench/gpu/prepare.sh bundles it with the backend it imports into
// .gpu/run.mjs (rolldown; kernels/*.wgsl are inlined as the app's `?raw` imports inline them), so
// the bundle runs on a machine with nothing but a Node binary, dawn.node and a Vulkan driver.
//
//   node .gpu/run.mjs [--out DIR] [--quick] [--epochs N] [--samples N] [--check-samples N]
//                     [--sweep-samples N] [--sweep-repeats N] [--dawn-flag FLAG]... [--keep-quantization]
//
// Measures, in this order (the JSON is rewritten after every phase, so a timeout keeps what ran):
//  1. adapter: vendor, architecture, device, description, features, limits;
//  2. correctness: one epoch on the first --check-samples samples against the JS reference
//     (src/mlp/reference.ts, same seed 7, same order, lr 0.1), max |Δparam| (the e2e tolerance 1e-5);
//  3. epochs: resident and naive at batch 128 and 512, each after a warm-up epoch on --warmup samples
//     (6000, as harness.timeEpochs does), --epochs timed epochs of --samples samples, the median, the
//     breakdown (host→device / kernel / device→host / other) and the per-kernel table from
//     timestamp queries when the adapter offers them, then test accuracy;
//  4. sweep: samples/s per batch size 16 … 1024, resident and naive, each point after a warm-up of
//     4 steps, --sweep-samples samples per repeat, median of --sweep-repeats; the resident 512 / 16 gain.

import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

// The backend's modules read GPUBufferUsage & co. when they load, so they are imported (lib.mjs)
// only once Dawn's globals are installed.
let WebGpuBackend, verifyMnistFile, MNIST_FILES, makeDataset, sliceDataset, initParams, epochPermutation,
  train_epoch, makeSpec, flopsPerSample, maxAbsDiff, showEpoch, backendText, REGISTER_TILING, SHARED_TILING, tileSides;

const SEED = 7; // webgpuCheck.ts
const LR = 0.1;
const HIDDEN = 128;
const TOLERANCE = 1e-5; // e2e/webgpu.spec.ts
const MOVED = 1e-3; // the reference must move at least this far, so a backend that does nothing cannot pass
const WARMUP_SAMPLES = 6000; // harness.timeEpochs
const SWEEP = [16, 32, 64, 128, 256, 512, 1024];
const MODES = ['resident', 'naive'];
/**
 * The tile sweep (issue 18 §4): layer 1's two matmuls with register tiles, then with workgroup
 * (shared) memory at these tiles. Each pair is one backend: its forward tile and its weight-gradient
 * tile are timed by the same epochs' timestamps, so the two lists are swept side by side; the best of
 * each (per dispatch, batch 128 and 512 together) make the tiling of the later phases.
 */
const TILE_PAIRS = [ // [forward W1, weight W1, weight W2]
  [{ TX: 8, RB: 2, RO: 1 }, { TX: 8, RB: 4, RO: 4 }, { TX: 16, RB: 1, RO: 1 }],
  [{ TX: 8, RB: 2, RO: 2 }, { TX: 16, RB: 4, RO: 2 }, { TX: 8, RB: 1, RO: 1 }],
  [{ TX: 8, RB: 1, RO: 2 }, { TX: 8, RB: 4, RO: 2 }, { TX: 16, RB: 1, RO: 2 }],
  [{ TX: 16, RB: 2, RO: 1 }, { TX: 16, RB: 4, RO: 4 }, { TX: 16, RB: 2, RO: 1 }],
  [{ TX: 4, RB: 1, RO: 2 }, { TX: 8, RB: 2, RO: 2 }, { TX: 32, RB: 2, RO: 1 }],
  [{ TX: 8, RB: 1, RO: 1 }, { TX: 16, RB: 2, RO: 4 }, { TX: 4, RB: 1, RO: 4 }],
  [{ TX: 16, RB: 4, RO: 1 }, { TX: 4, RB: 1, RO: 4 }, { TX: 16, RB: 4, RO: 1 }],
  [{ TX: 4, RB: 1, RO: 4 }, { TX: 8, RB: 4, RO: 1 }, { TX: 8, RB: 2, RO: 1 }],
];
const FORWARD_W1 = 'matmul_forward_relu (W1)';
const WEIGHT_W1 = 'matmul_backward_weight (W1)';
const WEIGHT_W2 = 'matmul_backward_weight (W2)';

// ---------------------------------------------------------------- arguments
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(`--${name}`);
const quick = flag('quick'); // a small run for a CPU Vulkan (lavapipe): same code path, smaller numbers
const cfg = {
  out: resolve(opt('out', process.env.OUT || '.')),
  mnist: resolve(opt('mnist', join(here, 'mnist'))),
  dawn: resolve(opt('dawn', join(here, 'webgpu', 'index.js'))),
  epochs: Number(opt('epochs', quick ? 2 : 5)),
  samples: Number(opt('samples', quick ? 2048 : 60000)),
  checkSamples: Number(opt('check-samples', quick ? 512 : 4096)),
  warmup: Number(opt('warmup', quick ? 1024 : WARMUP_SAMPLES)), // samples of the untimed epoch before the timed ones
  sweepSamples: Number(opt('sweep-samples', quick ? 1024 : 60000)),
  sweepRepeats: Number(opt('sweep-repeats', quick ? 1 : 3)),
  sweep: opt('sweep', SWEEP.join(',')).split(',').map(Number),
  batches: opt('batches', '128,512').split(',').map(Number),
  budgetS: Number(opt('budget', 360)), // no new phase or sweep point starts after this many seconds
  probe: flag('probe'), // adapter only: exit 0 with an adapter, 3 without
  writeExport: opt('write-export', ''), // write the export (issue 17) for the PyCUDA check into this folder, then exit
  tileEpochs: Number(opt('tile-epochs', quick ? 1 : 3)),
  quick,
};
const dawnFlags = args.flatMap((a, i) => (a === '--dawn-flag' ? [args[i + 1]] : []));
// Dawn quantizes timestamps as browsers do (100 µs steps) unless told not to: per-kernel times of a few
// µs need the raw clock. --keep-quantization measures what a browser would see instead.
if (!flag('keep-quantization')) dawnFlags.push('disable-dawn-features=timestamp_quantization');

const writesResults = !cfg.writeExport; // --write-export writes the export alone
if (writesResults) mkdirSync(cfg.out, { recursive: true });
const jsonPath = join(cfg.out, 'gpu.json');
const logPath = join(cfg.out, 'gpu.log');
if (writesResults) writeFileSync(logPath, '');
const t0 = performance.now();
function log(...parts) {
  const line = `[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${parts.join(' ')}`;
  console.log(line);
  if (writesResults) appendFileSync(logPath, line + '\n');
}
const result = {
  when: new Date().toISOString(), host: os.hostname(), cpus: os.cpus().length, cpu: os.cpus()[0]?.model,
  node: process.version, config: { ...cfg, dawnFlags, seed: SEED, learningRate: LR, hidden: HIDDEN },
  adapter: null, tiles: [], correctness: [], epochs: [], sweep: [], summary: {}, errors: [],
};
const save = () => writesResults && writeFileSync(jsonPath, JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? Number(v) : v), 2));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));

// ---------------------------------------------------------------- Dawn as navigator.gpu
async function installGpu() {
  const { create, globals } = await import(pathToFileURL(cfg.dawn).href);
  Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode, GPUShaderStage, …
  const gpu = create(dawnFlags);
  const nav = globalThis.navigator;
  try {
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  } catch {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  if (globalThis.navigator.gpu !== gpu) throw new Error('could not install navigator.gpu');
  globalThis.isSecureContext ??= true;
  return gpu;
}

const INFO_KEYS = ['vendor', 'architecture', 'device', 'description', 'subgroupMinSize', 'subgroupMaxSize', 'isFallbackAdapter'];
const LIMIT_KEYS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupsPerDimension', 'maxStorageBuffersPerShaderStage'];

async function describeAdapter(gpu) {
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = {};
  for (const k of INFO_KEYS) if (adapter.info?.[k] !== undefined) info[k] = adapter.info[k];
  const limits = Object.fromEntries(LIMIT_KEYS.map((k) => [k, adapter.limits[k]]));
  return { ...info, features: [...adapter.features].sort(), timestampQuery: adapter.features.has('timestamp-query'), limits };
}

// ---------------------------------------------------------------- tilings
const side = (t) => tileSides(t);
const tilingName = (t) => (t.kind === 'registers' ? 'registers' : `shared ${side(t.forward)} / ${side(t.weight)}${t.weight2 ? ` / W2 ${side(t.weight2)}` : ''}`);
const tileName = (t) => `TX=${t.TX} RB=${t.RB} RO=${t.RO} (${side(t)})`;
let bestTiling = null; // set by the tile sweep; the adapter's default until then

function newBackend(tiling) {
  const b = new WebGpuBackend();
  if (tiling) b.testing.tiling = tiling;
  return b;
}

// ---------------------------------------------------------------- MNIST, checked as the app checks it
async function loadMnistFiles() {
  const parsed = {};
  for (const [key, base] of Object.entries(MNIST_FILES)) {
    const raw = new Uint8Array(readFileSync(join(cfg.mnist, `${base}.gz`)));
    parsed[key] = await verifyMnistFile(key, raw, null); // gunzip, IDX structure, counts, SHA-256
  }
  return {
    train: makeDataset(parsed.trainImages, parsed.trainLabels, 'train-images', 'train-labels'),
    test: makeDataset(parsed.testImages, parsed.testLabels, 't10k-images', 't10k-labels'),
  };
}

// ---------------------------------------------------------------- phases
async function correctness(train, mode, batchSize, tiling) {
  const data = sliceDataset(train, cfg.checkSamples);
  const spec = makeSpec(HIDDEN);
  const init = initParams(spec, SEED);
  const order = epochPermutation(data.count, SEED, 0);
  const backend = newBackend(tiling);
  try {
    await backend.init(spec, init, { mode });
    await backend.setData(data);
    const s = await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const gpuParams = await backend.getParams();
    const ref = init.slice();
    const tr = performance.now();
    train_epoch(spec, ref, data, order, batchSize, LR);
    const refMs = performance.now() - tr;
    const diff = maxAbsDiff(ref, gpuParams);
    const change = maxAbsDiff(ref, init);
    return {
      mode, batchSize, tiling: tilingName(tiling), samples: data.count, maxAbsDiff: diff, maxAbsChange: change, tolerance: TOLERANCE,
      pass: diff <= TOLERANCE && change > MOVED, gpuEpochMs: s.wallMs, referenceEpochMs: refMs, describe: backendText('en', backend.describe()),
    };
  } finally {
    await backend.dispose();
  }
}

function shown(s) {
  const e = showEpoch('en', s);
  return {
    wallMs: e.wallMs, loss: e.loss, samplesPerSec: e.samplesPerSec, batches: e.batches,
    breakdown: e.breakdown.map((p) => ({ id: p.id, label: p.label, ms: p.ms, method: p.method })),
    kernels: e.kernels ?? null, extra: e.extra ?? null,
  };
}

async function timeEpochs(train, test, mode, batchSize, tiling) {
  const spec = makeSpec(HIDDEN);
  const init = initParams(spec, SEED);
  const backend = newBackend(tiling);
  try {
    await backend.init(spec, init, { mode });
    const warm = sliceDataset(train, cfg.warmup);
    await backend.setData(warm);
    await backend.trainEpoch({ epoch: 0, order: epochPermutation(warm.count, SEED, 0), batchSize, learningRate: LR });
    await backend.setParams(init);
    const data = sliceDataset(train, cfg.samples);
    await backend.setData(data);
    const epochs = [];
    for (let e = 0; e < cfg.epochs; e++) {
      const s = await backend.trainEpoch({ epoch: e, order: epochPermutation(data.count, SEED, e), batchSize, learningRate: LR });
      epochs.push(shown(s));
    }
    const ev = await backend.evaluate(test);
    const ms = epochs.map((x) => x.wallMs);
    const med = median(ms);
    const mid = epochs.reduce((a, b) => (Math.abs(b.wallMs - med) < Math.abs(a.wallMs - med) ? b : a));
    return {
      mode, batchSize, tiling: tilingName(tiling), samples: data.count, epochMs: ms, medianMs: med, minMs: Math.min(...ms), maxMs: Math.max(...ms),
      spread: (Math.max(...ms) - Math.min(...ms)) / med, noisy: (Math.max(...ms) - Math.min(...ms)) / med > 0.15, // issue 18 §2's flag
      samplesPerSec: data.count / (med / 1000), gflops: (flopsPerSample(spec) * data.count) / (med / 1000) / 1e9,
      testAccuracy: ev.accuracy, epochsTrained: cfg.epochs, describe: backendText('en', backend.describe()),
      breakdown: mid.breakdown, kernels: mid.kernels, extra: mid.extra, losses: epochs.map((x) => x.loss),
    };
  } finally {
    await backend.dispose();
  }
}

async function sweep(train, mode, tiling) {
  const spec = makeSpec(HIDDEN);
  const backend = newBackend(tiling);
  const points = [];
  try {
    await backend.init(spec, initParams(spec, SEED), { mode });
    await backend.setData(train);
    for (const [i, batchSize] of cfg.sweep.entries()) {
      if (overBudget()) {
        result.errors.push({ phase: `sweep ${mode} ${batchSize}`, message: `skipped: past the ${cfg.budgetS} s budget` });
        log(`SKIPPED sweep ${mode} batch ${batchSize}: past the ${cfg.budgetS} s budget`);
        continue;
      }
      const order = epochPermutation(train.count, SEED, i);
      const samples = Math.min(train.count, cfg.sweepSamples);
      const rates = [];
      let steps = 0;
      try {
        await backend.trainEpoch({ epoch: 0, order: order.subarray(0, Math.min(train.count, 4 * batchSize)), batchSize, learningRate: LR });
        for (let r = 0; r < cfg.sweepRepeats; r++) {
          const s = await backend.trainEpoch({ epoch: 1 + r, order: order.subarray(0, samples), batchSize, learningRate: LR });
          rates.push(s.samplesPerSec);
          steps = s.batches;
        }
      } catch (e) { // one point's failure (a diverged run, say) does not cost the others
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        result.errors.push({ phase: `sweep ${mode} ${batchSize}`, message });
        log(`ERROR in sweep ${mode} batch ${batchSize}: ${message}`);
        if (e?.name === 'DeviceLostError') throw e;
        continue;
      }
      const p = { mode, tiling: tilingName(tiling), batchSize, samples, steps, samplesPerSec: median(rates), repeats: rates };
      points.push(p);
      result.sweep.push(p); // kept even if a later point fails
      save();
      log(`  sweep ${mode} ${tilingName(tiling)} batch ${batchSize}: ${fmt(p.samplesPerSec, 0)} samples/s (${steps} steps × ${cfg.sweepRepeats})`);
    }
  } finally {
    await backend.dispose();
  }
  return points;
}

/** One tiling, resident: per batch size, --tile-epochs full epochs after a warm-up; the median epoch and the two W1 kernels' ms per dispatch. */
async function timeTiling(train, tiling) {
  const spec = makeSpec(HIDDEN);
  const backend = newBackend(tiling);
  const out = { tiling: tilingName(tiling), spec: tiling, batches: {} };
  try {
    await backend.init(spec, initParams(spec, SEED), { mode: 'resident' });
    await backend.setData(train);
    for (const batchSize of cfg.batches) {
      const order = epochPermutation(train.count, SEED, 0);
      await backend.trainEpoch({ epoch: 0, order: order.subarray(0, Math.min(train.count, cfg.warmup)), batchSize, learningRate: LR });
      const runs = [];
      for (let e = 0; e < cfg.tileEpochs; e++) {
        runs.push(shown(await backend.trainEpoch({ epoch: 1 + e, order: order.subarray(0, Math.min(train.count, cfg.samples)), batchSize, learningRate: LR })));
      }
      const ms = runs.map((r) => r.wallMs);
      const perDispatch = (label) => median(runs.map((r) => r.kernels?.find((k) => k.name === label)?.msPerDispatch ?? NaN));
      out.batches[batchSize] = { epochMs: ms, medianMs: median(ms), forwardMs: perDispatch(FORWARD_W1), weightMs: perDispatch(WEIGHT_W1), weight2Ms: perDispatch(WEIGHT_W2) };
    }
    return out;
  } finally {
    await backend.dispose();
  }
}

/** Registers, then every TILE_PAIRS tiling; returns the best shared forward tile with the best weight tile. */
async function tileSweep(train) {
  const rows = [];
  for (const tiling of [REGISTER_TILING, ...TILE_PAIRS.map(([forward, weight, weight2]) => ({ kind: 'shared', forward, weight, weight2 }))]) {
    const r = await phase(`tiles ${tilingName(tiling)}`, () => timeTiling(train, tiling));
    if (!r) continue;
    rows.push(r);
    result.tiles.push(r);
    save();
    log(`tiles ${r.tiling}: ${Object.entries(r.batches).map(([b, x]) => `batch ${b} epoch ${fmt(x.medianMs)} ms, forward W1 ${fmt(x.forwardMs * 1000, 1)} µs, weight W1 ${fmt(x.weightMs * 1000, 1)} µs, weight W2 ${fmt(x.weight2Ms * 1000, 1)} µs`).join('; ')}`);
  }
  const shared = rows.filter((r) => r.spec.kind === 'shared');
  if (!shared.length) return null;
  const cost = (r, key) => Object.values(r.batches).reduce((a, x) => a + x[key], 0); // µs at 128 + at 512
  const by = (key) => shared.filter((r) => Number.isFinite(cost(r, key))).sort((a, b) => cost(a, key) - cost(b, key))[0];
  const f = by('forwardMs'), w = by('weightMs'), w2 = by('weight2Ms');
  if (!f || !w) return null; // no timestamps: no per-kernel choice
  const reg = rows.find((r) => r.spec.kind === 'registers');
  const w2Wins = w2 && reg && cost(w2, 'weight2Ms') < cost(reg, 'weight2Ms'); // layer 2 stays on registers unless a tile beats it
  return { kind: 'shared', forward: f.spec.forward, weight: w.spec.weight, ...(w2Wins ? { weight2: w2.spec.weight2 } : {}) };
}

const overBudget = () => (performance.now() - t0) / 1000 > cfg.budgetS;

async function phase(name, fn) {
  if (overBudget()) {
    result.errors.push({ phase: name, message: `skipped: past the ${cfg.budgetS} s budget` });
    log(`SKIPPED ${name}: past the ${cfg.budgetS} s budget`);
    return null;
  }
  try {
    return await fn();
  } catch (e) {
    const err = { phase: name, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), stack: e?.stack };
    result.errors.push(err);
    log(`ERROR in ${name}: ${err.message}`);
    save();
    return null;
  }
}

// ---------------------------------------------------------------- a readable table (gpu.md)
function markdown() {
  const a = result.adapter;
  const L = [`# webgpu backend on ${result.summary.adapter}`, '',
    `${result.when}; Dawn (npm webgpu) under Node ${result.node}, ${result.cpus} CPUs (${result.cpu}); flags ${result.config.dawnFlags.join(' ') || 'none'}; timestamp-query: ${a.timestampQuery}.`, '',
  ];
  if (result.tiles.length) {
    const bs = Object.keys(result.tiles[0].batches);
    L.push(`## Tile sweep: layer 1's matmuls (resident, ${result.config.samples} samples, median of ${result.config.tileEpochs} epochs; µs per dispatch from timestamps)`, '',
      `| tiling | ${bs.map((b) => `batch ${b}: epoch ms | forward W1 µs | weight W1 µs | weight W2 µs`).join(' | ')} |`, `|---|${bs.map(() => '---|---|---|---').join('|')}|`);
    for (const r of result.tiles) {
      const name = r.spec.kind === 'registers' ? 'registers' : `forward ${tileName(r.spec.forward)}; weight ${tileName(r.spec.weight)}${r.spec.weight2 ? `; W2 ${tileName(r.spec.weight2)}` : ''}`;
      L.push(`| ${name} | ${bs.map((b) => { const x = r.batches[b]; return `${fmt(x.medianMs)} | ${fmt(x.forwardMs * 1000)} | ${fmt(x.weightMs * 1000)} | ${fmt(x.weight2Ms * 1000)}`; }).join(' | ')} |`);
    }
    const bt = result.summary.bestTiling;
    L.push('', `Chosen: ${tilingName(bt)} (forward ${tileName(bt.forward)}, weight ${tileName(bt.weight)}${bt.weight2 ? `, W2 ${tileName(bt.weight2)}` : ', W2 on registers'}).`, '');
  }
  L.push('## Equivalence with the JS reference (one epoch, seed 7, lr 0.1)', '', '| mode | batch | tiling | samples | max abs Δparam | reference moved | pass |', '|---|---|---|---|---|---|---|');
  for (const c of result.correctness) L.push(`| ${c.mode} | ${c.batchSize} | ${c.tiling} | ${c.samples} | ${c.maxAbsDiff.toExponential(2)} | ${fmt(c.maxAbsChange, 3)} | ${c.pass ? 'yes' : '**no**'} |`);
  L.push('', `## Epochs (${result.config.samples} samples, median of ${result.config.epochs} after a warm-up epoch)`, '',
    '| mode | batch | tiling | median ms | min–max ms | samples/s | GFLOP/s | test acc | breakdown (median epoch) |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of result.epochs) {
    L.push(`| ${r.mode} | ${r.batchSize} | ${r.tiling} | ${fmt(r.medianMs)}${r.noisy ? ' (noisy)' : ''} | ${fmt(r.minMs)}–${fmt(r.maxMs)} | ${fmt(r.samplesPerSec, 0)} | ${fmt(r.gflops)} | ${fmt(r.testAccuracy * 100, 2)}% | ${r.breakdown.map((p) => `${p.label} ${fmt(p.ms)}`).join(' / ')} |`);
  }
  for (const prof of result.epochs.filter((r) => r.mode === 'resident' && r.batchSize === 128 && r.kernels)) {
    L.push('', `## Kernels, resident batch 128, ${prof.tiling} (timestamps, ${prof.extra?.profiling ?? ''}; resolution ${prof.extra?.timestampResolutionNs ?? '?'} ns)`, '',
      '| kernel | ms per dispatch | dispatches | ms per epoch |', '|---|---|---|---|');
    for (const k of prof.kernels) L.push(`| ${k.name} | ${k.msPerDispatch.toFixed(4)} | ${k.dispatches} | ${fmt(k.ms, 2)} |`);
  }
  const bs = [...new Set(result.sweep.map((p) => p.batchSize))];
  if (bs.length) {
    const lines = [...new Set(result.sweep.map((p) => `${p.mode}|${p.tiling}`))];
    const rate = (line, b) => result.sweep.find((p) => `${p.mode}|${p.tiling}` === line && p.batchSize === b)?.samplesPerSec;
    L.push('', `## Sweep (samples/s, ${result.config.sweepSamples} samples per pass, median of ${result.config.sweepRepeats})`, '',
      `| mode | tiling | ${bs.join(' | ')} |`, `|---|---|${bs.map(() => '---').join('|')}|`);
    for (const line of lines) L.push(`| ${line.replace('|', ' | ')} | ${bs.map((b) => fmt(rate(line, b), 0)).join(' | ')} |`);
    L.push('', `Resident batch 512 ÷ batch 16: ${fmt(result.summary.sweepGain512over16)}× with ${result.summary.tiling}, ${fmt(result.summary.sweepGain512over16Registers)}× with registers (the course claims more than 12×).`);
  }
  if (result.errors.length) L.push('', '## Errors', '', ...result.errors.map((e) => `- ${e.phase}: ${e.message}`));
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
/** The export of issue 17 for a fixed experiment (webgpu, batch 128, lr 0.1, seed 7): mlp_pycuda.py and its helpers. */
async function writeExport(dir) {
  const { exportFiles } = await import('./exportlib.mjs');
  const files = exportFiles({ options: { backend: 'webgpu', workers: 2, threads: 2, batchSize: 128, learningRate: LR, epochs: 1, samples: 60000, seed: SEED, hiddenSize: HIDDEN } });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  console.log(`export: ${Object.keys(files).length} files in ${dir}`);
  return 0;
}

async function main() {
  if (cfg.writeExport) return writeExport(resolve(cfg.writeExport));
  log(`paralelo webgpu on Dawn: node ${process.version}, ${os.cpus().length} CPUs, flags ${JSON.stringify(dawnFlags)}`);
  const gpu = await installGpu();
  ({ WebGpuBackend, verifyMnistFile, MNIST_FILES, makeDataset, sliceDataset, initParams, epochPermutation,
    train_epoch, makeSpec, flopsPerSample, maxAbsDiff, showEpoch, backendText, REGISTER_TILING, SHARED_TILING, tileSides } = await import('./lib.mjs'));
  result.adapter = await describeAdapter(gpu);
  save();
  if (!result.adapter) {
    log('NO ADAPTER: Dawn found no WebGPU adapter (see the Vulkan diagnostics that follow)');
    return 3;
  }
  const a = result.adapter;
  log(`adapter: ${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' | ')}; timestamp-query: ${a.timestampQuery}`);
  if (a.isFallbackAdapter || a.architecture === 'software') {
    result.summary.warning = 'a software (CPU) adapter: these figures say nothing about a GPU';
    log(`WARNING: ${result.summary.warning}`);
  }
  if (cfg.probe) {
    log(JSON.stringify(a));
    return 0;
  }

  const tl = performance.now();
  const { train, test } = await loadMnistFiles();
  log(`MNIST: ${train.count} + ${test.count} samples checked (SHA-256) in ${fmt(performance.now() - tl, 0)} ms`);

  bestTiling = await phase('tile sweep', () => tileSweep(train));
  const best = bestTiling ?? SHARED_TILING;
  result.summary.bestTiling = best;
  log(`tiling for what follows: ${tilingName(best)} (${bestTiling ? 'the sweep\'s best forward and weight tiles' : 'the default: the sweep chose none'})`);
  save();

  for (const [mode, b, tiling] of [['resident', 128, best], ['resident', 128, REGISTER_TILING], ['naive', 128, best], ['resident', 512, best]]) {
    const c = await phase(`correctness ${mode} ${b} ${tilingName(tiling)}`, () => correctness(train, mode, b, tiling));
    if (!c) continue;
    result.correctness.push(c);
    log(`check ${mode} batch ${b} ${c.tiling}, ${c.samples} samples: max |Δparam| ${c.maxAbsDiff.toExponential(2)} (tolerance ${TOLERANCE}; reference moved ${fmt(c.maxAbsChange, 3)}) ${c.pass ? 'PASS' : 'FAIL'}`);
    save();
  }

  for (const tiling of [best, REGISTER_TILING]) {
    for (const b of cfg.batches) {
      for (const mode of tiling === best ? MODES : ['resident']) {
        const r = await phase(`epochs ${mode} ${b} ${tilingName(tiling)}`, () => timeEpochs(train, test, mode, b, tiling));
        if (!r) continue;
        result.epochs.push(r);
        const parts = r.breakdown.map((p) => `${p.label} ${fmt(p.ms)}`).join(' / ');
        log(`${mode} batch ${b} ${r.tiling}: median ${fmt(r.medianMs)} ms of [${r.epochMs.map((x) => fmt(x)).join(', ')}] (${r.samples} samples; ${fmt(r.samplesPerSec, 0)}/s, ${fmt(r.gflops)} GFLOP/s), test acc ${fmt(r.testAccuracy * 100, 2)}%; ${parts}`);
        if (r.kernels) log(`  kernels: ${r.kernels.map((k) => `${k.name} ${k.msPerDispatch.toFixed(4)} ms × ${k.dispatches}`).join('; ')} [${r.extra?.timestampResolutionNs ?? '?'} ns]`);
        save();
      }
    }
  }

  for (const [mode, tiling] of [['resident', best], ['resident', REGISTER_TILING], ['naive', best]]) {
    await phase(`sweep ${mode} ${tilingName(tiling)}`, () => sweep(train, mode, tiling));
    save();
  }

  const bestName = tilingName(best);
  const get = (mode, b, t = bestName) => result.epochs.find((r) => r.mode === mode && r.batchSize === b && r.tiling === t);
  const sw = (mode, b, t = bestName) => result.sweep.find((p) => p.mode === mode && p.batchSize === b && p.tiling === t);
  const s = result.summary;
  s.adapter = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
  s.tiling = bestName;
  s.correctnessPass = result.correctness.length === 4 && result.correctness.every((c) => c.pass);
  s.maxAbsDiff = Math.max(...result.correctness.map((c) => c.maxAbsDiff));
  for (const b of cfg.batches) {
    s[`resident${b}MedianMs`] = get('resident', b)?.medianMs;
    s[`resident${b}RegistersMedianMs`] = get('resident', b, 'registers')?.medianMs;
    s[`sharedOverRegisters${b}`] = get('resident', b, 'registers')?.medianMs / get('resident', b)?.medianMs;
    s[`naive${b}MedianMs`] = get('naive', b)?.medianMs;
    s[`naiveOverResident${b}`] = get('naive', b)?.medianMs / get('resident', b)?.medianMs;
  }
  s.sweepGain512over16 = sw('resident', 512)?.samplesPerSec / sw('resident', 16)?.samplesPerSec;
  s.sweepGain512over16Registers = sw('resident', 512, 'registers')?.samplesPerSec / sw('resident', 16, 'registers')?.samplesPerSec;
  for (const [key, mode, t] of [['sweepResident', 'resident', bestName], ['sweepResidentRegisters', 'resident', 'registers'], ['sweepNaive', 'naive', bestName]]) {
    s[key] = Object.fromEntries(result.sweep.filter((p) => p.mode === mode && p.tiling === t).map((p) => [p.batchSize, Math.round(p.samplesPerSec)]));
  }
  s.seconds = (performance.now() - t0) / 1000;
  save();
  writeFileSync(join(cfg.out, 'gpu.md'), markdown());
  log(`SUMMARY ${JSON.stringify(s)}`);
  return result.errors.length ? 2 : 0;
}

main().then((code) => {
  save();
  process.exit(code);
}, (e) => {
  result.errors.push({ phase: 'main', message: String(e?.stack ?? e) });
  save();
  log(`FATAL ${e?.stack ?? e}`);
  process.exit(1);
});
