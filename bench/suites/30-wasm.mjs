// wasm (C → WebAssembly): the sequential-C baseline (scalar, 1 thread), SIMD128 on 1, 2 and 4
// threads, and TensorFlow.js's wasm backend (XNNPACK, threaded SIMD build) asked for 1 and for 2
// threads, in the same run. TF.js creates its thread pool once, when its backend initialises, so
// each peer row runs in a fresh harness page with setThreadsCount() called first; the row's name
// gives the count TF.js reports it used (getThreadsCount()), and every "× faster" check compares
// rows that ran the same number of threads.
import { ACCURACY_EPOCHS, median as medianOf, sameThreadsRatio, summarise } from '../report.mjs';
import { inFreshPage } from '../chromium.mjs';

export const name = 'wasm';

const BATCH = 128;
const VARIANTS = [
  { name: 'wasm scalar, 1 thread (sequential C)', opts: { simd: false }, threads: 1 },
  { name: 'wasm SIMD, 1 thread', opts: { simd: true, threads: 1 }, threads: 1, simd: true },
  { name: 'wasm SIMD, 2 threads', opts: { simd: true, threads: 2 }, threads: 2, simd: true },
  { name: 'wasm SIMD, 4 threads', opts: { simd: true, threads: 4 }, threads: 4, simd: true },
];
const PEER_THREADS = [1, 2];
// Multiply-adds × 2 of one epoch (60,000 samples) in the four matmuls that train the model: the
// forward passes (784→128, 128→10), layer 2's dinp and the two weight gradients (layer 1 has no
// dinp). Bias, ReLU, softmax and the update are O(parameters) and left out.
const C = 784, H = 128, V = 10, SAMPLES = 60000;
export const EPOCH_FLOP = SAMPLES * 2 * (2 * C * H + 3 * H * V);
// Issue 18 §1: 0.32 s/epoch where this kernel's floor (EPOCH_FLOP ÷ the 2-thread peak) was 0.286 s,
// i.e. 89% of the peak over a whole epoch; stated as that share so it reads on any machine.
const PEAK_SHARE_TARGET = 0.286 / 0.32;
/** The 2-thread peak must be at least this multiple of the 1-thread one for the share to be judged. */
const PEAK_SCALING_MIN = 1.8;
const PEAK_THREADS = [1, 2, 4];
const PEAK_KERNELS = [
  { id: 0, name: 'bcast 4×8 (second layer backward: dh, dW2)' }, { id: 1, name: 'nt 2×4 (second layer forward; inference)' },
  { id: 2, name: 'panel 4×8 dW1 (training\'s first layer, packed)' },
  { id: 3, name: 'panel 4×8 forward (training\'s first layer, packed, two steps a turn)' },
];
// Kernel 4 of wasm/peak.c: the first layer's two kernels alone, one call per batch of 128
const CEILING_KERNEL = 4;
const EPOCH_BATCHES = Math.ceil(SAMPLES / BATCH);
const LAYER1_FLOP_PER_BATCH = 2 * 2 * BATCH * C * H;
const PEER_TARGET = 5; // × faster than TF.js wasm at the same thread count
/** What this suite times, checked against the reference first (bench/equivalence.mjs). */
export const checked = VARIANTS.map((v) => ({ name: v.name, opts: v.opts, backend: 'wasm' }));

const median = (row) => summarise(row).medianMs;
const ratio = (slow, fast) => median(slow) / median(fast);

/** TF.js wasm asked for `threads`, in a fresh page (its thread pool is fixed once per page). */
function peerInFreshPage(page, threads, runs) {
  return inFreshPage(page, (fresh) => fresh.evaluate(([b, n, t]) => window.harness.tfjsEpochs('wasm', b, n, undefined, t), [BATCH, runs, threads]));
}

/**
 * The peak rows: each micro-kernel on L1-resident data (wasm/peak.c) with 1, 2 and 4 threads;
 * epochMs holds ms per GFLOP, so median/min/max read as the rate's spread. Returns the best
 * kernel's median GFLOP/s per thread count (the machine's SIMD128 peak with our kernels).
 */
function peakRows(page, runs, rows, log) {
  // in a page of its own: the lab module it starts (a 256 MiB heap and its pool) must not outlive
  // these rows, or the memory suite, later in the same harness page, would count it
  return inFreshPage(page, (fresh) => peakRowsIn(fresh, runs, rows, log));
}

