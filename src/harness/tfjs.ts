// The peer: the same 784-128-10 MLP trained with TensorFlow.js (tf.train.sgd + minimize), same
// batch size, same data, so the bench prints our/peer ratios measured in the same run.
import type { Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { epochPermutation } from '../mlp/random';

export interface PeerTiming {
  backend: string;
  batchSize: number;
  epochMs: number[];
  accuracy: number;
  /** full epochs trained from the initial weights before `accuracy` was measured (warm-up undone) */
  accuracyEpochs: number;
  lastLoss?: number; // training loss of the last batch of the last epoch (ln 10 ≈ 2.30: not learning)
  /** threads TF.js actually ran: wasm's getThreadsCount() (XNNPACK's pool), 1 for cpu; absent for GPU backends */
  threads?: number;
  /** wasm: the thread count asked for with setThreadsCount (absent: TF.js's default, the logical core count) */
  threadsRequested?: number;
  /** wasm: which build TF.js loaded and why, e.g. "threaded SIMD build (crossOriginIsolated)" */
  build?: string;
  error?: string;
}

const EVAL_SLICE = 100;

async function tfWithBackend(name: string, threads?: number) {
  const tf = await import('@tensorflow/tfjs');
  let build: string | undefined;
  let threadsUsed: (() => number) | undefined;
  let restoreCores: (() => void) | undefined;
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (tf.engine().registry.wasm) {
      // XNNPACK's pool is created when the backend initialises, once per page
      if (threads !== undefined && wasm.getThreadsCount() !== threads) {
        throw new Error(`TF.js wasm already runs ${wasm.getThreadsCount()} thread(s) on this page; ${threads} needs a fresh page`);
      }
    } else {
      const base = new URL('/tfjs-wasm/', location.href).href;
      wasm.setWasmPaths(base);
      if (threads !== undefined) wasm.setThreadsCount(threads); // must precede setBackend('wasm')
      restoreCores = reportCoresFor(threads);
    }
    const [simd, mt] = await Promise.all([tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
    build = `${mt && simd ? 'threaded SIMD' : simd ? 'SIMD, no threads' : 'plain'} build (crossOriginIsolated: ${globalThis.crossOriginIsolated === true})`;
    threadsUsed = () => wasm.getThreadsCount();
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (name === 'cpu') {
    threadsUsed = () => 1; // TF.js's cpu backend runs its kernels in plain JavaScript on the calling thread
  }
  try {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`TF.js backend "${name}" could not be initialised`);
    await tf.ready();
  } finally {
    restoreCores?.();
  }
  if (restoreCores) build = `${build}; hardwareConcurrency shown to TF.js while it initialised: ${2 * threads!}`;
  return { tf, build, threads: threadsUsed?.() };
}

/**
 * TF.js wasm caps its XNNPACK pool at navigator.hardwareConcurrency / 2 (backend.cc: "many x86-64
 * processors have 2 threads per core"), read once as its module initialises: on a 2-core machine
 * setThreadsCount(2) still runs 1 thread. So that the peer runs the threads it is asked for, the
 * page reports 2 × `threads` logical cores while the backend initialises (only when the cap would
 * bite), then the real value again. Returns the undo, or undefined when nothing was changed.
 */
function reportCoresFor(threads: number | undefined): (() => void) | undefined {
  const real = navigator.hardwareConcurrency;
  if (threads === undefined || Math.floor(real / 2) >= threads) return undefined;
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  return () => { delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency; };
}

function normalised(d: Dataset, order: Uint32Array, start: number, B: number, x: Float32Array, y: Int32Array) {
  for (let b = 0; b < B; b++) {
    const n = order[start + b];
    for (let c = 0; c < 784; c++) x[b * 784 + c] = d.images[n * 784 + c] / 255;
    y[b] = d.labels[n];
  }
}

/**
 * Trains `epochs` epochs of the full training set with TF.js on `backendName`: one warm-up slice
 * first, then the initial weights again, so the timed epochs and the accuracy (measured after the
 * first `accuracyEpochs` of them, outside their time) start from the same weights as our rows'.
 * `threads` (wasm only): XNNPACK's thread count, set before the backend initialises.
 */
export async function tfjsEpochs(backendName: string, batchSize: number, epochs: number, lr = 0.1, warmupSamples = 2048, threads?: number, accuracyEpochs = 1): Promise<PeerTiming> {
  const { train, test } = await loadMnist();
  const out: PeerTiming = { backend: `tfjs-${backendName}`, batchSize, epochMs: [], accuracy: NaN, accuracyEpochs: NaN };
  if (threads !== undefined) out.threadsRequested = threads;
  try {
    const { tf, build, threads: used } = await tfWithBackend(backendName, threads);
    if (used !== undefined) out.threads = used;
    if (build) out.build = build;
    const w1 = tf.variable(tf.randomNormal([784, 128], 0, Math.sqrt(2 / 784), 'float32', 1));
    const b1 = tf.variable(tf.zeros([128]));
    const w2 = tf.variable(tf.randomNormal([128, 10], 0, Math.sqrt(2 / 128), 'float32', 2));
    const b2 = tf.variable(tf.zeros([10]));
    const vars = [w1, b1, w2, b2];
    const initial = vars.map((v) => v.clone());
    const opt = tf.train.sgd(lr);
    const model = (x: import('@tensorflow/tfjs').Tensor2D) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
    const x = new Float32Array(batchSize * 784);
    const y = new Int32Array(batchSize);
    const runEpoch = async (samples: number, epoch: number) => {
      const order = epochPermutation(train.count, 1, epoch);
      for (let start = 0; start < samples; start += batchSize) {
        const B = Math.min(batchSize, samples - start);
        const last = start + batchSize >= samples;
        normalised(train, order, start, B, x, y);
        const cost = tf.tidy(() => {
          const xs = tf.tensor2d(x.subarray(0, B * 784), [B, 784]);
          const ys = tf.oneHot(tf.tensor1d(y.subarray(0, B), 'int32'), 10);
          return opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, model(xs)).asScalar(), last) ?? undefined;
        }) as import('@tensorflow/tfjs').Scalar | undefined;
        if (cost) {
          out.lastLoss = cost.dataSync()[0];
          cost.dispose();
        }
      }
      await tf.nextFrame?.().catch(() => undefined);
      const probe = w2.dataSync(); // waits for queued GPU work before the clock stops
      if (!Number.isFinite(probe[0])) throw new Error('TF.js weights became NaN');
    };
    // in slices: one 31 MB upload of the whole test set is more than some WebGPU adapters accept
    const evaluate = () => {
      let correct = 0;
      for (let start = 0; start < test.count; start += EVAL_SLICE) {
        const n = Math.min(EVAL_SLICE, test.count - start);
        const preds = tf.tidy(() => {
          const xt = tf.tensor2d(Float32Array.from(test.images.subarray(start * 784, (start + n) * 784), (v) => v / 255), [n, 784]);
          return model(xt).argMax(1).dataSync();
        });
        for (let i = 0; i < n; i++) if (preds[i] === test.labels[start + i]) correct++;
      }
      return correct / test.count;
    };
    await runEpoch(Math.min(warmupSamples, train.count), 99);
    vars.forEach((v, i) => v.assign(initial[i]));
    tf.dispose(initial);
    const accAfter = Math.min(Math.max(1, accuracyEpochs), epochs);
    for (let e = 0; e < epochs; e++) {
      const t0 = performance.now();
      await runEpoch(train.count, e);
      out.epochMs.push(performance.now() - t0);
      if (e + 1 === accAfter) {
        out.accuracy = evaluate();
        out.accuracyEpochs = accAfter;
      }
    }
    tf.disposeVariables();
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  return out;
}
