// Predictions while the student draws: at most one request in flight and one every MIN_GAP_MS; the
// newest image always gets its turn (the one after pointer-up included), older ones are skipped.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BackendName } from '../../backends/types';
import type { TrainedModel } from '../../models/model';
import { PredictError } from '../../notebook/kernelClient';
import type { PredictResult } from '../../notebook/kernel/protocol';
import { modelKey, type DigitsKernel } from './kernelContext';

const MIN_GAP_MS = 250;

export type PredictProblem = 'busy' | 'timeout' | 'restarted' | null;

export interface PredictState {
  /** the newest answer (for `image`), null while there is none or the pad is empty */
  results: PredictResult[] | null;
  image: Uint8Array | null;
  problem: PredictProblem;
}

interface Source { dk: DigitsKernel | null; model: TrainedModel | null; backends: readonly BackendName[] }

/** The request loop, apart from React: `request` the newest image; `state` changes tell the listeners. */
export class PredictQueue {
  state: PredictState = { results: null, image: null, problem: null };
  private source: Source = { dk: null, model: null, backends: [] };
  private want: Uint8Array | null = null;
  private current: Uint8Array | null = null;
  private busy = false;
  private last = -Infinity;
  private listeners = new Set<() => void>();

  subscribe = (fn: () => void) => { this.listeners.add(fn); return () => { this.listeners.delete(fn); }; };
  getState = () => this.state;
  private set(s: Partial<PredictState>) {
    this.state = { ...this.state, ...s };
    for (const l of this.listeners) l();
  }

  request = (image: Uint8Array | null): void => {
    this.current = image;
    this.want = image;
    if (!image) this.set({ results: null, image: null });
    else void this.pump();
  };

  /** where to predict; the current drawing is predicted again (a new model, backends newly known) */
  use = (source: Source): void => {
    this.source = source;
    if (this.current) this.request(this.current);
  };

  private async pump(): Promise<void> {
    if (this.busy || !this.want) return;
    this.busy = true;
    try {
      const gap = this.last + MIN_GAP_MS - performance.now();
      if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      const image = this.want;
      this.want = null;
      const { dk, model, backends } = this.source;
      if (!image || !dk || !model || !backends.length) return;
      this.last = performance.now();
      try {
        const results = await dk.kernel.predict(model, modelKey(model), image, [...backends]);
        if (this.current) this.set({ results, image, problem: null }); // not after a Clear
      } catch (e) {
        this.set({ problem: e instanceof PredictError ? e.reason : 'timeout' });
      }
    } finally {
      this.busy = false;
      if (this.want) void this.pump();
    }
  }
}

export function usePredictions(dk: DigitsKernel | null, model: TrainedModel | null, backends: readonly BackendName[]): PredictState & { request: (image: Uint8Array | null) => void } {
  const [q] = useState(() => new PredictQueue());
  const state = useSyncExternalStore(q.subscribe, q.getState);
  const names = backends.join();
  useEffect(() => {
    q.use({ dk, model, backends });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `names` stands for `backends`
  }, [q, dk, model, names]);
  return { ...state, request: q.request };
}
