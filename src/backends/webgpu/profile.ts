// Pure arithmetic of kernel profiling: which steps to time, what the timestamps say per kernel,
// and how fine the browser lets the timestamps be. Unit-tested in Node.

import { msg, type BackendMessage } from '../messages';
import type { KernelTiming } from '../types';

/** Timed steps per epoch at most: enough for a stable mean, few enough not to distort the epoch. */
export const MAX_PROFILED_STEPS = 32;

/** Time every `every`-th step (steps 0, every, 2·every, …) so at most MAX_PROFILED_STEPS are timed. */
export function profileEvery(steps: number, max = MAX_PROFILED_STEPS): number {
  return Math.max(1, Math.ceil(steps / max));
}

export function profiledSteps(steps: number, every: number): number {
  return Math.ceil(steps / every);
}

/**
 * Per-kernel times from begin/end timestamp pairs. `ticks` holds, for each timed step s and kernel k,
 * begin at 2·(s·K + k) and end right after (nanoseconds). A pair with end < begin is dropped (the
 * query did not complete). Each kernel's mean is scaled by its dispatches in the epoch.
 */
export function kernelTimings(
  labels: readonly string[], ticks: ArrayLike<bigint>, timedSteps: number, dispatchesPerKernel: readonly number[],
): KernelTiming[] {
  const K = labels.length;
  return labels.map((name, k) => {
    let sumNs = 0;
    let sampled = 0;
    for (let s = 0; s < timedSteps; s++) {
      const i = 2 * (s * K + k);
      const begin = ticks[i], end = ticks[i + 1];
      if (begin === undefined || end === undefined || end < begin || begin === 0n) continue;
      sumNs += Number(end - begin);
      sampled++;
    }
    const msPerDispatch = sampled ? sumNs / sampled / 1e6 : NaN;
    const dispatches = dispatchesPerKernel[k];
    return { name, dispatches, sampled, msPerDispatch, ms: msPerDispatch * dispatches };
  });
}

/** The coarsest power of ten (ns, up to 1 ms) that divides every nonzero timestamp: the clock's step. */
export function timestampQuantumNs(ticks: ArrayLike<bigint>): number {
  let q = 1_000_000n;
  let any = false;
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i];
    if (t === 0n) continue;
    any = true;
    while (q > 1n && t % q !== 0n) q /= 10n;
  }
  return any ? Number(q) : NaN;
}

export function describeQuantum(ns: number): BackendMessage {
  if (!Number.isFinite(ns)) return msg('resolution_unknown');
  if (ns >= 1e6) return msg('resolution_quantum', { value: ns / 1e6, unit: 'ms' });
  if (ns >= 1e3) return msg('resolution_quantum_browser', { value: ns / 1e3, unit: 'µs' });
  return ns <= 1 ? msg('resolution_ns') : msg('resolution_quantum', { value: ns, unit: 'ns' });
}
