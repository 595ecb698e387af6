// tfjs.* in cell scope (issue 16 §4, lesson 11): the course's MLP trained the framework way with
// TensorFlow.js, on the app's MNIST, seeded weights and seeded batch order, so its time, accuracy and
// lines of code sit beside train()'s. This module and TF.js itself are loaded only when a cell calls
// tfjs.* (api.ts imports it dynamically): the page and the kernel's first load do not carry them.
import type * as TF from '@tensorflow/tfjs';
import { t, type Lang } from '../../i18n';
import { StoppedError } from '../../backends/types';
import { initParams } from '../../mlp/init';
import { epochPermutation } from '../../mlp/random';
import { makeSpec } from '../../mlp/spec';
import referenceSource from '../../mlp/reference.ts?raw';
import tfjsModelSource from './tfjsModel.ts?raw';
import { median } from './charts';
import { formatCount, formatPercent } from './limits';
import { numberLocale } from './measure';
import type { Output } from './protocol';
import { mnistData } from './session';
import { functionSources, kerasWeights, linesOfCode, resolveTfjsOptions, seededBatches, TFJS_BACKENDS, type TfjsBackend, type TfjsOptions } from './frameworksCore';
import { buildModel, trainEpoch } from './tfjsModel';

export interface FrameworksContext {
  lang: Lang;
  knobs: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
  post(output: Output): void;
  id(prefix: string): string;
}

/** What `await tfjs.train(...)` returns: shaped like a train() run where it can be, for show.table and charts. */
export interface TfjsRun {
  label: string;
  /** the backend asked for */
  backend: TfjsBackend;
  /** the backend TF.js reports it ran on (tf.getBackend()) */
  backendUsed: string;
  /** TF.js wasm's threads (1: its threaded build cannot start threads inside the kernel worker); null on other backends */
  threads: number | null;
  config: { epochs: number; batchSize: number; learningRate: number; samples: number; seed: number };
  /** each timed epoch's wall time (ms) */
  epochMs: number[];
  medianEpochMs: number;
  samplesPerSec: number;
  /** each epoch's mean training loss (Keras's history.loss) */
  losses: number[];
  /** test-set accuracy after the last epoch (all 10 000 test images) */
  accuracy: number;
}

/** What `tfjs.linesOfCode()` returns: what was counted on each side, and how many lines of code each has. */
export interface LinesOfCode {
  tfjs: { file: string; functions: string[]; lines: number };
  ours: { file: string; functions: string[]; lines: number };
}

const WARMUP_SAMPLES = 2048;
const EVAL_SLICE = 100; // small uploads: some WebGPU adapters refuse larger mapped buffers (src/harness/tfjs.ts met it)
const TFJS_FUNCTIONS = ['buildModel', 'trainEpoch'];
// reference.ts's forward pass, backward pass, update and the loop that makes batches and steps
const OUR_FUNCTIONS = ['matmul_forward', 'matmul_backward', 'relu_forward', 'relu_backward', 'softmax_xent', 'sgd_update', 'gather_batch', 'paramViews', 'forward', 'gradients', 'train_step', 'train_epoch'];

/** The framework-way model definition and training loop (src/notebook/kernel/tfjsModel.ts), as lesson 11 shows it. */
export function tfjsSource(): string {
  return functionSources(tfjsModelSource, TFJS_FUNCTIONS).join('\n\n');
}

export function countLines(): LinesOfCode {
  const count = (src: string, names: string[]) => functionSources(src, names).reduce((n, s) => n + linesOfCode(s), 0);
  return {
    tfjs: { file: 'src/notebook/kernel/tfjsModel.ts', functions: TFJS_FUNCTIONS, lines: count(tfjsModelSource, TFJS_FUNCTIONS) },
    ours: { file: 'src/mlp/reference.ts', functions: OUR_FUNCTIONS, lines: count(referenceSource, OUR_FUNCTIONS) },
  };
}

let tfLoaded: Promise<typeof TF> | null = null;

