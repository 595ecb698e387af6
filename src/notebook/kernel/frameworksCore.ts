// The pure parts of tfjs.train() (lesson 11): its options, the app's weights in Keras's layout, the
// batches in the app's seeded order, and an honest count of lines of code.
import { resolveOptions } from '../../backends/options';
import { TRAIN_OPTIONS } from '../../train/config';
import { paramViews } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import type { Batch } from './tfjsModel';

/** The TF.js backends a cell may ask for. */
export const TFJS_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

export interface TfjsOptions {
  /** TF.js's backend: 'cpu' (plain JavaScript), 'wasm' (XNNPACK, SIMD, one thread in the kernel) or 'webgpu' (default 'wasm') */
  backend?: TfjsBackend;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  samples?: number;
  seed?: number;
  /** an untimed pass over the first 2048 images first (kernel compilation, caches); the timed run starts from the seeded weights (default true) */
  warmup?: boolean;
  /** the run's name in tables (default 'tfjs-' + backend) */
  label?: string;
}

export interface ResolvedTfjsOptions {
  backend: TfjsBackend; epochs: number; batchSize: number; learningRate: number; samples: number; seed: number; warmup: boolean; label: string;
}

const { epochs, batchSize, learningRate, samples, seed } = TRAIN_OPTIONS;
const SHARED = { epochs, batchSize, learningRate, samples, seed };

/** The call's options over the cell's knobs over the defaults, as train() resolves them; an unknown backend is `null`. */
export function resolveTfjsOptions(knobs: Readonly<Record<string, unknown>>, o: TfjsOptions): ResolvedTfjsOptions | { badBackend: string } {
  const backend = o.backend ?? 'wasm';
  if (!(TFJS_BACKENDS as readonly string[]).includes(backend)) return { badBackend: String(backend) };
  const given = { ...knobs, ...Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k in SHARED)) };
  const r = resolveOptions('training', SHARED, Object.fromEntries(Object.keys(SHARED).map((k) => [k, given[k]])));
  return { ...r, backend, warmup: o.warmup !== false, label: o.label ?? `tfjs-${backend}` };
}

/** The app's flat parameters (weights out × in) as a Keras Dense stack's weights (kernel in × out, bias). */
export function kerasWeights(spec: MlpSpec, params: Float32Array): { kernel1: Float32Array; bias1: Float32Array; kernel2: Float32Array; bias2: Float32Array } {
  const p = paramViews(spec, params);
  const transpose = (w: Float32Array, rows: number, cols: number) => {
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
    return out;
  };
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  return { kernel1: transpose(p.w1, H, C), bias1: p.b1.slice(), kernel2: transpose(p.w2, V, H), bias2: p.b2.slice() };
}

/** The batches of one epoch in `order` (the app's seeded permutation), as train() forms them: pixels / 255, labels one-hot. */
export function* seededBatches(images: Uint8Array, labels: Uint8Array, order: ArrayLike<number>, batchSize: number): Generator<Batch> {
  for (let start = 0; start < order.length; start += batchSize) {
    const n = Math.min(batchSize, order.length - start);
    const xs = new Float32Array(n * 784), ys = new Float32Array(n * 10);
    for (let b = 0; b < n; b++) {
      const i = order[start + b];
      for (let c = 0; c < 784; c++) xs[b * 784 + c] = images[i * 784 + c] / 255;
      ys[b * 10 + labels[i]] = 1;
    }
    yield { xs, ys, n };
  }
}

/** The source of the named top-level functions (`export function NAME(` … the next `}` at column 0). */
export function functionSources(source: string, names: readonly string[]): string[] {
  const lines = source.split('\n');
  return names.map((name) => {
    const start = lines.findIndex((l) => new RegExp(`^(export )?(async )?function\\*? ?${name}\\b`).test(l));
    if (start < 0) throw new Error(`function ${name} not found`);
    const end = lines.findIndex((l, i) => i > start && l === '}');
    return lines.slice(start, end + 1).join('\n');
  });
}

/** Lines that hold code: not blank, not only a comment (// …, /* … *\/, * …). */
export function linesOfCode(source: string): number {
  return source.split('\n').filter((l) => {
    const s = l.trim();
    return s !== '' && !s.startsWith('//') && !s.startsWith('/*') && !s.startsWith('*');
  }).length;
}
