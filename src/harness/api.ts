import { createBackend } from '../backends/registry';
import { backendText, showEpoch } from '../i18n/backendText';
import type { BackendName, BackendOptions } from '../backends/types';
import { sliceDataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { train_epoch } from '../mlp/reference';
import { makeSpec } from '../mlp/spec';
import { DEFAULT_CONFIG } from '../train/config';
import { prepareBackend, trainEpochs } from '../train/trainer';
import { conformance } from './conformance';
import { enduranceHarness } from './endurance';
import { memoryHarness } from './memory';
import { faultsHarness } from './faults';
import { inferenceTiming } from './inference';
import { kmeansTiming } from './kmeans';
import { wasmHarness } from './wasm';
import { webgpuHarness } from './webgpu';
import { workersHarness } from './workers';

export interface EquivalenceResult {
  backend: string;
  describe: string;
  samples: number;
  batchSize: number;
  maxAbsDiff: number;
  maxAbsChange: number; // how far training moved the reference weights (so a no-op cannot pass)
}

/**
 * Trains `samples` samples (one epoch, seeded order) with the reference and with `backend`, from the
 * same initial weights, and reports max |Δparam|.
 */
async function equivalence(name: BackendName, opts: BackendOptions = {}, samples = 6400, batchSize = 128, hidden = 128, lr = 0.1, seed = 7): Promise<EquivalenceResult> {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(hidden);
  const init = initParams(spec, seed);
  const order = epochPermutation(data.count, seed, 0);
  const ref = init.slice();
  train_epoch(spec, ref, data, order, batchSize, lr);
  const backend = await createBackend(name);
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: lr });
    const got = await backend.getParams();
    let maxAbsDiff = 0, maxAbsChange = 0;
    for (let i = 0; i < ref.length; i++) {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(ref[i] - got[i]));
      maxAbsChange = Math.max(maxAbsChange, Math.abs(ref[i] - init[i]));
    }
    return { backend: name, describe: backendText('en', backend.describe()), samples: data.count, batchSize, maxAbsDiff, maxAbsChange };
  } finally {
    await backend.dispose();
  }
}

export interface EpochTiming {
  backend: string;
  describe: string;
  batchSize: number;
  epochMs: number[];
  samplesPerSec: number[];
  accuracy: number;
  /** full epochs trained from the seeded initial weights before `accuracy` was measured */
  accuracyEpochs: number;
  breakdown: unknown[];
}

/**
 * Trains `epochs` full epochs (after `warmup` epochs on a slice, then the seeded initial weights
 * again) and reports each epoch's time. The test accuracy is measured once, after the first
 * `accuracyEpochs` of them (outside the epoch's time), so every bench row states the same thing.
 */
async function timeEpochs(name: BackendName, opts: BackendOptions, batchSize: number, epochs: number, warmupSamples = 6000, lr = 0.1, seed = 1, accuracyEpochs = 1): Promise<EpochTiming> {
  const { train, test } = await loadMnist();
  const backend = await createBackend(name);
  try {
    const warm = sliceDataset(train, warmupSamples);
    await prepareBackend(backend, { hiddenSize: 128, batchSize, learningRate: lr, epochs: 1, seed }, warm, opts);
    if (warmupSamples > 0) await trainEpochs(backend, { batchSize, learningRate: lr, epochs: 1, seed }, warm, null);
    await backend.setParams(initParams(makeSpec(128), seed));
    await backend.setData(train);
    const first = Math.min(Math.max(1, accuracyEpochs), epochs);
    const a = await trainEpochs(backend, { batchSize, learningRate: lr, epochs: first, seed }, train, test);
    const b = epochs > first ? await trainEpochs(backend, { batchSize, learningRate: lr, epochs: epochs - first, seed }, train, null, {}, undefined, first) : null;
    const all = [...a.epochs, ...(b?.epochs ?? [])];
    return {
      backend: name, describe: backendText('en', backend.describe()), batchSize,
      epochMs: all.map((e) => e.wallMs), samplesPerSec: all.map((e) => e.samplesPerSec),
      accuracy: a.evaluation!.accuracy, accuracyEpochs: first, breakdown: all.map((e) => showEpoch('en', e).breakdown),
    };
  } finally {
    await backend.dispose();
  }
}

