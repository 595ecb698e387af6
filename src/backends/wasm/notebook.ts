// The `wasm` extra of the notebook API (docs/notebook-api.md): compiled C, several threads, one
// shared counter, without and with atomics.
import * as Comlink from 'comlink';
import { threadsAllowed } from './support';
import { validThreads } from './variants';
import type { WasmWorkerApi } from './worker';
import type { RaceResult } from './module';

let threaded: Promise<Comlink.Remote<WasmWorkerApi>> | null = null;

function threadedModule(): Promise<Comlink.Remote<WasmWorkerApi>> {
  if (!threaded) {
    threaded = (async () => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'wasm race demo' });
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
    if (!threadsAllowed()) {
      throw new Error('wasm.raceDemo needs threads, and threads need SharedArrayBuffer: this page is not cross-origin isolated (COOP/COEP headers)');
    }
    return (await threadedModule()).raceDemo(t, iterations);
  },
};

export default wasm;
