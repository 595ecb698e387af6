import { describe, expect, it } from 'vitest';
import { backendText } from '../i18n/backendText';
import { fitBreakdown, type MeasuredPart } from './breakdown';
import { msg } from './messages';

const part = (id: MeasuredPart['id'], ms: number, estimate?: boolean): MeasuredPart => ({ id, ms, method: msg('method_rest'), ...(estimate ? { estimate } : {}) });
const sum = (ps: readonly { ms: number }[]) => ps.reduce((a, p) => a + p.ms, 0);
const text = (p: { method: Parameters<typeof backendText>[1] }) => backendText('en', p.method);

describe('fitBreakdown: the parts add up to the measured epoch', () => {
  it('keeps parts that fit and makes "other" the rest, even when a backend has no "other"', () => {
    const fit = fitBreakdown([part('compute', 60), part('barrier', 10)], 100);
    expect(fit.map((p) => [p.id, p.ms])).toEqual([['compute', 60], ['barrier', 10], ['other', 30]]);
    expect(text(fit[2])).toBe('epoch wall time minus the parts above');
  });

  it('recomputes a backend\'s own "other" and keeps its method', () => {
    const fit = fitBreakdown([part('compute', 50), { id: 'other', ms: -7, method: msg('method_workers_other') }], 80);
    expect(fit.find((p) => p.id === 'other')).toMatchObject({ ms: 30, method: { id: 'method_workers_other' } });
  });

  it('scales an estimate that exceeds the epoch, leaving the measured parts as they were', () => {
    // webgpu in the issue: kernel 7.2 s estimated, epoch 6.07 s
    const fit = fitBreakdown([part('h2d', 20), part('kernel', 7200, true), part('d2h', 50), part('other', 0)], 6070);
    expect(sum(fit)).toBeCloseTo(6070, 9);
    expect(fit[0].ms).toBe(20);
    expect(fit[1].ms).toBeCloseTo(6000, 9);
    expect(text(fit[1])).toContain('scaled to 83% of it');
    expect(fit[3].ms).toBeCloseTo(0, 9);
  });

  it('scales every part when measured parts alone overlap past the epoch, and says so on each', () => {
    const fit = fitBreakdown([part('compute', 80), part('messaging', 40), part('kernel', 30, true)], 100);
    expect(sum(fit)).toBeCloseTo(100, 9);
    expect(fit.map((p) => Math.round(p.ms))).toEqual([53, 27, 20]);
    for (const p of fit) expect(text(p)).toContain('scaled to 67%');
  });

  it('counts a negative part (timer jitter) as 0 and says so; never hides time', () => {
    const fit = fitBreakdown([part('compute', 90), part('serial', -0.4)], 100);
    expect(fit.find((p) => p.id === 'serial')!.ms).toBe(0);
    expect(text(fit.find((p) => p.id === 'serial')!)).toContain('−0.4 ms');
    expect(fit.find((p) => p.id === 'other')!.ms).toBeCloseTo(10, 9);
  });

  it('keeps tiny parts, and sums to the epoch within rounding over many random cases', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const wall = 1 + rnd() * 1000;
      const parts = [part('h2d', rnd() * 0.01), part('kernel', rnd() * 2 * wall, true), part('d2h', rnd() * wall * 0.5), part('other', rnd() * 10 - 5)];
      const fit = fitBreakdown(parts, wall);
      expect(Math.abs(sum(fit) - wall) / wall).toBeLessThan(1e-9);
      expect(fit.every((p) => p.ms >= 0)).toBe(true);
      expect(fit[0].ms).toBe(parts[0].ms);
    }
  });
});
