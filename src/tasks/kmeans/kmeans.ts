// k-means as map-reduce (issue 15 §4). The coordinator (the kernel, or a test) chooses the first
// centroids (seeded; k-means++'s distance updates run as tasks too), then each Lloyd iteration is one round of tasks: MAP — every chunk of images
// is assigned to its nearest centroid on a worker (assign.ts, `kmeansAssign`), which returns partial
// sums; REDUCE — here, the partials are added in chunk order (never in the order workers finish)
// and divided. The sums are integers (raw pixel bytes), so the centroids are bit-identical whatever
// the number of jobs; the inertia, a float sum, is added in chunk order for the same reason.
// An empty cluster keeps its previous centroid.
import { mulberry32 } from '../../mlp/random';
import type { RunTasksOptions, TaskEvent, TaskSpec } from '../types';
import { MAX_K, PIXELS, type AssignPayload, type AssignResult, type NearestPayload } from './assign';

export type KmeansInit = 'k-means++' | 'random';

export interface KmeansConfig {
  readonly k: number;
  readonly iterations: number;
  readonly init: KmeansInit;
  readonly seed: number;
  readonly nJobs: number;
}

/** What runs the tasks: `runTasks` (run.ts), or anything with its contract (results in task order). */
export type TaskRunner = (tasks: readonly TaskSpec[], opts: RunTasksOptions) => Promise<unknown[]>;

export interface KmeansIteration {
  /** 0-based */
  readonly iteration: number;
  /** Σ ‖x − c‖² over all images against the centroids the iteration started with, pixels in [0, 1] */
  readonly inertia: number;
  readonly ms: number;
}

export interface KmeansResult {
  /** k × 784, pixels in [0, 1]: each the mean of the images assigned to it in the last iteration */
  readonly centroids: Float32Array;
  /** per image, its cluster in the last iteration (the images each centroid is the mean of) */
  readonly assignments: Uint8Array;
  /** images per cluster in the last iteration */
  readonly sizes: number[];
  /** per iteration (never increases: Lloyd's algorithm) */
  readonly inertia: number[];
  readonly ms: { readonly init: number; readonly total: number; readonly perIteration: number[] };
  /** every task of every iteration, with its worker and times (ms since the k-means started) */
  readonly tasks: TaskEvent[];
}

const SCALE2 = 255 * 255;

/** Squared distance between image i (bytes) and a centroid (raw units, float64), computed directly. */
function distance(pixels: Uint8Array, i: number, c: Float64Array, at: number): number {
  let d = 0;
  for (let p = 0; p < PIXELS; p++) {
    const diff = pixels[i * PIXELS + p] - c[at + p];
    d += diff * diff;
  }
  return d;
}

/**
 * The first k centroids (raw units), chosen from the images with a seeded PRNG (mlp/random.ts):
 * 'random' takes k distinct images; 'k-means++' takes one at random, then each next with a
 * probability proportional to its squared distance to the nearest centroid chosen so far (D²).
 */
export function initCentroids(pixels: Uint8Array, k: number, init: KmeansInit, seed: number): Float64Array {
  const n = Math.floor(pixels.length / PIXELS);
  if (n < k) throw new Error(`k-means: ${k} clusters need at least ${k} images (got ${n})`);
  const rand = mulberry32(seed);
  const chosen: number[] = [];
  if (init === 'random') {
    const taken = new Set<number>();
    while (chosen.length < k) {
      const i = Math.floor(rand() * n);
      if (!taken.has(i)) { taken.add(i); chosen.push(i); }
    }
  } else {
    chosen.push(Math.floor(rand() * n));
    const nearest = new Float64Array(n).fill(Infinity);
    const c = new Float64Array(PIXELS);
    while (chosen.length < k) {
      const last = chosen[chosen.length - 1];
      for (let p = 0; p < PIXELS; p++) c[p] = pixels[last * PIXELS + p];
      let total = 0;
      for (let i = 0; i < n; i++) {
        const d = distance(pixels, i, c, 0);
        if (d < nearest[i]) nearest[i] = d;
        total += nearest[i];
      }
      chosen.push(pickD2(nearest, total, rand, chosen));
    }
  }
  return imagesAt(pixels, chosen);
}