/** Test accuracy after each of `epochs` epochs with the app's default hyperparameters. */
async function accuracyCurve(name: BackendName, opts: BackendOptions, epochs: number) {
  const { train, test } = await loadMnist();
  const backend = await createBackend(name);
  try {
    const config = { ...DEFAULT_CONFIG, epochs: 1 };
    await prepareBackend(backend, config, train, opts);
    const accuracy: number[] = [];
    for (let e = 0; e < epochs; e++) {
      const r = await trainEpochs(backend, config, train, test, {}, undefined, e);
      accuracy.push(r.evaluation!.accuracy);
    }
    return { config, accuracy };
  } finally {
    await backend.dispose();
  }
}

/** The reference's parameters after one seeded epoch over the first `samples` images (what equivalence() compares with), for the bench's native programs. */
async function referenceParams(samples = 6400, batchSize = 128, hidden = 128, lr = 0.1, seed = 7): Promise<number[]> {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(hidden);
  const params = initParams(spec, seed);
  train_epoch(spec, params, data, epochPermutation(data.count, seed, 0), batchSize, lr);
  return Array.from(params);
}

export const harness = {
  accuracyCurve,
  referenceParams,
  /** The exported programs (src/export) for these options, name → text (the bench builds and runs them natively) */
  exportFiles: async (options: import('../export').ExportOptions) => (await import('../export')).exportFiles({ options }),
  /** Markdown → HTML as a Markdown cell inserts it (renderMarkdown, then DOMPurify; `sanitize: false`: before DOMPurify) */
  markdownHtml: async (source: string, { sanitize = true }: { sanitize?: boolean } = {}) => {
    const [{ renderMarkdown }, { sanitizeHtml }] = await Promise.all([import('../notebook/core/markdown'), import('../notebook/core/sanitize')]);
    return sanitize ? sanitizeHtml(renderMarkdown(source)) : renderMarkdown(source);
  },
  /** Monaco's tokens for `source` with the editor's JavaScript grammar (what colours the code), one array per line */
  editorTokens: async (source: string) => {
    const { monaco } = await import('../components/editor/monaco');
    await monaco.editor.colorize('', 'javascript', {}); // resolves the lazily created tokenizer
    return monaco.editor.tokenize(source, 'javascript').map((line) => line.map((t) => ({ offset: t.offset, type: t.type })));
  },
  /** Every lesson's build-time HTML (src/lessons/compile.ts), each Markdown cell with what DOMPurify, as the page configures it, would change in it */
  lessonHtml: async () => {
    const [{ lessons, loadLessons, loadLessonExtras }, { sanitizeChanges }] = await Promise.all([import('../lessons'), import('../notebook/core/sanitize')]);
    const out: { lang: string; slug: string; markdown: number; withHtml: number; removed: string[] }[] = [];
    for (const lang of ['es', 'en'] as const) {
      await loadLessons(lang);
      for (const l of lessons(lang)) {
        await loadLessonExtras(lang, l.slug);
        const md = l.cells.filter((c) => c.kind === 'markdown');
        out.push({ lang, slug: l.slug, markdown: md.length, withHtml: md.filter((c) => typeof c.html === 'string' && c.html.length > 0).length, removed: md.flatMap((c) => sanitizeChanges(c.html ?? '')) });
      }
    }
    return out;
  },
  /** DOMPurify as the page configures it, on any HTML; what it would change */
  sanitizeChanges: async (html: string) => (await import('../notebook/core/sanitize')).sanitizeChanges(html),
  /** DOMPurify as the page configures it, on any HTML */
  sanitizeHtml: async (html: string) => (await import('../notebook/core/sanitize')).sanitizeHtml(html),
  conformance,
  /** the TF.js peer; `threads`: TF.js wasm's thread count, set before its backend initialises (once per page) */
  tfjsEpochs: async (backendName: string, batchSize: number, epochs: number, lr?: number, threads?: number) =>
    (await import('./tfjs')).tfjsEpochs(backendName, batchSize, epochs, lr, undefined, threads),
  equivalence,
  timeEpochs,
  inferenceTiming,
  kmeansTiming,
  searchTiming: async (nJobs: number, runs: number) => (await import('./search')).searchTiming(nJobs, runs),
  workers: workersHarness,
  faults: faultsHarness,
  endurance: enduranceHarness,
  memory: memoryHarness,
  wasm: wasmHarness,
  webgpu: webgpuHarness,
  crossOriginIsolated: () => globalThis.crossOriginIsolated === true,
  loadMnist: async () => {
    const { train, test } = await loadMnist();
    return { train: train.count, test: test.count };
  },
};
