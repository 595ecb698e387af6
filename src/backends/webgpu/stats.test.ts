import { describe, expect, it } from 'vitest';
import type { EpochMeasure } from './epoch';
import { epochParts, everyNth } from './stats';

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
    expect(s.breakdown.map((p) => p.label)).toEqual(['host→device', 'kernel', 'device→host', 'other']);
    expect(s.breakdown.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(100, 9);
    expect(s.kernels).toBe(k);
    for (const p of s.breakdown) expect(p.method.length).toBeGreaterThan(20);
  });

  it('says "not available" and shows no kernel part without timestamp-query', () => {
    const s = epochParts('naive', measure, 100, { timings: null, quantumNs: NaN }, 'test');
    expect(s.breakdown.some((p) => p.label === 'kernel')).toBe(false);
    expect(s.kernels).toBeUndefined();
    expect(String(s.extra?.profiling)).toContain('not available');
    expect(s.breakdown.find((p) => p.label === 'other')!.method).toContain('kernel time not available');
  });

  it('never reports a negative part', () => {
    const k = [{ name: 'a', dispatches: 2, sampled: 2, msPerDispatch: 60, ms: 120 }];
    const s = epochParts('resident', measure, 100, { timings: k, quantumNs: 1 }, 'test');
    const other = s.breakdown.find((p) => p.label === 'other')!;
    expect(other.ms).toBe(0);
    expect(other.method).toContain('overlap');
  });
});

describe('everyNth', () => {
  it('reads as English', () => {
    expect([1, 2, 3, 11, 15, 22].map(everyNth)).toEqual(['every step', 'every 2nd step', 'every 3rd step', 'every 11th step', 'every 15th step', 'every 22nd step']);
  });
});