/** D² sampling: image i with probability nearest[i] / total (every image already a centroid, or equal to one: the first unchosen). */
function pickD2(nearest: Float64Array, total: number, rand: () => number, chosen: readonly number[]): number {
  const n = nearest.length;
  if (total > 0) {
    let r = rand() * total;
    for (let i = 0; i < n; i++) {
      r -= nearest[i];
      if (r < 0 && nearest[i] > 0) return i;
    }
    for (let i = n - 1; i >= 0; i--) if (nearest[i] > 0) return i; // rounding at the very end
  }
  return [...Array(n).keys()].find((i) => !chosen.includes(i)) ?? 0;
}

function imagesAt(pixels: Uint8Array, chosen: readonly number[]): Float64Array {
  const out = new Float64Array(chosen.length * PIXELS);
  chosen.forEach((img, j) => { for (let p = 0; p < PIXELS; p++) out[j * PIXELS + p] = pixels[img * PIXELS + p]; });
  return out;
}

/**
 * k-means++ with its D² step as tasks (`kmeansNearest`, one per chunk): the same picks as
 * initCentroids — the distances are integers, so the totals are exact whatever the chunks — while
 * the O(n·784) work per centroid runs on the workers. The distances live in shared memory when there
 * is some (each task updates its slice in place); otherwise each task sends its slice back.
 */
export async function initCentroidsTasks(pixels: Uint8Array, k: number, seed: number, nJobs: number, run: TaskRunner, opts: Omit<RunTasksOptions, 'nJobs'> = {}): Promise<Float64Array> {
  const n = Math.floor(pixels.length / PIXELS);
  if (n < k) throw new Error(`k-means: ${k} clusters need at least ${k} images (got ${n})`);
  const rand = mulberry32(seed);
  const chosen = [Math.floor(rand() * n)];
  const nearest = new Float64Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8)).fill(Infinity);
  // one chunk per job: a D² round is short (a fifth of an assign round), so 8 tasks would spend as much on
  // messages as on work; its totals are exact integers, so the picks are the same whatever the chunks
  const chunks = chunkBounds(n, nJobs);
  while (chosen.length < k) {
    const last = chosen[chosen.length - 1];
    const center = pixels.slice(last * PIXELS, (last + 1) * PIXELS);
    const specs: TaskSpec[] = chunks.map((c) => ({
      name: `k-means++ centroid ${chosen.length + 1} · rows ${c.from}–${c.to - 1}`, kind: 'kmeansNearest',
      payload: { pixels: pixels.subarray(c.from * PIXELS, c.to * PIXELS), nearest: nearest.subarray(c.from, c.to), center } satisfies NearestPayload,
    }));
    const base = (chosen.length - 1) * chunks.length; // the task stream numbers every round's tasks in turn
    const parts = (await run(specs, { ...opts, nJobs, onTask: opts.onTask && ((e) => opts.onTask!({ ...e, index: base + e.index })) })) as { total: number; nearest: Float64Array | null }[];
    let total = 0;
    parts.forEach((p, j) => {
      total += p.total;
      if (p.nearest && p.nearest.buffer !== nearest.buffer) nearest.set(p.nearest, chunks[j].from);
    });
    chosen.push(pickD2(nearest, total, rand, chosen));
  }
  return imagesAt(pixels, chosen);
}

/**
 * How many chunks a round splits the images into: 8, whatever the number of jobs up to 8, so the
 * tasks — and the order their partials are added in, the inertia included — are the same for 1, 2, 4
 * or 8 jobs. Chunks are not tied to a worker (the pixels are shared memory): a worker that finishes
 * early takes the next chunk, so a core slowed by something else costs a chunk, not half the round.
 */
export const KMEANS_CHUNKS = 8;
export const chunkCount = (nJobs: number) => Math.max(KMEANS_CHUNKS, nJobs);

/** Rows [from, to) of each of `parts` near-equal chunks of n images. */
export function chunkBounds(n: number, parts: number): { from: number; to: number }[] {
  const m = Math.max(1, Math.min(parts, n));
  return Array.from({ length: m }, (_, j) => ({ from: Math.floor((j * n) / m), to: Math.floor(((j + 1) * n) / m) }));
}

