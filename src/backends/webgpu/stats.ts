// Turns an epoch's measurements into EpochStats: the stacked breakdown (host→device, kernel,
// device→host, other), each part labelled with how it was measured, and the per-kernel table.

import type { EpochParts } from '../epoch';
import { msg, type BackendMessage, type BackendText } from '../messages';
import type { MeasuredPart } from '../breakdown';
import type { KernelTiming } from '../types';
import type { EpochMeasure } from './epoch';
import { describeQuantum } from './profile';

export interface KernelProfile {
  readonly timings: KernelTiming[] | null; // null: the adapter has no timestamp-query
  readonly quantumNs: number;
}

export function epochParts(mode: string, m: EpochMeasure, wallMs: number, profile: KernelProfile, adapter: string): EpochParts {
  const t = m.transfers;
  const breakdown: MeasuredPart[] = [
    { id: 'h2d', ms: t.h2dMs, method: msg('method_gpu_h2d', { count: t.uploads, bytes: t.h2dBytes }) },
  ];
  const kernels = profile.timings;
  let kernelMs = 0;
  if (kernels) {
    kernelMs = kernels.reduce((a, k) => a + (Number.isFinite(k.ms) ? k.ms : 0), 0);
    // sampled steps × dispatches: an estimate, scaled to fit the epoch if it exceeds it (fitBreakdown)
    breakdown.push({
      id: 'kernel', ms: kernelMs, estimate: true,
      method: msg('method_gpu_kernel', { cadence: cadence(m.every), timed: m.timedSlots, steps: m.steps.length, resolution: describeQuantum(profile.quantumNs) }),
    });
  }
  breakdown.push({ id: 'd2h', ms: t.d2hMs, method: msg('method_gpu_d2h', { count: t.readbacks, bytes: t.d2hBytes }) });
  const other: BackendMessage[] = [msg(mode === 'naive' ? 'method_gpu_other_naive' : 'method_gpu_other')];
  if (!kernels) other.unshift(msg('method_gpu_no_kernel'));
  // the rest of the epoch; fitBreakdown (runEpoch) computes it once the estimate is made to fit
  breakdown.push({ id: 'other', ms: wallMs - t.h2dMs - kernelMs - t.d2hMs, method: other });
  const extra: Record<string, number | string | BackendText> = {
    mode, adapter, steps: m.steps.length,
    profiling: kernels ? msg('webgpu_profiling', { cadence: cadence(m.every) }) : msg('webgpu_profiling_none'),
  };
  if (kernels) extra.timestampResolutionNs = profile.quantumNs;
  return { breakdown, extra, ...(kernels ? { kernels } : {}) };
}

/** Which steps were timed: every step, or 1 step in n. */
export function cadence(n: number): BackendMessage {
  return msg('cadence', { count: n });
}
