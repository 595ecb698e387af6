// The page's handle on the kernel worker: run one cell at a time, stop (cooperative first, then
// terminate after a grace period), restart. Outputs stream to the callback of the running cell.
//
// Issue 11: the kernel talks on a private MessagePort handed over at spawn; anything that arrives
// on the worker's own channel was posted by cell code and is ignored (the running cell is told
// once). The kernel holds a Web Lock named here while it lives; when the page's request for that
// lock is granted, the worker is gone (a cell's `self.close()`, out of memory, a crash with no
// error event), so the page restarts it and says what was lost. A cell that loops forever still
// holds the lock, so it is never taken for dead; Stop handles it.
import { t } from '../i18n';
import type { BackendSupport, FromKernel, KernelInit, Knobs, Lang, ModelRequest, Output, PredictResult, ToKernel } from './kernel/protocol';
import { BACKEND_NAMES, type BackendName } from '../backends/types';
import { checkedOutput } from './outputs';
import { checkedTrainUses, type TrainUse } from './core/trainUse';
import { modelProblem, type TrainedModel } from '../models/model';

export type RunStatus = 'ok' | 'error' | 'stopped' | 'interrupted';
export const STOP_GRACE_MS = 2000;

/** Why the kernel was restarted: asked for, a Stop that was not heeded in time, the worker died
 * (no error event), or it crashed (an error event). */
export type RestartReason = 'user' | 'stop' | 'died' | 'crashed';
export interface RestartInfo { reason: RestartReason; generation: number } // generation: the one that ended

interface Pending {
  runId: number;
  lang: Lang;
  onOutputs: (o: Output[]) => void;
  onTrained?: (t: TrainUse[]) => void;
  resolve: (s: RunStatus) => void;
  forged: boolean;
}

/** Why a prediction did not come back: the kernel is running a cell that keeps it busy, or it was restarted. */
export class PredictError extends Error {
  constructor(readonly reason: 'busy' | 'timeout' | 'restarted') {
    super(`predict: ${reason}`);
    this.name = 'PredictError';
  }
}
export const PREDICT_TIMEOUT_MS = 8000;

/** The results of a predict answer that have their shape (n×10 finite probabilities, a backend asked for). */
export function checkedPredictions(raw: unknown, n: number, asked: readonly BackendName[]): PredictResult[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is PredictResult => !!r && typeof r === 'object' && BACKEND_NAMES.includes(r.backend) && asked.includes(r.backend)
    && typeof r.ms === 'number' && Number.isFinite(r.ms) && (r.error === undefined || typeof r.error === 'string')
    && (r.probabilities === undefined || (r.probabilities instanceof Float32Array && r.probabilities.length === n * 10 && r.probabilities.every(Number.isFinite)))
    && (r.probabilities !== undefined || typeof r.error === 'string'));
}

interface PendingPredict { n: number; backends: BackendName[]; resolve: (r: PredictResult[]) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }

const uid = () => (typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2));

export class KernelClient {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private nextRun = 1;
  private pending: Pending | null = null;
  private refused = 0;
  private listeners = new Set<(info: RestartInfo) => void>();
  private supportListeners = new Set<(s: BackendSupport) => void>();
  private support: BackendSupport | null = null;
  private modelListeners = new Set<(m: TrainedModel) => void>();
  private nextReq = 1;
  private predicting = new Map<number, PendingPredict>();
  private requestHandler: ((req: ModelRequest, lang: Lang) => Promise<unknown>) | null = null;
  /** the model of the latest train() that finished in this kernel (kept across restarts: it is data, not a variable) */
  latestModel: TrainedModel | null = null;
  generation = 0; // bumps on every restart: the shared scope is gone

