// A worker that runs the workers backend, as the notebook kernel does: the pool's workers are then
// nested workers. Driven by src/harness/workers.ts through comlink.
import * as Comlink from 'comlink';
import { workersEquivalence } from './workersChecks';

const api = { equivalence: workersEquivalence };
export type NestedApi = typeof api;
Comlink.expose(api);
