import { describe, expect, it } from 'vitest';
import { backendText } from '../../i18n/backendText';
import { describeQuantum, kernelTimings, profileEvery, profiledSteps, timestampQuantumNs } from './profile';

describe('profileEvery', () => {
  it('times every step of a short epoch and at most 32 steps of a long one', () => {
    expect(profileEvery(10)).toBe(1);
    expect(profileEvery(469)).toBe(15);
    expect(profiledSteps(469, 15)).toBeLessThanOrEqual(32);
    expect(profiledSteps(3750, profileEvery(3750))).toBeLessThanOrEqual(32);
  });
});

describe('kernelTimings', () => {
  it('averages begin/end pairs per kernel and scales by dispatches', () => {
    // 2 timed steps × 2 kernels: [s0k0, s0k1, s1k0, s1k1], each a (begin, end) pair in ns
    const ticks = [1000n, 3000n, 3000n, 3500n, 10000n, 14000n, 14000n, 14500n];
    const t = kernelTimings(['a', 'b'], ticks, 2, [100, 100]);
    expect(t[0]).toMatchObject({ name: 'a', sampled: 2, dispatches: 100 });
    expect(t[0].msPerDispatch).toBeCloseTo(0.003, 9);
    expect(t[0].ms).toBeCloseTo(0.3, 9);
    expect(t[1].msPerDispatch).toBeCloseTo(0.0005, 9);
  });

  it('drops pairs that never completed instead of inventing a time', () => {
    const t = kernelTimings(['a'], [0n, 0n, 5000n, 1000n], 2, [10]);
    expect(t[0].sampled).toBe(0);
    expect(Number.isNaN(t[0].msPerDispatch)).toBe(true);
  });
});

describe('timestampQuantumNs', () => {
  it('finds the browser quantisation step', () => {
    expect(timestampQuantumNs([100000n, 300000n, 1200000n])).toBe(100000);
    expect(timestampQuantumNs([123456789n, 2n])).toBe(1);
    expect(timestampQuantumNs([0n])).toBeNaN();
    expect(backendText('en', describeQuantum(100000))).toBe('timestamps quantised to 100 µs by the browser');
    expect(describeQuantum(1)).toEqual({ id: 'resolution_ns' });
  });
});
