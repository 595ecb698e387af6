// Which of the three ways of feeding the pool is active, and the reason, shown to the user.
import type { BackendOptions } from '../types';
import { waitAsyncFn } from './control';

export type WorkersMode = 'shared-atomics' | 'shared-messages' | 'transfer';

export interface ModeChoice {
  readonly mode: WorkersMode;
  readonly why: string; // a few words for describe()
  readonly reason: string; // the full sentence for EpochStats.extra.modeReason
}

export const MODE_LABEL: Record<WorkersMode, string> = {
  'shared-atomics': 'shared memory, batches signalled with Atomics',
  'shared-messages': 'shared memory, one message per worker per batch',
  transfer: 'message passing: model copied to each worker per batch, gradients transferred back',
};

/** describe() of a pool of `size` workers in mode `c`. */
export function describeWorkers(size: number, c: ModeChoice): string {
  return `${size} worker${size === 1 ? '' : 's'}, ${MODE_LABEL[c.mode]} (${c.why})`;
}

export function sharedMemoryAvailable(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

export function chooseMode(opts: BackendOptions): ModeChoice {
  if (opts.forceTransfer) {
    return { mode: 'transfer', why: 'forceTransfer option', reason: 'forceTransfer option set: the non-shared fallback is used on purpose' };
  }
  if (!sharedMemoryAvailable()) {
    return {
      mode: 'transfer',
      why: 'not cross-origin isolated',
      reason: 'the page is not cross-origin isolated, so SharedArrayBuffer is unavailable: each worker keeps its own copy of the data and the model travels by message',
    };
  }
  if (opts.dispatch === 'messages') {
    return { mode: 'shared-messages', why: 'dispatch option', reason: 'dispatch "messages" option: shared memory, but each batch is started by a comlink call' };
  }
  if (!waitAsyncFn()) {
    return { mode: 'shared-messages', why: 'no Atomics.waitAsync', reason: 'shared memory available, but Atomics.waitAsync is missing in this browser: each batch is started by a comlink call' };
  }
  return {
    mode: 'shared-atomics',
    why: 'crossOriginIsolated',
    reason: 'crossOriginIsolated: parameters and training set in SharedArrayBuffers (loaded once), batches signalled through a shared control block with Atomics',
  };
}