  private spawn(): Worker {
    const w = new Worker(new URL('./kernel/kernel.worker.ts', import.meta.url), { type: 'module', name: 'paralelo-kernel' });
    const channel = new MessageChannel();
    const port = channel.port1;
    const lock = `paralelo-kernel-${uid()}`;
    // the worker's own channel carries only what cell code posts with self.postMessage
    w.onmessage = () => { if (this.worker === w) this.forged(); };
    w.onmessageerror = () => { if (this.worker === w) this.forged(); };
    w.onerror = (e) => {
      if (this.worker !== w) return;
      const p = this.pending;
      if (!p) return;
      p.onOutputs([{ id: 'kernel-crashed', kind: 'error', name: 'KernelError', message: t(p.lang, 'kernelCrashedInCell', { message: e.message || '?' }) }]);
      this.pending = null;
      p.resolve('error');
      this.restart('crashed');
    };
    port.onmessage = (e: MessageEvent<unknown>) => { if (this.worker === w) this.onMessage(e.data, w, lock); };
    port.onmessageerror = () => {
      const p = this.pending;
      if (this.worker === w && p) p.onOutputs([{ id: `refused-${p.runId}-${this.refused++}`, kind: 'error', name: 'KernelError', message: t(p.lang, 'kernelMessageError') }]);
    };
    this.port = port;
    w.postMessage({ type: 'init', port: channel.port2, lock } satisfies KernelInit, [channel.port2]);
    return w;
  }

  private ensure(): MessagePort {
    this.worker ??= this.spawn();
    return this.port!;
  }

  /** A message on the worker's own channel: cell code posted it. The running cell hears of it once. */
  private forged(): void {
    const p = this.pending;
    if (!p || p.forged) return;
    p.forged = true;
    p.onOutputs([{ id: 'forged', kind: 'error', message: t(p.lang, 'kernelForged') }]);
  }

