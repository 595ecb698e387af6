// A worker that creates the wasm backend itself, as the notebook kernel (a Web Worker) does: the
// backend's own worker, and the pthread Workers under it, are then nested one and two levels deep.
import * as Comlink from 'comlink';
import { harness } from './api';

const api = {
  equivalence: harness.equivalence,
  raceDemo: harness.wasm.raceDemo,
  crossOriginIsolated: () => globalThis.crossOriginIsolated === true,
};

export type NestedApi = typeof api;

Comlink.expose(api);
