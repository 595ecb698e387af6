// A pool of N module workers behind comlink. Created once and reused across epochs and runs; a
// fault (a worker that throws, dies or is terminated, or stops answering: see the watchdog) marks
// the whole pool broken, and the backend builds a new one on its next run. dispose() terminates
// every worker.
import * as Comlink from 'comlink';
import { backendText } from '../../i18n/backendText';
import { BackendError, msg, type MessageParam } from '../messages';
import { resolveOption } from '../options';
import { Watchdog, type WatchdogLimits } from '../watchdog';
import type { ShardWorkerApi } from './shard.worker';
import { Tripwire } from '../../util/tripwire';

export interface PoolFault {
  readonly worker: number;
  readonly message: MessageParam; // the browser's words (a string), or one of ours (a message id)
}


/** A worker of the pool failed; the message names it. */
export class WorkerFaultError extends BackendError {
  constructor(
    readonly worker: number,
    readonly batch: number, // batch of the epoch that was running (-1: between batches)
    readonly completedBatches: number, // batches whose update was applied; the model keeps them
    cause: MessageParam,
  ) {
    super('workers', batch >= 0 ? 'error_worker_fault_batch' : 'error_worker_fault', { worker, batch, message: cause, completed: completedBatches });
    this.name = 'WorkerFaultError';
  }
}

let nextPoolId = 1;

function spawn(i: number): Worker {
  // The literal `new Worker(new URL(...), { type: 'module' })` is what Vite recognises and bundles;
  // it works from the page and from inside another worker (the notebook kernel): nested workers.
  return new Worker(new URL('./shard.worker.ts', import.meta.url), { type: 'module', name: `paralelo-shard-${i}` });
}

export class WorkerPool {
  readonly id = nextPoolId++;
  readonly remotes: Comlink.Remote<ShardWorkerApi>[] = [];
  private readonly workers: Worker[] = [];
  private faultValue: PoolFault | null = null;
  private faultError: Error | null = null;
  private rejectFault!: (e: Error) => void;
  /** Rejects with the first fault; race a pending call against it (a dead worker never answers). */
  readonly whenFault: Promise<never>;
  private readonly wire: Tripwire;
  /** Called once on the first fault (the Atomics driver wakes its own waiter with it). */
  onFault: (() => void) | null = null;
  /** Deadline of each round trip with the workers (a worker that dies silently never answers). */
  readonly watchdog: Watchdog;

  constructor(readonly size: number, limits?: WatchdogLimits) {
    this.watchdog = new Watchdog(limits);
    resolvePoolSize(size);
    this.whenFault = new Promise<never>((_, reject) => { this.rejectFault = reject; });
    this.whenFault.catch(() => undefined); // observed through `fault` even when nobody races it
    this.wire = new Tripwire(this.whenFault);
    for (let i = 0; i < size; i++) {
      const w = spawn(i);
      w.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        this.markFault(i, e.message || 'uncaught error (the worker script failed to load or crashed)');
      });
      w.addEventListener('messageerror', () => this.markFault(i, 'a message could not be deserialised'));
      this.workers.push(w);
      this.remotes.push(Comlink.wrap<ShardWorkerApi>(w));
    }
  }

  get fault(): PoolFault | null {
    return this.faultValue;
  }

  /** The error that whenFault rejected with (a worker must have failed). */
  failure(): Error {
    return this.faultError ?? new Error('worker pool: no fault recorded');
  }

  markFault(worker: number, message: MessageParam): void {
    if (this.faultValue) return;
    this.faultValue = { worker, message };
    const words = typeof message === 'object' ? backendText('en', message) : String(message);
    this.faultError = new Error(`worker ${worker} failed: ${words}`);
    this.rejectFault(this.faultError);
    this.onFault?.();
  }

  /** Resolves like `p`, or rejects with the pool's fault if one happens first. */
  guard<T>(p: Promise<T>): Promise<T> {
    return this.wire.guard(p);
  }

  /**
   * guard(), with a deadline: when `p` has not settled in time, the first worker of `pending()` (the
   * ones that have not answered) is marked as having stopped answering, which rejects the race.
   */
  watch<T>(p: Promise<T>, pending: () => readonly number[], limitMs?: number): Promise<T> {
    const expire = (ms: number) => {
      const w = pending()[0] ?? 0;
      this.markFault(w, msg('fault_stopped_answering', { seconds: Math.round(ms / 100) / 10 }));
    };
    return this.guard(this.watchdog.watch(p, expire, limitMs));
  }

  /** Test hook and fault path: kill worker `i` as if its process died. */
  terminateWorker(i: number, why = 'terminated'): void {
    this.workers[i]?.terminate();
    this.markFault(i, why);
  }

  dispose(): void {
    // terminate() ends each worker at once, with its message port; comlink's proxies go with it.
    for (const w of this.workers) w.terminate();
    this.remotes.length = 0;
    this.workers.length = 0;
  }
}

/** A pool size from the option, or the machine's logical cores; out-of-range values are an OptionError. */
export function resolvePoolSize(requested: number | undefined): number {
  return resolveOption('workers', 'workers', requested);
}
