// What the Digits page and a show.draw output need from the app: the kernel (to predict, and for the
// latest run's model) and which backends run here. App.tsx provides it; an output without it (a test
// rendering OutputView alone) says that it cannot predict.
import { createContext, useContext } from 'react';
import type { KernelClient } from '../../notebook/kernelClient';
import type { BackendSupport } from '../../notebook/kernel/protocol';
import type { TrainedModel } from '../../models/model';
import { BACKEND_NAMES, type BackendName } from '../../backends/types';

export interface DigitsKernel {
  kernel: Pick<KernelClient, 'predict' | 'latestModel' | 'onModel' | 'onRestart'>;
  support: Partial<BackendSupport>;
}

export const DigitsKernelContext = createContext<DigitsKernel | null>(null);

export function useDigitsKernel(): DigitsKernel | null {
  return useContext(DigitsKernelContext);
}

/** The backends the kernel said run here, in the usual order (none until it has said). */
export function availableBackends(support: Partial<BackendSupport>): BackendName[] {
  return BACKEND_NAMES.filter((b) => support[b] === true);
}

const keys = new WeakMap<TrainedModel, string>();
let next = 1;
/** A name for this model object: the kernel re-initialises its prediction backends only when it changes. */
export function modelKey(m: TrainedModel): string {
  let k = keys.get(m);
  if (!k) {
    k = `m${next++}-${m.meta.createdAt}`;
    keys.set(m, k);
  }
  return k;
}
