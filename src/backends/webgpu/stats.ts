// Turns an epoch's measurements into EpochStats: the stacked breakdown (host→device, kernel,
// device→host, other), each part labelled with how it was measured, and the per-kernel table.

import type { EpochParts } from '../epoch';
import type { KernelTiming, TimingPart } from '../types';
import type { EpochMeasure } from './epoch';
import { describeQuantum } from './profile';

export interface KernelProfile {
  readonly timings: KernelTiming[] | null; // null: the adapter has no timestamp-query
  readonly quantumNs: number;
}

const kb = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

export function epochParts(mode: string, m: EpochMeasure, wallMs: number, profile: KernelProfile, adapter: string): EpochParts {
  const t = m.transfers;
  const breakdown: TimingPart[] = [
    {
      label: 'host→device', ms: t.h2dMs,
      method: `performance.now() from writeBuffer until queue.onSubmittedWorkDone(), ${t.uploads} upload(s), ${kb(t.h2dBytes)}`,
    },
  ];
  const kernels = profile.timings;
  let kernelMs = 0;
  if (kernels) {
    kernelMs = kernels.reduce((a, k) => a + (Number.isFinite(k.ms) ? k.ms : 0), 0);
    breakdown.push({
      label: 'kernel', ms: kernelMs,
      method: `timestamp-query around each kernel on ${everyNth(m.every)} (${m.timedSlots} of ${m.steps.length} steps), ` +
        `mean per kernel × dispatches; ${describeQuantum(profile.quantumNs)}`,
    });
  }
  breakdown.push({
    label: 'device→host', ms: t.d2hMs,
    method: `performance.now() around copy + mapAsync() of the losses after the GPU went idle, ${t.readbacks} read-back(s), ${kb(t.d2hBytes)}`,
  });
  const rest = wallMs - t.h2dMs - kernelMs - t.d2hMs;
  breakdown.push({
    label: 'other', ms: Math.max(0, rest),
    method: (kernels ? '' : 'kernel time not available (the adapter has no timestamp-query), so it is inside this part; ') +
      'epoch wall time minus the parts above: gaps between kernels (launch cost), command encoding, host-side work' +
      (mode === 'naive' ? ' (the JS gather of each batch)' : '') + (rest < 0 ? `; clamped at 0 (the parts overlap by ${(-rest).toFixed(1)} ms)` : ''),
  });
  const extra: Record<string, number | string> = {
    mode, adapter, steps: m.steps.length,
    profiling: kernels ? `timestamp-query, ${everyNth(m.every)}` : 'not available (no timestamp-query on this adapter)',
  };
  if (kernels) extra.timestampResolutionNs = profile.quantumNs;
  return { breakdown, extra, ...(kernels ? { kernels } : {}) };
}

/** 'every step', 'every 2nd step', 'every 15th step'. */
export function everyNth(n: number): string {
  if (n === 1) return 'every step';
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `every ${n}${s} step`;
}