async function peakRowsIn(page, runs, rows, log) {
  const best = {}, ceiling = {};
  for (const threads of PEAK_THREADS) {
    const s = threads > 1 ? 's' : '';
    for (const k of PEAK_KERNELS) {
      const r = await page.evaluate(([t, id, n]) => window.harness.wasm.peak(t, id, n), [threads, k.id, Math.max(runs, 5)])
        .catch((e) => ({ gflops: [], error: String(e?.message ?? e) }));
      const med = medianOf(r.gflops);
      rows.push({
        name: `peak: SIMD128 ${k.name}, ${threads} thread${s}, L1-resident (ms per GFLOP)`, threads,
        epochMs: r.gflops.map((g) => 1000 / g), error: r.error,
        note: r.error ? undefined : `${med.toFixed(1)} GFLOP/s (${(med / r.threads).toFixed(1)} per thread); pool ran ${r.threads} thread(s)`,
      });
      log(`peak ${k.name}, ${threads} thread(s): ${r.gflops.map((g) => g.toFixed(1)).join(', ')} GFLOP/s ${r.error ?? ''}`);
      if (Number.isFinite(med) && !(med <= best[threads])) best[threads] = med;
    }
    // The ceiling: what the first layer's two kernels alone take over an epoch's batches, nothing else
    const r = await page.evaluate(([t, id, n, c]) => window.harness.wasm.peak(t, id, n, c), [threads, CEILING_KERNEL, Math.max(runs, 5), EPOCH_BATCHES])
      .catch((e) => ({ gflops: [], error: String(e?.message ?? e) }));
    const med = medianOf(r.gflops), ms = (g) => (LAYER1_FLOP_PER_BATCH * EPOCH_BATCHES) / (g * 1e6);
    if (Number.isFinite(med)) ceiling[threads] = { ms: ms(med), share: med / best[threads] };
    rows.push({
      name: `ceiling: the first layer's forward and dW1 (+ update) alone, ${threads} thread${s}, ${EPOCH_BATCHES} batches of ${BATCH}`, threads, batchSize: BATCH,
      epochMs: r.gflops.map(ms), error: r.error,
      note: r.error ? undefined : `${med.toFixed(1)} GFLOP/s = ${((med / best[threads]) * 100).toFixed(0)}% of the ${threads}-thread peak; `
        + 'no gather, second layer, softmax, dh packing or biases: no epoch can be faster (wasm/peak.c)',
    });
    log(`ceiling, ${threads} thread(s): ${r.gflops.map((g) => ms(g).toFixed(0)).join(', ')} ms ${r.error ?? ''}`);
  }
  return { best, ceiling };
}

/** "X GFLOP/s, Y% of the peak with as many threads" for a training row at `threads`. */
function shareOfPeak(row, peak) {
  const s = median(row) / 1000;
  const gflops = EPOCH_FLOP / s / 1e9;
  const p = peak[row.threads];
  return { gflops, share: p ? gflops / p : NaN, floorS: p ? EPOCH_FLOP / (p * 1e9) : NaN };
}

