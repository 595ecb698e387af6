// The single-thread builds (scalar, SIMD) run under Node straight from wasm/dist, checked against
// the reference. The threaded build needs Web Workers + SharedArrayBuffer: e2e/wasm.spec.ts covers
// it (and the pool) in Chromium.
import { maxAbsDiff } from '../../mlp/compare';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sliceDataset } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { train_epoch } from '../../mlp/reference';
import { makeSpec } from '../../mlp/spec';
import { loadMnistNode } from '../../test/mnistNode';
import { evaluateWith } from '../evaluate';
import { evalAgreement, evalProblem } from '../evalCompare';
import type { EvalResult } from '../types';
import { checkHeap, heapParts } from './heap';
import { EVAL_CHUNK, MlpModule, type MlpFactory } from './module';
import { chooseVariant, describeChoice } from './variants';

const dist = join(process.cwd(), 'wasm', 'dist');

async function load(variant: 'mlp-scalar' | 'mlp-simd'): Promise<MlpModule> {
  const factory = ((await import(/* @vite-ignore */ pathToFileURL(join(dist, `${variant}.js`)).href)) as { default: MlpFactory }).default;
  const m = await factory({ wasmBinary: readFileSync(join(dist, `${variant}.wasm`)) });
  return new MlpModule(m, variant);
}


/** The reference's weights after one pass over `samples` samples in seeded order. */
function referenceRun(samples: number, B: number, hidden: number, lr: number, seed: number) {
  const { train } = loadMnistNode();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(hidden);
  const init = initParams(spec, seed);
  const order = epochPermutation(data.count, seed, 0);
  const ref = init.slice();
  train_epoch(spec, ref, data, order, B, lr);
  return { data, spec, init, order, ref };
}

function trainWith(mod: MlpModule, r: ReturnType<typeof referenceRun>, B: number, lr: number): Float32Array {
  mod.init(r.spec, r.init);
  mod.setData(r.data.images, r.data.labels, r.data.count);
  mod.beginEpoch(r.order, B);
  const batches = Math.ceil(r.data.count / B);
  expect(mod.trainBatches(0, batches, B, r.data.count, lr)).toBe(batches);
  return mod.getParams();
}

