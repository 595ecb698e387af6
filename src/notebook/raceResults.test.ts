import { describe, expect, it } from 'vitest';
import { raceChartSpec } from '../components/race/raceChart';
import { finishedRace } from '../test/raceFixture';
import { lossDelta, raceTable, speedups } from './raceResults';

describe('race results', () => {
  it('a row per lane: ms/epoch, total, speedup over js, accuracy and the loss gap, in the page language', () => {
    const race = finishedRace();
    expect(speedups(race)).toEqual([1, 2, null]);
    const en = raceTable(race, 'en');
    expect(en.columns).toEqual(['lane', 'what ran', 'ms / epoch', 'total (s)', 'speedup over js', 'accuracy', 'max |Δloss| to js']);
    expect(en.rows[0]).toEqual(['js', 'JS', '1,000', '1.00', '1.00×', '90.0%', '0']);
    expect(en.rows[1]).toEqual(['workers ×2', '2 workers', '500', '0.50', '2.00×', '90.0%', '3e-7']);
    expect(en.rows[2].slice(0, 3)).toEqual(['webgpu resident', '—', 'failed']);
    const es = raceTable(race, 'es');
    expect(es.columns[4]).toBe('aceleración sobre js');
    expect(es.rows[1].slice(3, 5)).toEqual(['0,50', '2,00×']);
  });

  it('no speedup without a js lane that finished', () => {
    const race = finishedRace();
    race.lanes[0] = { ...race.lanes[0], status: 'stopped' };
    expect(speedups(race)).toEqual([null, null, null]);
    expect(raceTable(race, 'en').rows[1][4]).toBe('—');
  });

  it('writes tiny loss gaps in scientific notation', () => {
    expect(lossDelta('en', 1.23e-7)).toBe('1.2e-7');
    expect(lossDelta('es', 1.23e-7)).toBe('1,2e-7');
  });

  it('charts loss against seconds (speed shows) and against step (equal curves)', () => {
    const race = finishedRace();
    const time = raceChartSpec(race, 'time', 'en');
    expect(time.x).toBe('s');
    expect(time.y).toEqual(['js', 'workers ×2']); // the failed lane recorded nothing
    expect(time.data[0]).toEqual({ s: 0.05, 'workers ×2': 2 });
    expect(time.data.at(-1)).toEqual({ s: 1, js: 2 - 9 * 0.01 });
    const step = raceChartSpec(race, 'step', 'en');
    expect(step.data).toHaveLength(10);
    expect(step.data[0]).toEqual({ step: 1, js: 2, 'workers ×2': 2 });
  });
});
