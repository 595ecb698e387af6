import { describe, expect, it } from 'vitest';
import { finishedRace, lane, points } from '../../test/raceFixture';
import { laneAt, lanesShown, lastPointAt, replayLength } from './raceClock';

describe('the race clock', () => {
  it('finds the last point at or before a moment', () => {
    const p = points(10, 100);
    expect(lastPointAt(p, 50)).toBe(-1);
    expect(lastPointAt(p, 100)).toBe(0);
    expect(lastPointAt(p, 449)).toBe(3);
    expect(lastPointAt(p, 5000)).toBe(9);
  });

  it('shows a finished lane where it had been seen at that moment, and past its time at the line', () => {
    const race = finishedRace();
    const js = race.lanes[0];
    expect(laneAt(js, 0, race, 'ghost')).toMatchObject({ done: 0, loss: null, finished: false });
    expect(laneAt(js, 350, race, 'ghost')).toMatchObject({ done: 300, elapsedMs: 350, loss: 1.98, finished: false });
    expect(laneAt(js, 1000, race, 'ghost')).toMatchObject({ done: 1000, elapsedMs: 1000, finished: true });
    expect(laneAt(js, 9999, race, 'replay').elapsedMs).toBe(1000);
  });

  it('while a lane runs one at a time, the lanes that finished are ghosts on its clock', () => {
    const base = finishedRace();
    const race = { ...base, finished: false, lanes: [base.lanes[0], lane({ label: 'workers ×2', backend: 'workers', status: 'running', done: 200, elapsedMs: 300, points: points(2, 100), totalMs: undefined })] };
    const [ghost, live] = lanesShown(race, 100, null);
    expect(live).toMatchObject({ role: 'live', done: 200, elapsedMs: 400 });
    expect(ghost).toMatchObject({ role: 'ghost', done: 400, elapsedMs: 400, finished: false });
    // all at once: no ghosts, every lane as reported
    expect(lanesShown({ ...race, concurrent: true }, 100, null)[0].role).toBe('static');
  });

  it('replays every finished lane on one clock; a failed lane stays as it was', () => {
    const race = finishedRace();
    expect(replayLength(race)).toBe(1000);
    const at = lanesShown(race, 0, 500);
    expect(at[0]).toMatchObject({ role: 'replay', done: 500, finished: false });
    expect(at[1]).toMatchObject({ role: 'replay', done: 1000, finished: true });
    expect(at[2]).toMatchObject({ role: 'static', done: 0, finished: false });
    expect(lanesShown(race, 0, null).map((s) => s.role)).toEqual(['static', 'static', 'static']);
  });
});