async function tfOn(lang: Lang, backend: TfjsBackend): Promise<{ tf: typeof TF; threads: number | null }> {
  tfLoaded ??= import('@tensorflow/tfjs');
  const tf = await tfLoaded;
  const unavailable = (reason: string) => new Error(t(lang, 'tfjsBackendUnavailable', { backend, reason }));
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm') | null = null;
  if (backend === 'wasm') {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(new URL('/tfjs-wasm/', location.href).href);
    // its threaded build starts each pthread with importScripts() of a blob, which fails inside the
    // kernel's module worker and leaves the backend waiting for ever: one thread (SIMD) here
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else if (backend === 'webgpu') {
    if (!('gpu' in navigator) || !navigator.gpu) throw unavailable(t(lang, 'tfjsNoWebgpu'));
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(backend);
  } catch (e) {
    throw unavailable(e instanceof Error ? e.message : String(e));
  }
  if (!ok || tf.getBackend() !== backend) throw unavailable(t(lang, 'tfjsInitFailed'));
  await tf.ready();
  return { tf, threads: wasm ? wasm.getThreadsCount() : null };
}

export async function tfjsTrain(ctx: FrameworksContext, o: TfjsOptions = {}): Promise<TfjsRun> {
  const { lang } = ctx;
  const r = resolveTfjsOptions(ctx.knobs, o);
  if ('badBackend' in r) throw new Error(t(lang, 'tfjsBadBackend', { got: r.badBackend, backends: TFJS_BACKENDS.join(', ') }));
  const pid = ctx.id('tfjs');
  ctx.post({ id: pid, kind: 'progress', label: t(lang, 'tfjsLoading', { backend: r.backend }), value: 0, max: 0 });
  const { train, test } = await mnistData(undefined, ctx.signal);
  const samples = Math.min(r.samples, train.count);
  const { tf, threads } = await tfOn(lang, r.backend).catch((e: unknown) => {
    ctx.post({ id: pid, kind: 'text', text: t(lang, 'tfjsFailed', { label: r.label }) });
    throw e;
  });
  const spec = makeSpec(128);
  const model = buildModel(tf, r.learningRate);
  const reset = () => {
    const w = kerasWeights(spec, initParams(spec, r.seed));
    const tensors = [tf.tensor2d(w.kernel1, [784, 128]), tf.tensor1d(w.bias1), tf.tensor2d(w.kernel2, [128, 10]), tf.tensor1d(w.bias2)];
    model.layers[0].setWeights(tensors.slice(0, 2));
    model.layers[1].setWeights(tensors.slice(2));
    tf.dispose(tensors);
  };
  const batches = (epoch: number, count: number) => () => {
    if (ctx.signal.aborted) throw new StoppedError();
    return seededBatches(train.images, train.labels, epochPermutation(samples, r.seed, epoch).subarray(0, count), r.batchSize);
  };
  const lines: string[] = [];
  const eid = ctx.id('tfjs-epochs');
  const num = (x: number, d: number) => x.toLocaleString(numberLocale(lang), { minimumFractionDigits: d, maximumFractionDigits: d });
  try {
    if (r.warmup) {
      ctx.post({ id: pid, kind: 'progress', label: t(lang, 'tfjsWarmup', { label: r.label }), value: 0, max: 0 });
      await trainEpoch(tf, model, batches(0, Math.min(samples, WARMUP_SAMPLES)));
    }
    reset(); // the timed run starts from the app's seeded weights, as train()'s does
    const epochMs: number[] = [], losses: number[] = [];
    for (let e = 0; e < r.epochs; e++) {
      if (ctx.signal.aborted) throw new StoppedError();
      ctx.post({ id: pid, kind: 'progress', label: t(lang, 'tfjsTraining', { label: r.label }), value: e, max: r.epochs, detail: t(lang, 'tfjsEpochOf', { epoch: e + 1, epochs: r.epochs }) });
      const t0 = performance.now();
      losses.push(await trainEpoch(tf, model, batches(e, samples)));
      epochMs.push(performance.now() - t0);
      lines.push(t(lang, 'tfjsEpoch', { label: r.label, epoch: e + 1, ms: formatCount(Math.round(epochMs[e]), lang), loss: num(losses[e], 4) }));
      ctx.post({ id: eid, kind: 'text', text: lines.join('\n') });
    }
    const accuracy = await testAccuracy(tf, model, test.images, test.labels, test.count);
    ctx.post({ id: pid, kind: 'text', text: t(lang, 'tfjsRanOn', { label: r.label, backend: tf.getBackend(), threads: threads === null ? '' : t(lang, 'tfjsThreads', { n: threads }) }) });
    lines.push(t(lang, 'tfjsAccuracy', { label: r.label, acc: formatPercent(accuracy, lang, 2) }));
    ctx.post({ id: eid, kind: 'text', text: lines.join('\n') });
    const medianEpochMs = median(epochMs);
    return {
      label: r.label, backend: r.backend, backendUsed: tf.getBackend(), threads,
      config: { epochs: r.epochs, batchSize: r.batchSize, learningRate: r.learningRate, samples, seed: r.seed },
      epochMs, medianEpochMs, samplesPerSec: samples / (medianEpochMs / 1000), losses, accuracy,
    };
  } catch (e) {
    ctx.post({ id: pid, kind: 'text', text: t(lang, e instanceof StoppedError || ctx.signal.aborted ? 'tfjsStopped' : 'tfjsFailed', { label: r.label }) });
    if (ctx.signal.aborted && !(e instanceof StoppedError)) throw new StoppedError();
    throw e;
  } finally {
    model.dispose();
  }
}

/** The share of the test images whose most likely class is their label, predicted in slices. */
async function testAccuracy(tf: typeof TF, model: TF.Sequential, images: Uint8Array, labels: Uint8Array, count: number): Promise<number> {
  let correct = 0;
  for (let start = 0; start < count; start += EVAL_SLICE) {
    const n = Math.min(EVAL_SLICE, count - start);
    const pred = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(images.subarray(start * 784, (start + n) * 784), (v) => v / 255), [n, 784]);
      return (model.predict(x) as TF.Tensor2D).argMax(-1);
    });
    const p = await pred.data();
    pred.dispose();
    for (let i = 0; i < n; i++) if (p[i] === labels[start + i]) correct++;
  }
  return correct / count;
}
