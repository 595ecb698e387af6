import { describe, expect, it } from 'vitest';
import { StoppedError } from '../../backends/types';
import {
  calibrate, calibrationOf, calibrationWorkload, compareCurves, lossesText, measureRepeats, measurement, noiseCheck, noiseText,
  repeatPrefix, softwareGpuText, spreadOf, timingText,
} from './measure';

describe('spread of the timed epochs', () => {
  it('gives the median, the extremes and how far apart they are', () => {
    expect(spreadOf([110, 100, 90])).toEqual({ median: 100, min: 90, max: 110, count: 3, spread: 0.2 });
    expect(spreadOf([4, 1, 3, 2]).median).toBe(2.5);
    expect(spreadOf([7])).toMatchObject({ median: 7, count: 1, spread: 0 });
    expect(spreadOf([]).count).toBe(0);
  });
});

describe('the noise guard', () => {
  const quiet = calibrationOf(10, 10.5);
  it('flags a spread over 15%, with its figures', () => {
    const check = noiseCheck(spreadOf([100, 104, 130]), quiet);
    expect(check.busy).toBe(true);
    expect(check.reasons).toEqual(['spread']);
    const text = noiseText('en', check, { minEpochMs: 100, maxEpochMs: 130 })!;
    expect(text).toContain('busy');
    expect(text).toContain('from 100 to 130 ms, 29% apart, more than 15%');
    expect(noiseText('es', check, { minEpochMs: 100, maxEpochMs: 1300 })).toContain('de 100 a 1.300 ms');
  });

  it('flags a calibration loop that ran at another speed after the runs', () => {
    const check = noiseCheck(spreadOf([100, 101, 102]), calibrationOf(2.5, 4));
    expect(check.reasons).toEqual(['calibration']);
    expect(noiseText('es', check, { minEpochMs: 100, maxEpochMs: 102 })).toContain('2,5 ms antes y 4 ms después, un 60\u00a0% de diferencia');
  });

  it('stays quiet within 15%, and does not judge the spread of a single epoch', () => {
    expect(noiseCheck(spreadOf([100, 105, 110]), quiet).busy).toBe(false);
    expect(noiseCheck(spreadOf([100]), quiet).busy).toBe(false);
    expect(noiseText('en', noiseCheck(spreadOf([100, 110]), quiet), { minEpochMs: 100, maxEpochMs: 110 })).toBeNull();
  });

  it('the calibration loop is a fixed workload that takes measurable time', () => {
    expect(calibrationWorkload(8)).toBe(calibrationWorkload(8));
    let now = 0;
    // a fake clock that advances 3 ms per reading pair: the median run is 3 ms
    expect(calibrate(() => (now += 1.5), 5)).toBe(1.5);
    expect(calibrate()).toBeGreaterThan(0);
  });
});

describe('repeats', () => {
  it('runs the training `repeats` times in turn, between two calibrations', async () => {
    const log: string[] = [];
    let c = 0;
    const out = await measureRepeats(3, async (i) => { log.push(`run ${i}`); return i * 10; }, { calibrate: () => { log.push('cal'); return ++c; } });
    expect(log).toEqual(['cal', 'run 0', 'run 1', 'run 2', 'cal']);
    expect(out.results).toEqual([0, 10, 20]);
    expect(out.calibration).toEqual({ beforeMs: 1, afterMs: 2, drift: 1 });
  });

  it('stops between repeats', async () => {
    const ac = new AbortController();
    const runs: number[] = [];
    const p = measureRepeats(5, async (i) => { runs.push(i); if (i === 1) ac.abort(); }, { signal: ac.signal, calibrate: () => 1 });
    await expect(p).rejects.toBeInstanceOf(StoppedError);
    expect(runs).toEqual([0, 1]);
  });

  it('knows whether the repeats computed the same loss curve', () => {
    expect(compareCurves([[2, 1, 0.5], [2, 1, 0.5], [2, 1, 0.5]])).toEqual({ identical: true, maxDelta: 0 });
    expect(compareCurves([[2, 1, 0.5], [2, 1.25, 0.5]])).toEqual({ identical: false, maxDelta: 0.25 });
    expect(compareCurves([[2, 1], [2]]).identical).toBe(false);
    const m = measurement(2, [100, 100], [[1, 2], [1, 2.5]], calibrationOf(1, 1));
    expect(lossesText('en', m)).toContain('The 2 repeats did not compute the same losses (largest difference 5.0e-1)');
    expect(lossesText('en', measurement(2, [100, 100], [[1], [1]], calibrationOf(1, 1)))).toBeNull();
  });

  it('keeps every timed epoch and reports median, min and max of them all', () => {
    const m = measurement(3, [120, 100, 140, 110, 90, 130], [[1], [1], [1]], calibrationOf(2, 2));
    expect(m).toMatchObject({ repeats: 3, medianEpochMs: 115, minEpochMs: 90, maxEpochMs: 140, lossesMatch: true });
    expect(m.epochMs).toEqual([120, 100, 140, 110, 90, 130]);
    expect(m.noise.busy).toBe(true);
  });
});

describe('words', () => {
  it('says "median" only over more than one timed epoch', () => {
    expect(timingText('en', { epochMs: [812.4], medianEpochMs: 812.4, minEpochMs: 812.4, maxEpochMs: 812.4 })).toBe('one epoch: 812 ms');
    expect(timingText('es', { epochMs: [812.4], medianEpochMs: 812.4, minEpochMs: 812.4, maxEpochMs: 812.4 })).toBe('una época: 812 ms');
    expect(timingText('es', { epochMs: [1000, 1100, 1250], medianEpochMs: 1100, minEpochMs: 1000, maxEpochMs: 1250 }))
      .toBe('mediana de 3 épocas: 1.100 ms (mín. 1.000 ms, máx. 1.250 ms, 23\u00a0% de diferencia)');
    expect(timingText('en', { epochMs: [1000, 1100, 12500], medianEpochMs: 1100, minEpochMs: 1000, maxEpochMs: 12500 }))
      .toBe('median of 3 epochs: 1,100 ms (min 1,000 ms, max 12,500 ms, 1,045% apart)');
  });

  it('says what a software GPU means, and numbers repeats', () => {
    expect(softwareGpuText('en', 'google swiftshader')).toMatch(/google swiftshader, a CPU emulation of a GPU.*says nothing about a real GPU/);
    expect(softwareGpuText('es', 'google swiftshader')).toMatch(/emulación de GPU en la CPU/);
    expect(repeatPrefix('es', 1, 3)).toBe('repetición 2 de 3 · ');
    expect(repeatPrefix('en', 0, 1)).toBe('');
  });
});