describe('wasm backend, single-thread builds under Node', () => {
  // Stated tolerance: max |Δparam| ≤ 1e-5 after 50 batches of 128. C sums in float32, the reference
  // in float64 (and the SIMD build's second-layer forward adds 4 lanes, then combines them);
  // measured: 8.9e-8 scalar, 6.0e-8 SIMD.
  const TOL = 1e-5;
  for (const variant of ['mlp-scalar', 'mlp-simd'] as const) {
    it(`${variant} matches the reference (max |Δparam| ≤ ${TOL} after 50 batches of 128)`, async () => {
      const r = referenceRun(50 * 128, 128, 128, 0.1, 7);
      const got = trainWith(await load(variant), r, 128, 0.1);
      const diff = maxAbsDiff(r.ref, got);
      console.log(`${variant}: max |Δparam| vs reference = ${diff.toExponential(2)}, max |change| = ${maxAbsDiff(r.ref, r.init).toFixed(3)}`);
      expect(maxAbsDiff(r.ref, r.init)).toBeGreaterThan(1e-2); // training really moved the weights
      expect(diff).toBeLessThanOrEqual(TOL);
    });
  }

  it('mlp-simd trains one epoch on the full real training set to ≥ 90% test accuracy', async () => {
    const { train, test } = loadMnistNode();
    const spec = makeSpec(128);
    const mod = await load('mlp-simd');
    mod.init(spec, initParams(spec, 42));
    mod.setData(train.images, train.labels, train.count);
    mod.beginEpoch(epochPermutation(train.count, 42, 0), 64);
    const t0 = performance.now();
    expect(mod.trainBatches(0, Math.ceil(train.count / 64), 64, train.count, 0.1)).toBe(938);
    const acc = evaluateWith(spec, mod.getParams(), test).accuracy;
    console.log(`mlp-simd one epoch under Node: ${(performance.now() - t0).toFixed(0)} ms, test accuracy ${(acc * 100).toFixed(2)}%`);
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('handles an uneven last batch and odd sizes (hidden 37, batch 13) like the reference', async () => {
    const r = referenceRun(200, 13, 37, 0.05, 3);
    for (const variant of ['mlp-scalar', 'mlp-simd'] as const) {
      const got = trainWith(await load(variant), r, 13, 0.05);
      expect(maxAbsDiff(r.ref, got)).toBeLessThanOrEqual(1e-5);
    }
  });

  it('trains from the weights set last: setParams after training repeats the same run bit for bit', async () => {
    // the SIMD build trains from a packed copy of W1 (wasm/rows.h); it must follow every setParams
    const r = referenceRun(6 * 24, 24, 20, 0.1, 5);
    for (const variant of ['mlp-scalar', 'mlp-simd'] as const) {
      const mod = await load(variant);
      const first = trainWith(mod, r, 24, 0.1);
      const again = trainWith(mod, r, 24, 0.1); // init with the same shape keeps the buffers: setParams alone resets
      expect(maxAbsDiff(first, again)).toBe(0);
      expect(maxAbsDiff(first, r.init)).toBeGreaterThan(0.01);
    }
  });

  it('the per-batch losses are the reference losses', async () => {
    const r = referenceRun(4 * 64, 64, 32, 0.1, 11);
    const mod = await load('mlp-simd');
    trainWith(mod, r, 64, 0.1);
    const losses = mod.batchLosses(0, 4);
    for (const l of losses) expect(l).toBeGreaterThan(1.5); // untrained: close to ln 10 ≈ 2.30
    expect(Math.abs(losses[0] - 2.3)).toBeLessThan(0.5);
  });

  it('stops at a stop flag between batches and keeps the last completed batch', async () => {
    const r = referenceRun(10 * 32, 32, 32, 0.1, 2);
    const mod = await load('mlp-simd');
    mod.init(r.spec, r.init);
    mod.setData(r.data.images, r.data.labels, r.data.count);
    mod.beginEpoch(r.order, 32);
    const stop = new Int32Array(new SharedArrayBuffer(4));
    expect(mod.trainBatches(0, 3, 32, r.data.count, 0.1, stop)).toBe(3);
    Atomics.store(stop, 0, 1);
    const before = mod.getParams();
    expect(mod.trainBatches(3, 7, 32, r.data.count, 0.1, stop)).toBe(0);
    expect(maxAbsDiff(before, mod.getParams())).toBe(0);
  });

  it('does not grow the heap across 10 consecutive runs', async () => {
    const mod = await load('mlp-simd');
    const r = referenceRun(1000, 100, 128, 0.1, 1);
    const seen: { inUse: number; top: number }[] = [];
    for (let run = 0; run < 10; run++) {
      trainWith(mod, r, 100, 0.1);
      const h = mod.heap();
      seen.push({ inUse: h.inUse, top: h.top });
    }
    expect(seen[0].inUse).toBeGreaterThan(heapParts({ spec: r.spec, samples: 1000, batchSize: 100 }).total);
    for (const s of seen) expect(s).toEqual(seen[0]);
  });

  it('refuses a configuration that does not fit, naming the numbers', async () => {
    const mod = await load('mlp-simd');
    const spec = makeSpec(1024);
    mod.init(spec, initParams(spec, 1));
    const { train } = loadMnistNode();
    mod.setData(train.images, train.labels, train.count);
    expect(() => mod.beginEpoch(epochPermutation(train.count, 1, 0), 60000))
      .toThrowError(/needs [\d.]+ MiB of WASM heap but the module has 256\.0 MiB: training set 44\.9 MiB \(60000 samples\).*batch scratch [\d.]+ MiB \(batch 60000\)/);
    expect(() => checkHeap({ spec, samples: 60000, batchSize: 64 }, 256 * 2 ** 20, 2 ** 20)).not.toThrow();
  });
});

/** The C forward pass's result as the backend returns it (worker.ts does the same division). */
function evalWasm(mod: MlpModule, d: { images: Uint8Array; labels: Uint8Array; count: number }): EvalResult {
  const f = mod.evaluate(d.images, d.labels, d.count);
  return { loss: f.lossSum / d.count, accuracy: f.correct / d.count, predictions: f.predictions, probabilities: f.probabilities };
}

describe('wasm backend inference: the C forward pass (mlp_evaluate)', () => {
  const { test } = loadMnistNode();
  for (const variant of ['mlp-scalar', 'mlp-simd'] as const) {
    it(`${variant}: equals evaluateWith right after init (no setData), for 1, 2345 and 10,000 images`, async () => {
      const r = referenceRun(20 * 100, 100, 128, 0.1, 5); // trained weights: confident, few near-ties
      const mod = await load(variant);
      mod.init(r.spec, r.ref);
      for (const n of [1, 2345, test.count]) {
        const d = sliceDataset(test, n);
        const got = evalWasm(mod, d);
        const ref = evaluateWith(r.spec, r.ref, d);
        const a = evalAgreement(got, ref, r.spec.outputSize);
        console.log(`${variant} evaluate n=${n}: ${a.mismatchGaps.length} differing predictions, max |Δprob| ${a.maxProbDiff.toExponential(2)}, rel |Δloss| ${a.lossRelDiff.toExponential(2)}, accuracy ${(got.accuracy * 100).toFixed(2)}%`);
        expect(evalProblem(a)).toBeNull();
        expect(got.predictions.length).toBe(n);
        if (n > 1) expect(got.accuracy).toBeGreaterThan(0.5); // trained weights (untrained: about 10%)
      }
      expect(2345 % EVAL_CHUNK).not.toBe(0); // a last chunk shorter than the others
    });
  }

  it('follows setParams and training, and a second init of another shape', async () => {
    const r = referenceRun(10 * 64, 64, 128, 0.1, 9);
    const mod = await load('mlp-simd');
    const d = sliceDataset(test, 1500);
    const trained = trainWith(mod, r, 64, 0.1); // after training: the weights in the heap
    expect(evalProblem(evalAgreement(evalWasm(mod, d), evaluateWith(r.spec, trained, d), 10))).toBeNull();
    mod.setParams(r.init); // after setParams: the new weights, not the trained ones
    const untrained = evalWasm(mod, d);
    expect(evalProblem(evalAgreement(untrained, evaluateWith(r.spec, r.init, d), 10))).toBeNull();
    expect(Math.abs(untrained.loss - evaluateWith(r.spec, trained, d).loss)).toBeGreaterThan(0.1);
    const small = makeSpec(37); // init again with another hidden size: the scratch is rebuilt
    const p = initParams(small, 4);
    mod.init(small, p);
    expect(evalProblem(evalAgreement(evalWasm(mod, d), evaluateWith(small, p, d), 10))).toBeNull();
  });

  it('one image takes well under 20 ms (the Digits page predicts as the student draws)', async () => {
    const spec = makeSpec(128);
    const params = initParams(spec, 3);
    const mod = await load('mlp-simd');
    mod.init(spec, params);
    const one = sliceDataset(test, 1);
    evalWasm(mod, one); // first call: scratch allocated
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      evalWasm(mod, one);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`mlp-simd evaluate n=1: median ${times[10].toFixed(3)} ms`);
    expect(times[10]).toBeLessThan(20);
  });

  it('counts the inference scratch in the heap check and keeps the heap flat across evaluations', async () => {
    const spec = makeSpec(128);
    expect(heapParts({ spec, samples: 0, batchSize: 0, evalRows: 1000 }).evaluate).toBeGreaterThan(1000 * 784 * 5);
    expect(() => checkHeap({ spec: makeSpec(1024), samples: 60000, batchSize: 64, evalRows: 1000 }, 32 * 2 ** 20, 2 ** 20))
      .toThrowError(/inference scratch [\d.]+ MiB \(1000 images\)/);
    const mod = await load('mlp-simd');
    mod.init(spec, initParams(spec, 2));
    evalWasm(mod, test);
    const h = mod.heap();
    for (let i = 0; i < 3; i++) evalWasm(mod, sliceDataset(test, 777 + i));
    expect(mod.heap()).toEqual(h);
  });
});

describe('wasm variant choice', () => {
  it('uses threads only where the page is cross-origin isolated, and says so otherwise', () => {
    expect(chooseVariant({ threads: 4 }, { crossOriginIsolated: true, simd: true })).toEqual({ variant: 'mlp-simd-mt', threads: 4, simd: true });
    const fb = chooseVariant({ threads: 4 }, { crossOriginIsolated: false, simd: true });
    expect(fb.variant).toBe('mlp-simd');
    expect(fb.threads).toBe(1);
    expect(describeChoice(fb)).toEqual([{ id: 'describe_wasm_simd' }, { id: 'wasm_fallback_not_isolated', params: { threads: 4 } }]);
    expect(chooseVariant({ simd: false }, { crossOriginIsolated: true, simd: true }).variant).toBe('mlp-scalar');
    expect(describeChoice(chooseVariant({ simd: false }, { crossOriginIsolated: true, simd: true }))).toEqual({ id: 'describe_wasm_scalar' });
    expect(chooseVariant({ threads: 1 }, { crossOriginIsolated: true, simd: true }).variant).toBe('mlp-simd');
    expect(() => chooseVariant({ threads: 9 }, { crossOriginIsolated: true, simd: true })).toThrowError(/threads must be an integer between 1 and 8, got 9/);
    expect(chooseVariant({ threads: 2 }, { crossOriginIsolated: true, simd: false }).variant).toBe('mlp-scalar');
    expect(() => chooseVariant({ threads: 0 }, { crossOriginIsolated: true, simd: true })).toThrowError(/got 0/);
  });
});
