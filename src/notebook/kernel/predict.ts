// Predictions for the page (the Digits page, show.draw): a few drawn images through a trained model,
// on each backend asked for, through that backend's own evaluate(). These are SEPARATE backend
// instances from the session's (session.ts): a prediction never re-initialises the instance a cell
// trains with, and it can be answered while a cell is training (between its batches). An instance is
// made once per backend and re-initialised only when the model (its key) changes.
import { BACKEND_OPTIONS, resolveOptions } from '../../backends/options';
import { createBackend } from '../../backends/registry';
import { BACKEND_NAMES, type Backend, type BackendName } from '../../backends/types';
import { modelProblem, type TrainedModel } from '../../models/model';
import type { PredictResult } from './protocol';

const instances = new Map<BackendName, { backend: Promise<Backend>; key: string | null }>();
/** one prediction at a time per backend: a second waits for the first (init and evaluate must not interleave) */
const queues = new Map<BackendName, Promise<unknown>>();

function serial<T>(name: BackendName, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(name) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(name, next.catch(() => undefined));
  return next;
}

async function predictOn(name: BackendName, key: string, model: TrainedModel, images: Uint8Array, n: number): Promise<PredictResult> {
  let inst = instances.get(name);
  if (!inst) {
    inst = { backend: createBackend(name), key: null };
    instances.set(name, inst);
  }
  const it = inst;
  try {
    const backend = await it.backend;
    if (it.key !== key) {
      it.key = null;
      await backend.init(model.spec, model.params, resolveOptions(name, BACKEND_OPTIONS[name], {}));
      it.key = key;
    }
    const t0 = performance.now();
    const r = await backend.evaluate({ images, labels: new Uint8Array(n), count: n, rows: 28, cols: 28 });
    const ms = performance.now() - t0;
    return { backend: name, probabilities: r.probabilities.slice(0, n * 10), ms };
  } catch (e) {
    // a broken instance is made again next time
    if (instances.get(name) === it) instances.delete(name);
    void it.backend.then((b) => b.dispose()).catch(() => undefined);
    return { backend: name, ms: 0, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The ten class probabilities of each of the n images (n×784 bytes) on each backend, with its time. */
export async function predict(key: string, model: TrainedModel, images: Uint8Array, backends: readonly BackendName[]): Promise<PredictResult[]> {
  const problem = modelProblem(model);
  const n = images instanceof Uint8Array ? Math.floor(images.length / 784) : 0;
  const names = Array.isArray(backends) ? [...new Set(backends.filter((b) => BACKEND_NAMES.includes(b)))] : [];
  if (problem || n === 0 || n * 784 !== images.length || n > 1000) {
    const why = problem ?? 'images must be n × 784 bytes (1 ≤ n ≤ 1000)';
    return names.map((backend) => ({ backend, ms: 0, error: why }));
  }
  // one backend after another: their times are not spent sharing the cores
  const out: PredictResult[] = [];
  for (const name of names) out.push(await serial(name, () => predictOn(name, key, model, images, n)));
  return out;
}