  /** The kernel's lock is free: the worker is gone although nobody terminated it. */
  private watch(w: Worker, lock: string): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks?.request) return;
    locks.request(lock, () => { if (this.worker === w) this.died(); }).catch(() => undefined);
  }

  private died(): void {
    const p = this.pending;
    if (p) {
      p.onOutputs([{ id: 'kernel-died', kind: 'error', name: 'KernelError', message: t(p.lang, 'kernelDiedInCell') }]);
      this.pending = null;
      p.resolve('error');
    }
    this.restart('died');
  }

  private onMessage(raw: unknown, w: Worker, lock: string): void {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as FromKernel;
    if (m.type === 'ready') {
      if (!m.support || typeof m.support !== 'object') return;
      this.support = m.support;
      for (const l of this.supportListeners) l(m.support);
      return;
    }
    if (m.type === 'alive') {
      this.watch(w, lock);
      return;
    }
    if (m.type === 'predicted') {
      const q = this.predicting.get(m.reqId);
      if (!q) return;
      this.predicting.delete(m.reqId);
      clearTimeout(q.timer);
      q.resolve(checkedPredictions(m.results, q.n, q.backends));
      return;
    }
    const p = this.pending;
    if (!p || m.runId !== p.runId) return;
    if (m.type === 'request') {
      this.answer(m, p.lang);
      return;
    }
    if (m.type === 'model') {
      if (modelProblem(m.model) !== null) return; // forged or broken: never offered for prediction
      this.latestModel = m.model;
      for (const l of this.modelListeners) l(m.model);
      return;
    }
    if (m.type === 'outputs') {
      if (!Array.isArray(m.outputs)) return;
      p.onOutputs(m.outputs.map((o) => checkedOutput(o, `refused-${p.runId}-${this.refused++}`, p.lang)));
    } else if (m.type === 'done') {
      if (m.status !== 'ok' && m.status !== 'error' && m.status !== 'stopped') return;
      this.pending = null;
      const trained = checkedTrainUses(m.trained);
      if (trained) p.onTrained?.(trained);
      p.resolve(m.status);
    }
  }

  /** A request of the running cell (models.*): the registered handler answers it, in the cell's language. */
  private answer(m: Extract<FromKernel, { type: 'request' }>, lang: Lang): void {
    const port = this.port;
    const reqId = m.reqId;
    if (!port || typeof reqId !== 'number') return;
    const reply = (r: ToKernel) => { if (this.port === port) port.postMessage(r); };
    const handler = this.requestHandler;
    if (!handler || !m.request || typeof m.request !== 'object') {
      reply({ type: 'reply', reqId, ok: false, error: t(lang, 'modelsNoPage') });
      return;
    }
    handler(m.request, lang).then(
      (value) => reply({ type: 'reply', reqId, ok: true, value }),
      (e: unknown) => reply({ type: 'reply', reqId, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Registers what answers cell code's requests (the app: the models store); returns the unregister. */
  onRequest(fn: (req: ModelRequest, lang: Lang) => Promise<unknown>): () => void {
    this.requestHandler = fn;
    return () => { if (this.requestHandler === fn) this.requestHandler = null; };
  }

  /** Makes `model` the one in use (a saved model chosen, the latest restored after a reload) and tells the listeners. */
  adoptModel(model: TrainedModel): void {
    if (modelProblem(model) !== null) return;
    this.latestModel = model;
    for (const l of this.modelListeners) l(model);
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Runs `code`; its outputs arrive in batches (the kernel sends at most one every ~50 ms). */
  /** `onTrained`: before it resolves, what each train() call of the cell ran with. */
  run(code: string, knobs: Knobs, lang: Lang, onOutputs: (o: Output[]) => void, onTrained?: (t: TrainUse[]) => void): Promise<RunStatus> {
    if (this.pending) return Promise.reject(new Error('the kernel is busy'));
    const port = this.ensure();
    const runId = this.nextRun++;
    return new Promise<RunStatus>((resolve) => {
      this.pending = { runId, lang, onOutputs, onTrained, resolve, forged: false };
      port.postMessage({ type: 'run', runId, code, knobs, lang } satisfies ToKernel);
    });
  }

  /**
   * The class probabilities of n drawn images (n×784 bytes) under `model`, on each backend, from the
   * kernel (each backend's own forward pass, on instances apart from the ones cells train with).
   * `key` names the model: the kernel re-initialises its prediction instances only when it changes.
   * Rejects with PredictError: 'busy' (no answer in time while a cell runs), 'timeout', 'restarted'.
   */
  predict(model: TrainedModel, key: string, images: Uint8Array, backends: BackendName[], timeoutMs = PREDICT_TIMEOUT_MS): Promise<PredictResult[]> {
    const port = this.ensure();
    const reqId = this.nextReq++;
    const n = Math.floor(images.length / 784);
    return new Promise<PredictResult[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.predicting.delete(reqId);
        reject(new PredictError(this.pending ? 'busy' : 'timeout'));
      }, timeoutMs);
      this.predicting.set(reqId, { n, backends, resolve, reject, timer });
      port.postMessage({ type: 'predict', reqId, key, model, images, backends } satisfies ToKernel);
    });
  }

  private failPredictions(): void {
    for (const q of this.predicting.values()) {
      clearTimeout(q.timer);
      q.reject(new PredictError('restarted'));
    }
    this.predicting.clear();
  }

  /** Asks the cell to stop; if it has not finished within the grace period, restarts the kernel. */
  async stop(graceMs = STOP_GRACE_MS): Promise<RunStatus | null> {
    const p = this.pending;
    if (!p || !this.port) return null;
    this.port.postMessage({ type: 'stop' } satisfies ToKernel);
    const finished = new Promise<RunStatus>((resolve) => {
      const orig = p.resolve;
      p.resolve = (s) => { orig(s); resolve(s); };
    });
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), graceMs));
    const s = await Promise.race([finished, timeout]);
    if (s !== null) return s;
    this.pending = null;
    this.restart('stop');
    p.resolve('interrupted');
    return 'interrupted';
  }

  restart(reason: RestartReason = 'user'): void {
    this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
    const generation = this.generation++;
    const p = this.pending;
    this.pending = null;
    p?.resolve('interrupted');
    this.failPredictions();
    for (const l of this.listeners) l({ reason, generation });
    if (this.supportListeners.size) this.ensure(); // its ready message refreshes the support
  }

  onRestart(fn: (info: RestartInfo) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` with each backend's support as the kernel reports it (now, if known, and after every restart). */
  onSupport(fn: (s: BackendSupport) => void): () => void {
    this.supportListeners.add(fn);
    if (this.support) fn(this.support);
    this.ensure();
    return () => this.supportListeners.delete(fn);
  }

  /** Calls `fn` with every model a train() hands over from now on; returns the unsubscribe. */
  onModel(fn: (m: TrainedModel) => void): () => void {
    this.modelListeners.add(fn);
    return () => this.modelListeners.delete(fn);
  }

  dispose(): void {
    this.failPredictions();
    this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }
}

/** The banner after a restart: why, and the cells whose variables went with the old kernel (their execution counts). */
export function restartText(lang: Lang, info: RestartInfo, lostCells: readonly number[]): string {
  const died = info.reason === 'died' || info.reason === 'crashed';
  if (!lostCells.length) return t(lang, died ? 'kernelDied' : 'kernelRestarted');
  return `${t(lang, died ? 'kernelDied' : 'kernelRestartedShort')} ${t(lang, 'kernelLost', { cells: lostCells.map((n) => `[${n}]`).join(' ') })}`;
}