/** REDUCE: the chunks' partials added in chunk order; each centroid their mean, or (empty cluster) its previous value. */
export function reducePartials(parts: readonly AssignResult[], previous: Float64Array, k: number): { centroids: Float64Array; counts: Float64Array; inertia: number } {
  const sums = new Float64Array(k * PIXELS);
  const counts = new Float64Array(k);
  let inertia = 0;
  for (const part of parts) {
    for (let i = 0; i < sums.length; i++) sums[i] += part.sums[i];
    for (let j = 0; j < k; j++) counts[j] += part.counts[j];
    inertia += part.inertia;
  }
  const centroids = new Float64Array(k * PIXELS);
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < PIXELS; p++) {
      const at = j * PIXELS + p;
      centroids[at] = counts[j] > 0 ? sums[at] / counts[j] : previous[at];
    }
  }
  return { centroids, counts, inertia };
}

/** Share of images whose cluster's most common label is their own (the labels are used only here, never to cluster). */
export function purity(assignments: Uint8Array, labels: Uint8Array, k: number): { purity: number; majority: number[]; share: number[]; sizes: number[] } {
  const table = Array.from({ length: k }, () => new Array<number>(10).fill(0));
  for (let i = 0; i < assignments.length; i++) table[assignments[i]][labels[i]]++;
  let agree = 0;
  const majority: number[] = [], share: number[] = [], sizes: number[] = [];
  for (const row of table) {
    const size = row.reduce((s, x) => s + x, 0);
    const top = row.indexOf(Math.max(...row)); // ties: the smallest label
    agree += row[top];
    majority.push(top);
    share.push(size ? row[top] / size : 0);
    sizes.push(size);
  }
  return { purity: assignments.length ? agree / assignments.length : 0, majority, share, sizes };
}

export interface KmeansHooks {
  readonly signal?: AbortSignal;
  /** after each iteration: its number, inertia and time */
  readonly onIteration?: (it: KmeansIteration) => void;
}

/** Lloyd's k-means on `pixels` (n × 784 bytes), each iteration a round of `run` tasks, one per chunk (chunkCount). */
export async function kmeansOn(pixels: Uint8Array, cfg: KmeansConfig, run: TaskRunner, hooks: KmeansHooks = {}): Promise<KmeansResult> {
  const { k, iterations, nJobs } = cfg;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new Error(`k-means: k must be an integer from 1 to ${MAX_K} (got ${k})`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`k-means: iterations must be a positive integer (got ${iterations})`);
  const n = Math.floor(pixels.length / PIXELS);
  const t0 = performance.now();
  const inertia: number[] = [], perIteration: number[] = [], tasks: TaskEvent[] = [];
  const record = (offset: number) => { const base = tasks.length; return (e: TaskEvent) => tasks.push({ ...e, index: base + e.index, start: e.start + offset, end: e.end + offset }); };
  let centroids: Float64Array = cfg.init === 'k-means++'
    ? await initCentroidsTasks(pixels, k, cfg.seed, nJobs, run, { signal: hooks.signal, onTask: record(0) })
    : initCentroids(pixels, k, cfg.init, cfg.seed);
  const initMs = performance.now() - t0;
  const chunks = chunkBounds(n, chunkCount(nJobs));
  const assignments = new Uint8Array(n);
  let counts: Float64Array = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    const start = performance.now();
    const specs: TaskSpec[] = chunks.map((c) => ({
      name: `kmeans it ${it + 1} · rows ${c.from}–${c.to - 1}`, kind: 'kmeansAssign',
      payload: { pixels: pixels.subarray(c.from * PIXELS, c.to * PIXELS), centroids, k } satisfies AssignPayload,
    }));
    const parts = (await run(specs, { nJobs, signal: hooks.signal, onTask: record(start - t0) })) as AssignResult[];
    parts.forEach((p, j) => assignments.set(p.assignments, chunks[j].from));
    const r = reducePartials(parts, centroids, k);
    centroids = r.centroids;
    counts = r.counts;
    const ms = performance.now() - start;
    inertia.push(r.inertia / SCALE2);
    perIteration.push(ms);
    hooks.onIteration?.({ iteration: it, inertia: r.inertia / SCALE2, ms });
  }
  const out = new Float32Array(k * PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = centroids[i] / 255;
  return { centroids: out, assignments, sizes: Array.from(counts), inertia, ms: { init: initMs, total: performance.now() - t0, perIteration }, tasks };
}
