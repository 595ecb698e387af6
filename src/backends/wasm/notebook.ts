// The `wasm` extra of the notebook API (docs/notebook-api.md): compiled C, several threads, one
// shared counter, without and with atomics.
import * as Comlink from 'comlink';
import { threadsAllowed } from './support';
import { validThreads } from './variants';
import type { WasmWorkerApi } from './worker';
import type { RaceResult } from './module';
import { messageError } from '../../i18n/messageError';

const INT32_MAX = 0x7fffffff;

let threaded: Promise<Comlink.Remote<WasmWorkerApi>> | null = null;

export function threadedModule(): Promise<Comlink.Remote<WasmWorkerApi>> {
  if (!threaded) {
    threaded = (async () => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'wasm lab (race demo, OpenMP lab)' });
      const api = Comlink.wrap<WasmWorkerApi>(worker);
      await api.load('mlp-simd-mt');
      return api;
    })();
    threaded.catch(() => { threaded = null; });
  }
  return threaded;
}

export const DEFAULT_RACE_ITERATIONS = 1_000_000;

export const wasm = {
  /** `threads` threads each add 1 to one shared counter `iterations` times: racy vs atomic. */
  async raceDemo({ threads = 4, iterations = DEFAULT_RACE_ITERATIONS }: { threads?: number; iterations?: number } = {}): Promise<RaceResult> {
    const t = validThreads(threads);
    // checked here, in the kernel: an error thrown in the demo's worker would reach the cell as plain English
    if (!Number.isInteger(iterations) || iterations < 1 || t * iterations > INT32_MAX) {
      throw messageError('err_raceIterations', { max: INT32_MAX, got: String(iterations) }, RangeError);
    }
    if (!threadsAllowed()) {
      throw messageError('err_raceNoThreads');
    }
    return (await threadedModule()).raceDemo(t, iterations);
  },
};

export default wasm;