export async function run({ page, runs, log }) {
  const rows = [];
  const checks = [];
  const notes = [];
  const byName = {};
  const { best: peak, ceiling } = await peakRows(page, runs, rows, log);
  for (const v of VARIANTS) {
    const t = await page.evaluate(([opts, b, n, a]) => window.harness.timeEpochs('wasm', opts, b, n, undefined, undefined, undefined, a), [v.opts, BATCH, runs, ACCURACY_EPOCHS]);
    const row = { name: v.name, threads: v.threads, batchSize: BATCH, epochMs: t.epochMs, accuracy: t.accuracy, accuracyEpochs: t.accuracyEpochs, note: t.describe };
    rows.push(row);
    byName[v.name] = { row, breakdown: t.breakdown };
    log(`${v.name}: ${t.epochMs.map((x) => x.toFixed(0)).join(', ')} ms (${t.describe})`);
  }
  const peers = [];
  for (const asked of PEER_THREADS) {
    const tf = await peerInFreshPage(page, asked, runs).catch((e) => ({ epochMs: [], error: String(e?.message ?? e) }));
    const used = tf.threads;
    const peer = {
      name: `tfjs-wasm (peer), asked ${asked}, ran ${used ?? '?'} thread${used === 1 ? '' : 's'}`, threads: used, batchSize: BATCH,
      epochMs: tf.epochMs, accuracy: tf.accuracy, accuracyEpochs: tf.accuracyEpochs, error: tf.error,
      note: tf.error ? undefined : `setThreadsCount(${asked}) before setBackend('wasm'); getThreadsCount() = ${used}; ${tf.build}`,
    };
    rows.push(peer);
    peers.push(peer);
    log(`tfjs wasm asked ${asked} thread(s), ran ${used}: ${tf.epochMs.map((x) => x.toFixed(0)).join(', ')} ms ${tf.error ?? tf.build}`);
    if (Number.isInteger(used) && used !== asked) notes.push(`TF.js wasm asked for ${asked} thread(s) ran ${used} (${tf.build}): its row is compared with ours at ${used}`);
  }
  // one check per thread count TF.js actually ran, against our SIMD row with that many threads
  const compared = new Set();
  for (const peer of peers) {
    const ours = VARIANTS.find((v) => v.simd && v.threads === peer.threads);
    if (!ours || compared.has(peer.threads)) continue;
    compared.add(peer.threads);
    const r = sameThreadsRatio(byName[ours.name].row, peer);
    checks.push({
      label: `wasm SIMD vs TF.js wasm, ${peer.threads} thread${peer.threads === 1 ? '' : 's'} each (× faster)`,
      value: r.comparable ? r.ratio.toFixed(2) : `not compared: ${r.reason}`, target: `≥ ${PEER_TARGET}`, pass: r.comparable && r.ratio >= PEER_TARGET,
    });
  }
  if (!peers.some((p) => p.threads === 2)) notes.push('no TF.js wasm row ran 2 threads: wasm SIMD, 2 threads has no like-for-like peer in this run');

  const scalar = byName[VARIANTS[0].name].row, simd1 = byName[VARIANTS[1].name].row;
  const simd2 = byName[VARIANTS[2].name].row, simd4 = byName[VARIANTS[3].name].row;
  const s2 = median(simd2);
  checks.push({ label: 'wasm SIMD + 2 threads, s/epoch at batch 128', value: (s2 / 1000).toFixed(3), target: '≤ 1.0', pass: s2 <= 1000 });
  for (const v of VARIANTS.slice(1)) {
    const row = byName[v.name].row, p = shareOfPeak(row, peak);
    if (Number.isFinite(p.share)) row.note += `; ${p.gflops.toFixed(1)} GFLOP/s = ${(p.share * 100).toFixed(0)}% of the ${v.threads}-thread peak (floor ${p.floorS.toFixed(3)} s/epoch)`;
  }
  const p2 = shareOfPeak(simd2, peak);
  // A share of a peak measured while something else held a core is a share of the wrong peak: the
  // check would pass on a busy machine. Two threads on two idle cores make 1.99× the 1-thread peak.
  const peakScaling = peak[2] / peak[1];
  const busy = !(peakScaling >= PEAK_SCALING_MIN);
  checks.push({
    label: `wasm SIMD + 2 threads, share of the 2-thread SIMD128 peak over an epoch (${(EPOCH_FLOP / 1e9).toFixed(2)} GFLOP at batch 128)`,
    value: (Number.isFinite(p2.share) ? `${(p2.share * 100).toFixed(1)}% (${(s2 / 1000).toFixed(3)} s; floor ${p2.floorS.toFixed(3)} s)` : 'no peak measured')
      + (ceiling[2] ? `; the first layer's kernels alone: ${(ceiling[2].ms / 1000).toFixed(3)} s = ${(ceiling[2].share * 100).toFixed(1)}%` : '')
      + (busy ? `; not judged: the 2-thread peak was ${peakScaling.toFixed(2)}× the 1-thread one (< ${PEAK_SCALING_MIN}), so a core was busy elsewhere` : ''),
    target: `≥ ${(PEAK_SHARE_TARGET * 100).toFixed(0)}% (issue 18: 0.32 s against a 0.286 s floor; here ≤ ${Number.isFinite(p2.floorS) ? (p2.floorS / PEAK_SHARE_TARGET).toFixed(3) : '?'} s)`,
    pass: !busy && p2.share >= PEAK_SHARE_TARGET,
  });
  const simdGain = ratio(scalar, simd1);
  checks.push({ label: 'SIMD vs scalar, 1 thread (× faster)', value: simdGain.toFixed(2), target: '≥ 2', pass: simdGain >= 2 });
  const threadGain = ratio(simd1, simd2);
  checks.push({ label: '2 threads vs 1 thread, SIMD (× faster)', value: threadGain.toFixed(2), target: '≥ 1.6', pass: threadGain >= 1.6 });
  notes.push(`4 threads vs 1 thread: ${ratio(simd1, simd4).toFixed(2)}× (navigator.hardwareConcurrency bounds this)`);
  for (const v of VARIANTS.slice(1)) {
    const last = byName[v.name].breakdown.at(-1) ?? [];
    notes.push(`${v.name}, last epoch: ${last.map((p) => `${p.label} ${p.ms.toFixed(0)} ms`).join(', ')}`);
  }
  return { rows, checks, notes };
}
