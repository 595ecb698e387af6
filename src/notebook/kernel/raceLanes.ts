// The pure half of show.race: which lanes run (from the cell's specs, its knobs and the options
// schema), their labels, the points a lane sends to the page, and how far each lane's loss curve
// strays from js's. race.ts drives the training.
import { BACKEND_OPTIONS, resolveOptions } from '../../backends/options';
import type { BackendName, BackendOptions } from '../../backends/types';
import { TRAIN_OPTIONS } from '../../train/config';
import { downsampleRows } from './limits';
import type { Knobs, RacePoint } from './protocol';

/** One lane of a race: a backend and the options it runs with (missing ones come from the cell's knobs, then their defaults). */
export interface LaneSpec {
  backend: BackendName;
  /** the lane's name (default: the backend and its variant, e.g. 'workers ×2') */
  label?: string;
  workers?: number;
  threads?: number;
  simd?: boolean;
  mode?: 'resident' | 'naive';
}

/** A lane as it will run: its backend, its resolved options and a unique label. */
export interface ResolvedLane { backend: BackendName; label: string; options: BackendOptions }

/** At most this many lanes in one race (the page shows one row each). */
export const MAX_LANES = 8;
/** Points per lane sent to the page: 8 lanes of these stay well inside a cell's saved budget. */
export const MAX_LANE_POINTS = 300;

const LANE_KEYS = ['workers', 'threads', 'simd', 'mode'] as const;

/** The lane's default name: the backend and what differs between its variants. */
export function laneLabel(backend: BackendName, o: BackendOptions): string {
  switch (backend) {
    case 'js': return 'js';
    case 'workers': return `workers ×${o.workers}`;
    case 'wasm': return o.simd === false ? 'wasm scalar' : `wasm ×${o.threads}`;
    case 'webgpu': return `webgpu ${o.mode}`;
  }
}

/**
 * Each spec checked against the options schema (an unknown backend or a bad value is an OptionError
 * before anything runs), with the options of its backend resolved and a label no other lane has.
 */
export function resolveLanes(specs: readonly LaneSpec[], knobs: Partial<Knobs>): ResolvedLane[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    const { backend } = resolveOptions('training', { backend: TRAIN_OPTIONS.backend }, { backend: (spec as { backend?: unknown })?.backend });
    const given: Record<string, unknown> = { ...knobs };
    for (const k of LANE_KEYS) if (spec[k] !== undefined) given[k] = spec[k];
    const options: BackendOptions = resolveOptions(backend, BACKEND_OPTIONS[backend], given);
    const base = typeof spec.label === 'string' && spec.label.trim() ? spec.label.trim() : laneLabel(backend, options);
    let label = base;
    for (let n = 2; seen.has(label); n++) label = `${base} #${n}`;
    seen.add(label);
    return { backend, label, options };
  });
}

/** A lane's points as sent to the page: at most `max`, keeping each stretch's lowest and highest loss (limits.ts). */
export function boundedPoints(points: readonly RacePoint[], max = MAX_LANE_POINTS): RacePoint[] {
  if (points.length <= max) return points.slice();
  return downsampleRows(points as unknown as Record<string, number>[], ['loss'], max) as unknown as RacePoint[];
}

/** The largest |loss − ref's loss| over the steps both recorded; undefined when they share none. */
export function maxLossDelta(points: readonly RacePoint[], ref: readonly RacePoint[]): number | undefined {
  const byStep = new Map(ref.map((p) => [p.step, p.loss]));
  let max: number | undefined;
  for (const p of points) {
    const r = byStep.get(p.step);
    if (r === undefined) continue;
    max = Math.max(max ?? 0, Math.abs(p.loss - r));
  }
  return max;
}

/** Images trained once step `step` (1-based, counted across epochs) is done. */
export function samplesAtStep(step: number, samples: number, batchSize: number): number {
  if (step <= 0) return 0;
  const batches = Math.ceil(samples / batchSize);
  const epoch = Math.floor((step - 1) / batches), batch = (step - 1) % batches;
  return epoch * samples + Math.min(samples, (batch + 1) * batchSize);
}
