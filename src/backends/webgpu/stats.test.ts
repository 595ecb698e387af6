import { describe, expect, it } from 'vitest';
import type { EpochMeasure } from './epoch';
import { backendText } from '../../i18n/backendText';
import { fitBreakdown } from '../breakdown';
import { cadence, epochParts } from './stats';

const measure: EpochMeasure = {
  steps: [{ start: 0, rows: 4 }, { start: 4, rows: 2 }],
  transfers: { h2dMs: 10, h2dBytes: 2000, uploads: 1, d2hMs: 5, d2hBytes: 8, readbacks: 1 },
  every: 1,
  timedSlots: 2,
};

describe('epochParts', () => {
  it('stacks the parts to the wall time', () => {
    const k = [{ name: 'a', dispatches: 2, sampled: 2, msPerDispatch: 30, ms: 60 }];
    const s = epochParts('resident', measure, 100, { timings: k, quantumNs: 1 }, 'test');
    expect(s.breakdown.map((p) => p.id)).toEqual(['h2d', 'kernel', 'd2h', 'other']);
    expect(s.breakdown.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(100, 9);
    expect(s.kernels).toBe(k);
    for (const p of s.breakdown) expect(backendText('en', p.method).length).toBeGreaterThan(20);
  });

  it('says "not available" and shows no kernel part without timestamp-query', () => {
    const s = epochParts('naive', measure, 100, { timings: null, quantumNs: NaN }, 'test');
    expect(s.breakdown.some((p) => p.id === 'kernel')).toBe(false);
    expect(s.kernels).toBeUndefined();
    expect(s.extra?.profiling).toEqual({ id: 'webgpu_profiling_none' });
    expect(backendText('en', s.breakdown.find((p) => p.id === 'other')!.method)).toContain('kernel time not available');
  });

  it('marks the sampled kernel time as an estimate, which is scaled to fit an epoch it exceeds', () => {
    // 120 ms of sampled kernels in a 100 ms epoch that also spent 15 ms on transfers (the 7.2 s bar in a 6.07 s epoch)
    const k = [{ name: 'a', dispatches: 2, sampled: 2, msPerDispatch: 60, ms: 120 }];
    const s = epochParts('resident', measure, 100, { timings: k, quantumNs: 1 }, 'test');
    expect(s.breakdown.find((p) => p.id === 'kernel')?.estimate).toBe(true);
    const fit = fitBreakdown(s.breakdown, 100);
    expect(fit.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(100, 9);
    expect(fit.find((p) => p.id === 'kernel')!.ms).toBeCloseTo(85, 9);
    expect(fit.every((p) => p.ms >= 0)).toBe(true);
    expect(backendText('en', fit.find((p) => p.id === 'kernel')!.method)).toContain('scaled to 71% of it');
  });
});

describe('cadence', () => {
  it('reads as every step, or 1 step in n', () => {
    expect([1, 2, 15].map((n) => backendText('en', cadence(n)))).toEqual(['every step', '1 step in 2', '1 step in 15']);
    expect(backendText('es', cadence(15))).toBe('en uno de cada 15 pasos');
  });
});
