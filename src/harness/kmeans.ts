// window.harness.kmeans (bench/suites/60-tasks.mjs): k-means on the MNIST training pixels, timed
// with each number of jobs through runTasks, as kmeans() runs it in a cell. Every timing is one
// whole k-means (initialisation included, reported apart); the clusters of every run are compared
// with the first's (they must be bit-identical: the reduce adds the partials in chunk order).
import { loadMnist } from '../data/mnist';
import { PIXELS } from '../tasks/kmeans/assign';
import { kmeansOn } from '../tasks/kmeans/kmeans';
import { runTasks } from '../tasks/run';

export interface KmeansTiming {
  readonly nJobs: number;
  /** per timed run: the whole k-means, its initialisation, its iterations (ms) */
  readonly totalMs: number[];
  readonly initMs: number[];
  readonly iterationsMs: number[];
  /** how many distinct workers the tasks ran on (1 when runTasks ran them on this thread) */
  readonly workers: number;
  readonly inertia: number;
  /** of the last run's Lloyd iterations: the median assign task (ms, caller's clock: messaging included) and how busy the workers were (Σ task time / (wall × workers)) */
  readonly assignTaskMs: number;
  readonly busy: number;
  /** every run gave the same centroids and assignments as the first run of the first nJobs */
  readonly identical: boolean;
}

export async function kmeansTiming(samples: number, k: number, iterations: number, jobs: readonly number[], reps: number): Promise<KmeansTiming[]> {
  const { train } = await loadMnist();
  const n = Math.min(samples, train.count);
  const src = train.images.subarray(0, n * PIXELS);
  const pixels = typeof SharedArrayBuffer === 'function' ? new Uint8Array(new SharedArrayBuffer(src.byteLength)) : new Uint8Array(src.byteLength);
  pixels.set(src);
  let first: { centroids: Float32Array; assignments: Uint8Array } | null = null;
  const out: KmeansTiming[] = [];
  for (const nJobs of jobs) {
    const cfg = { k, iterations, init: 'k-means++' as const, seed: 1, nJobs };
    await kmeansOn(pixels, { ...cfg, iterations: 1 }, runTasks); // warm-up: JIT, the pool's workers
    const t: { totalMs: number[]; initMs: number[]; iterationsMs: number[] } = { totalMs: [], initMs: [], iterationsMs: [] };
    let identical = true, workers = 0, inertia = NaN, assignTaskMs = NaN, busy = NaN;
    for (let r = 0; r < reps; r++) {
      const res = await kmeansOn(pixels, cfg, runTasks);
      t.totalMs.push(res.ms.total);
      t.initMs.push(res.ms.init);
      t.iterationsMs.push(res.ms.perIteration.reduce((a, b) => a + b, 0));
      workers = new Set(res.tasks.map((e) => e.worker)).size;
      const assigns = res.tasks.filter((e) => e.name.startsWith('kmeans it '));
      const spans = assigns.map((e) => e.end - e.start).sort((a, b) => a - b);
      assignTaskMs = spans[spans.length >> 1];
      const wall = Math.max(...assigns.map((e) => e.end)) - Math.min(...assigns.map((e) => e.start));
      busy = spans.reduce((a, b) => a + b, 0) / (wall * workers);
      inertia = res.inertia[res.inertia.length - 1];
      first ??= { centroids: res.centroids, assignments: res.assignments };
      identical &&= res.centroids.every((c, i) => c === first!.centroids[i]) && res.assignments.every((a, i) => a === first!.assignments[i]);
    }
    out.push({ nJobs, ...t, workers, inertia, assignTaskMs, busy, identical });
  }
  return out;
}

