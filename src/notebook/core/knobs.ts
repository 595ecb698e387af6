import { BACKEND_NAMES } from '../../backends/types';
import { DEFAULT_CONFIG } from '../../train/config';
import type { Knobs } from '../kernel/protocol';

/** `?samples=N` in the page URL trains every cell on the first N images by default (quick mode). */
function defaultSamples(): number {
  const q = typeof location !== 'undefined' ? Number(new URLSearchParams(location.search).get('samples')) : NaN;
  return Number.isInteger(q) && q >= 1 && q <= 60000 ? q : 60000;
}

export function defaultKnobs(): Knobs {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return {
    backend: 'js', batchSize: DEFAULT_CONFIG.batchSize, epochs: DEFAULT_CONFIG.epochs, learningRate: DEFAULT_CONFIG.learningRate,
    workers: Math.min(16, cores), threads: Math.min(8, cores), simd: true, mode: 'resident', samples: defaultSamples(),
  };
}

/** Knobs for a cell: defaults overridden by the lesson's cell options (unknown keys are ignored). */
export function knobsFromOptions(options: Record<string, string | number | boolean>): Knobs {
  const k = defaultKnobs();
  const o = options;
  if (typeof o.backend === 'string' && (BACKEND_NAMES as readonly string[]).includes(o.backend)) k.backend = o.backend as Knobs['backend'];
  if (typeof o.batchSize === 'number') k.batchSize = o.batchSize;
  if (typeof o.epochs === 'number') k.epochs = o.epochs;
  if (typeof o.learningRate === 'number') k.learningRate = o.learningRate;
  if (typeof o.workers === 'number') k.workers = o.workers;
  if (typeof o.threads === 'number') k.threads = o.threads;
  if (typeof o.simd === 'boolean') k.simd = o.simd;
  if (o.mode === 'resident' || o.mode === 'naive') k.mode = o.mode;
  if (typeof o.samples === 'number') k.samples = Math.min(o.samples, k.samples);
  return k;
}
