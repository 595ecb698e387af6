// A finished race of three lanes, for the race's unit tests (not shipped: only tests import it).
import type { RaceData, RaceLane, RacePoint } from '../notebook/kernel/protocol';

/** `n` points, one every `every` ms, the loss falling from 2 by `drop` a step. */
export function points(n: number, every: number, drop = 0.01): RacePoint[] {
  return Array.from({ length: n }, (_, i) => ({ t: (i + 1) * every, step: i + 1, loss: 2 - i * drop }));
}

export function lane(over: Partial<RaceLane>): RaceLane {
  return { label: 'js', backend: 'js', variant: 'JS', status: 'done', total: 1000, done: 1000, elapsedMs: 1000, points: points(10, 100), msPerEpoch: 1000, totalMs: 1000, accuracy: 0.9, ...over };
}

/** 1000 images, batch 100: 10 steps. js takes 1 s, workers ×2 0.5 s, webgpu failed. */
export function finishedRace(over: Partial<RaceData> = {}): RaceData {
  return {
    concurrent: false, cores: 2, samples: 1000, epochs: 1, batchSize: 100, finished: true,
    lanes: [
      lane({ maxDelta: 0 }),
      lane({ label: 'workers ×2', backend: 'workers', variant: '2 workers', points: points(10, 50), msPerEpoch: 500, totalMs: 500, elapsedMs: 500, maxDelta: 3e-7 }),
      lane({ label: 'webgpu resident', backend: 'webgpu', variant: '', status: 'failed', done: 0, elapsedMs: 0, points: [], msPerEpoch: undefined, totalMs: undefined, accuracy: undefined, reason: 'no adapter' }),
    ],
    ...over,
  };
}
