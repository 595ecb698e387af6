// The page's handle on the kernel worker: run one cell at a time, stop (cooperative first, then
// terminate after a grace period), restart. Outputs stream to the callback of the running cell.
import type { BackendSupport, FromKernel, Knobs, Lang, Output, ToKernel } from './kernel/protocol';
import { checkedOutput } from './outputs';

export type RunStatus = 'ok' | 'error' | 'stopped' | 'interrupted';
export const STOP_GRACE_MS = 2000;

interface Pending {
  runId: number;
  onOutput: (o: Output) => void;
  resolve: (s: RunStatus) => void;
}

export class KernelClient {
  private worker: Worker | null = null;
  private nextRun = 1;
  private pending: Pending | null = null;
  private refused = 0;
  private listeners = new Set<() => void>();
  private supportListeners = new Set<(s: BackendSupport) => void>();
  private support: BackendSupport | null = null;
  generation = 0; // bumps on every restart: the shared scope is gone

  private spawn(): Worker {
    const w = new Worker(new URL('./kernel/kernel.worker.ts', import.meta.url), { type: 'module', name: 'paralelo-kernel' });
    w.onmessage = (e: MessageEvent<unknown>) => this.onMessage(e.data);
    w.onerror = (e) => {
      const p = this.pending;
      if (!p) return;
      p.onOutput({ id: 'error', kind: 'error', name: 'KernelError', message: e.message || 'the kernel crashed' });
      this.pending = null;
      p.resolve('error');
      this.restart();
    };
    return w;
  }

  private ensure(): Worker {
    this.worker ??= this.spawn();
    return this.worker;
  }

  private onMessage(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return; // not a kernel message (a cell may post anything)
    const m = raw as FromKernel;
    if (m.type === 'ready') {
      if (!m.support || typeof m.support !== 'object') return;
      this.support = m.support;
      for (const l of this.supportListeners) l(m.support);
      return;
    }
    const p = this.pending;
    if (!p || m.runId !== p.runId) return;
    if (m.type === 'output') p.onOutput(checkedOutput(m.output, `refused-${p.runId}-${this.refused++}`));
    else if (m.type === 'done') {
      if (m.status !== 'ok' && m.status !== 'error' && m.status !== 'stopped') return;
      this.pending = null;
      p.resolve(m.status);
    }
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  run(code: string, knobs: Knobs, lang: Lang, onOutput: (o: Output) => void): Promise<RunStatus> {
    if (this.pending) return Promise.reject(new Error('the kernel is busy'));
    const w = this.ensure();
    const runId = this.nextRun++;
    return new Promise<RunStatus>((resolve) => {
      this.pending = { runId, onOutput, resolve };
      const msg: ToKernel = { type: 'run', runId, code, knobs, lang };
      w.postMessage(msg);
    });
  }

  /** Asks the cell to stop; if it has not finished within the grace period, restarts the kernel. */
  async stop(graceMs = STOP_GRACE_MS): Promise<RunStatus | null> {
    const p = this.pending;
    if (!p || !this.worker) return null;
    this.worker.postMessage({ type: 'stop' } satisfies ToKernel);
    const finished = new Promise<RunStatus>((resolve) => {
      const orig = p.resolve;
      p.resolve = (s) => { orig(s); resolve(s); };
    });
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), graceMs));
    const s = await Promise.race([finished, timeout]);
    if (s !== null) return s;
    this.pending = null;
    this.restart();
    p.resolve('interrupted');
    return 'interrupted';
  }

  restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.generation++;
    const p = this.pending;
    this.pending = null;
    p?.resolve('interrupted');
    for (const l of this.listeners) l();
    if (this.supportListeners.size) this.ensure(); // its ready message refreshes the support
  }

  onRestart(fn: () => void): () => void {
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

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
