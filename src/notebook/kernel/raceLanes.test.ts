import { describe, expect, it } from 'vitest';
import { OptionError } from '../../backends/options';
import { boundedPoints, laneLabel, MAX_LANE_POINTS, maxLossDelta, resolveLanes, samplesAtStep } from './raceLanes';
import type { Knobs } from './protocol';

const knobs = { workers: 3, threads: 2, simd: true, mode: 'resident' } as Partial<Knobs>;

describe('race lanes', () => {
  it('resolves each lane from its spec, then the cell knobs, and names it by what differs', () => {
    const lanes = resolveLanes([{ backend: 'js' }, { backend: 'workers', workers: 1 }, { backend: 'workers' }, { backend: 'wasm', simd: false }, { backend: 'webgpu', mode: 'naive' }], knobs);
    expect(lanes.map((l) => l.label)).toEqual(['js', 'workers ×1', 'workers ×3', 'wasm scalar', 'webgpu naive']);
    expect(lanes[1].options.workers).toBe(1);
    expect(lanes[2].options.workers).toBe(3); // the knob
    expect(lanes[4].options.mode).toBe('naive');
  });

  it('gives two lanes of the same name distinct labels, and keeps a label the cell chose', () => {
    const lanes = resolveLanes([{ backend: 'js' }, { backend: 'js' }, { backend: 'wasm', label: 'C SIMD', threads: 1 }], knobs);
    expect(lanes.map((l) => l.label)).toEqual(['js', 'js #2', 'C SIMD']);
  });

  it('refuses an unknown backend or a bad option before anything runs', () => {
    expect(() => resolveLanes([{ backend: 'cuda' as never }], knobs)).toThrow(OptionError);
    expect(() => resolveLanes([{ backend: 'workers', workers: 0 }], knobs)).toThrow(/workers/);
    expect(() => resolveLanes([{ backend: 'webgpu', mode: 'fast' as never }], knobs)).toThrow(OptionError);
  });

  it('labels match the backend for its colour', () => {
    expect(laneLabel('wasm', { threads: 4, simd: true })).toBe('wasm ×4');
    expect(laneLabel('workers', { workers: 2 })).toBe('workers ×2');
  });

  it('sends at most MAX_LANE_POINTS points, in time order, first and last kept', () => {
    const pts = Array.from({ length: 5000 }, (_, i) => ({ t: i, step: i + 1, loss: Math.sin(i) + 2 }));
    const b = boundedPoints(pts);
    expect(b.length).toBeLessThanOrEqual(MAX_LANE_POINTS);
    expect(b.length).toBeGreaterThan(MAX_LANE_POINTS / 2);
    expect(b[0]).toEqual(pts[0]);
    expect(b.at(-1)).toEqual(pts.at(-1));
    expect(b.every((p, i) => i === 0 || p.t > b[i - 1].t)).toBe(true);
    expect(boundedPoints(pts.slice(0, 10))).toEqual(pts.slice(0, 10));
  });

  it('measures the largest loss gap to the reference at the steps both recorded', () => {
    const ref = [{ t: 1, step: 1, loss: 2 }, { t: 2, step: 2, loss: 1.5 }, { t: 3, step: 3, loss: 1 }];
    expect(maxLossDelta(ref, ref)).toBe(0);
    expect(maxLossDelta([{ t: 9, step: 2, loss: 1.25 }, { t: 9, step: 3, loss: 1.1 }], ref)).toBeCloseTo(0.25);
    expect(maxLossDelta([{ t: 1, step: 7, loss: 1 }], ref)).toBeUndefined();
  });

  it('counts the images trained by a step, the last batch of an epoch short', () => {
    // 250 images, batch 100: batches of 100, 100, 50
    expect(samplesAtStep(0, 250, 100)).toBe(0);
    expect(samplesAtStep(1, 250, 100)).toBe(100);
    expect(samplesAtStep(3, 250, 100)).toBe(250);
    expect(samplesAtStep(4, 250, 100)).toBe(350);
    expect(samplesAtStep(6, 250, 100)).toBe(500);
  });
});
