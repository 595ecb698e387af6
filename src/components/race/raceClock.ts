// Where each lane of a race stands at a moment, with no React: a lane running now (from the kernel's
// last update plus the time since it came), a ghost (a lane that already ran, replayed from its
// recorded points on the running lane's clock) or a replay (every finished lane on one clock from 0).
// Recorded points are read as a step function: a lane is shown where it had been seen, never between.
import type { RaceData, RaceLane } from '../../notebook/kernel/protocol';
import { samplesAtStep } from '../../notebook/kernel/raceLanes';

/** How a lane is drawn: as the kernel reported it, live, as a ghost or in a replay. */
export type LaneRole = 'static' | 'live' | 'ghost' | 'replay';

export interface LaneShown {
  role: LaneRole;
  done: number;
  elapsedMs: number;
  /** the last loss recorded by then; null: none yet */
  loss: number | null;
  /** crossed the line by then */
  finished: boolean;
}

/** The index of the last point with t ≤ ms (-1: none). Points are in time order. */
export function lastPointAt(points: RaceLane['points'], ms: number): number {
  let lo = 0, hi = points.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= ms) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** A finished lane as it stood `ms` after its start. */
export function laneAt(lane: RaceLane, ms: number, race: Pick<RaceData, 'samples' | 'batchSize'>, role: LaneRole): LaneShown {
  const last = lane.points.at(-1)?.loss ?? null;
  if (lane.totalMs !== undefined && ms >= lane.totalMs) return { role, done: lane.total, elapsedMs: lane.totalMs, loss: last, finished: true };
  const i = lastPointAt(lane.points, ms);
  const p = i >= 0 ? lane.points[i] : null;
  return { role, done: p ? Math.min(lane.total, samplesAtStep(p.step, race.samples, race.batchSize)) : 0, elapsedMs: Math.max(0, ms), loss: p?.loss ?? null, finished: false };
}

/** A lane as the kernel last reported it; a running one has run `sinceUpdateMs` more since. */
export function laneNow(lane: RaceLane, sinceUpdateMs: number): LaneShown {
  // running and still training (a lane past its last image is being evaluated: its time has stopped)
  const running = lane.status === 'running' && lane.done < lane.total;
  return {
    role: running ? 'live' : 'static', done: lane.done, elapsedMs: lane.elapsedMs + (running ? Math.max(0, sinceUpdateMs) : 0),
    loss: lane.points.at(-1)?.loss ?? null, finished: lane.status === 'done',
  };
}

/** The longest finished lane: how long a replay lasts at 1×. */
export function replayLength(race: RaceData): number {
  return Math.max(0, ...race.lanes.map((l) => (l.status === 'done' ? l.totalMs ?? 0 : 0)));
}

/**
 * Every lane at this moment. `replayMs` set: the finished lanes replay on that clock. Otherwise the
 * running lanes are live, and (one at a time) the lanes that finished run as ghosts on the running
 * lane's clock.
 */
export function lanesShown(race: RaceData, sinceUpdateMs: number, replayMs: number | null): LaneShown[] {
  if (replayMs !== null) return race.lanes.map((l) => (l.status === 'done' ? laneAt(l, replayMs, race, 'replay') : laneNow(l, 0)));
  const running = race.lanes.find((l) => l.status === 'running');
  const clock = running && !race.concurrent ? laneNow(running, sinceUpdateMs).elapsedMs : null;
  return race.lanes.map((l) => (clock !== null && l.status === 'done' ? laneAt(l, clock, race, 'ghost') : laneNow(l, sinceUpdateMs)));
}
