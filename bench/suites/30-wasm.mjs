// wasm (C → WebAssembly): the sequential-C baseline (scalar, 1 thread), SIMD128 on 1, 2 and 4
// threads, and TensorFlow.js's wasm backend (XNNPACK, threaded SIMD build) in the same run.
import { summarise } from '../report.mjs';

export const name = 'wasm';

const BATCH = 128;
const VARIANTS = [
  { name: 'wasm scalar, 1 thread (sequential C)', opts: { simd: false } },
  { name: 'wasm SIMD, 1 thread', opts: { simd: true, threads: 1 } },
  { name: 'wasm SIMD, 2 threads', opts: { simd: true, threads: 2 } },
  { name: 'wasm SIMD, 4 threads', opts: { simd: true, threads: 4 } },
];
/** What this suite times, checked against the reference first (bench/equivalence.mjs). */
export const checked = VARIANTS.map((v) => ({ ...v, backend: 'wasm' }));

const median = (row) => summarise(row).medianMs;
const ratio = (slow, fast) => median(slow) / median(fast);

export async function run({ page, runs, log }) {
  const rows = [];
  const checks = [];
  const notes = [];
  const byName = {};
  for (const v of VARIANTS) {
    const t = await page.evaluate(([opts, b, n]) => window.harness.timeEpochs('wasm', opts, b, n), [v.opts, BATCH, runs]);
    const row = { name: v.name, batchSize: BATCH, epochMs: t.epochMs, accuracy: t.accuracy, note: t.describe };
    rows.push(row);
    byName[v.name] = { row, breakdown: t.breakdown };
    log(`${v.name}: ${t.epochMs.map((x) => x.toFixed(0)).join(', ')} ms (${t.describe})`);
  }
  const peerRuns = Math.max(1, Math.min(runs, 2));
  const tf = await page.evaluate(([b, n]) => window.harness.tfjsEpochs('wasm', b, n), [BATCH, peerRuns]);
  const peer = { name: 'tfjs-wasm (peer)', batchSize: BATCH, epochMs: tf.epochMs, accuracy: tf.accuracy, error: tf.error };
  rows.push(peer);
  log(`tfjs wasm: ${tf.epochMs.map((x) => x.toFixed(0)).join(', ')} ms ${tf.error ?? ''}`);

  const scalar = byName[VARIANTS[0].name].row, simd1 = byName[VARIANTS[1].name].row;
  const simd2 = byName[VARIANTS[2].name].row, simd4 = byName[VARIANTS[3].name].row;
  const s2 = median(simd2);
  checks.push({ label: 'wasm SIMD + 2 threads, s/epoch at batch 128', value: (s2 / 1000).toFixed(3), target: '≤ 1.0', pass: s2 <= 1000 });
  const vsPeer = ratio(peer, simd2);
  checks.push({ label: 'wasm SIMD + 2 threads vs TF.js wasm (× faster)', value: vsPeer.toFixed(2), target: '≥ 5', pass: vsPeer >= 5 });
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
