// Which of the ways of feeding the pool is active, and the reason, shown to the user.
import { msg, type BackendMessage } from '../messages';
import type { BackendOptions } from '../types';
import { waitAsyncFn } from './control';

export type WorkersMode = 'shared-allreduce' | 'shared-rows' | 'shared-hidden' | 'shared-atomics' | 'shared-messages' | 'transfer';

/** Why a mode was chosen: an id (workers_why_<id> in a few words, workers_reason_<id> in full). */
export type ModeWhy = 'force' | 'not_isolated' | 'dispatch' | 'dispatch_atomics' | 'dispatch_rows' | 'dispatch_hidden' | 'no_wait_async' | 'isolated';

export interface ModeChoice {
  readonly mode: WorkersMode;
  readonly why: ModeWhy;
}

const MODE_KEY = { 'shared-allreduce': 'workers_mode_shared_allreduce', 'shared-rows': 'workers_mode_shared_rows', 'shared-hidden': 'workers_mode_shared_hidden', 'shared-atomics': 'workers_mode_shared_atomics', 'shared-messages': 'workers_mode_shared_messages', transfer: 'workers_mode_transfer' } as const;

/** describe() of a pool of `size` workers in mode `c`. */
export function describeWorkers(size: number, c: ModeChoice): BackendMessage {
  return msg('describe_workers', { count: size, mode: msg(MODE_KEY[c.mode]), why: msg(`workers_why_${c.why}`) });
}

/** The full sentence for EpochStats.extra.modeReason. */
export function modeReason(c: ModeChoice): BackendMessage {
  return msg(`workers_reason_${c.why}`);
}

export function sharedMemoryAvailable(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

export function chooseMode(opts: BackendOptions): ModeChoice {
  if (opts.forceTransfer) return { mode: 'transfer', why: 'force' };
  if (!sharedMemoryAvailable()) return { mode: 'transfer', why: 'not_isolated' };
  if (opts.dispatch === 'messages') return { mode: 'shared-messages', why: 'dispatch' };
  if (!waitAsyncFn()) return { mode: 'shared-messages', why: 'no_wait_async' };
  if (opts.dispatch === 'atomics') return { mode: 'shared-atomics', why: 'dispatch_atomics' };
  if (opts.dispatch === 'rows') return { mode: 'shared-rows', why: 'dispatch_rows' };
  if (opts.dispatch === 'hidden') return { mode: 'shared-hidden', why: 'dispatch_hidden' };
  return { mode: 'shared-allreduce', why: 'isolated' };
}
