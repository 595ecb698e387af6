import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../mlp/random';
import { runTasksSequential } from '../run';

// vitest runs in Node, which has no Worker: the pool's own tests use a fake worker factory; here every
// nJobs runs its tasks in order on the calling thread (the same handlers, so the same results)
const runTasks = runTasksSequential;
import type { TaskSpec } from '../types';
import { assignChunk, PIXELS, updateNearest } from './assign';
import { chunkBounds, chunkCount, initCentroids, initCentroidsTasks, kmeansOn, purity, reducePartials, type TaskRunner } from './kmeans';

/** n random "images": each a noisy copy of one of `modes` random prototypes (so there are clusters to find). */
function images(n: number, modes: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const protos = Array.from({ length: modes }, () => Uint8Array.from({ length: PIXELS }, () => (rand() < 0.3 ? 200 + Math.floor(rand() * 56) : 0)));
  const out = new Uint8Array(n * PIXELS);
  for (let i = 0; i < n; i++) {
    const p = protos[Math.floor(rand() * modes)];
    for (let q = 0; q < PIXELS; q++) out[i * PIXELS + q] = Math.max(0, Math.min(255, p[q] + Math.floor((rand() - 0.5) * 120)));
  }
  return out;
}

/** Plain sequential Lloyd, written separately: direct ‖x − c‖², one loop over all images, no chunks, no tasks. */
function sequentialKmeans(px: Uint8Array, start: Float64Array, k: number, iterations: number) {
  const n = px.length / PIXELS;
  let c = Float64Array.from(start);
  const assign = new Uint8Array(n);
  const inertia: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const sums = new Float64Array(k * PIXELS), counts = new Float64Array(k);
    let J = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let p = 0; p < PIXELS; p++) { const e = px[i * PIXELS + p] - c[j * PIXELS + p]; d += e * e; }
        if (d < bestD) { bestD = d; best = j; }
      }
      assign[i] = best; counts[best]++; J += bestD;
      for (let p = 0; p < PIXELS; p++) sums[best * PIXELS + p] += px[i * PIXELS + p];
    }
    const next = new Float64Array(k * PIXELS);
    for (let j = 0; j < k; j++) for (let p = 0; p < PIXELS; p++) next[j * PIXELS + p] = counts[j] ? sums[j * PIXELS + p] / counts[j] : c[j * PIXELS + p];
    c = next;
    inertia.push(J / 65025);
  }
  return { centroids: Float32Array.from(c, (v) => v / 255), assign, inertia };
}

const cfg = { k: 5, iterations: 6, init: 'k-means++' as const, seed: 7, nJobs: 1 };

describe('k-means as map-reduce', () => {
  const px = images(500, 5, 1);

  it('gives the same centroids and assignments as a separate sequential k-means (inertia within 1e-12 relative)', async () => {
    const ours = await kmeansOn(px, cfg, runTasks);
    const ref = sequentialKmeans(px, initCentroids(px, 5, 'k-means++', 7), 5, 6);
    expect(ours.assignments).toEqual(ref.assign);
    // the cluster sums are integers, so the means are bit-identical once the assignments agree
    expect(ours.centroids).toEqual(ref.centroids);
    ours.inertia.forEach((J, i) => expect(Math.abs(J - ref.inertia[i]) / ref.inertia[i]).toBeLessThan(1e-12));
    for (let i = 1; i < ours.inertia.length; i++) expect(ours.inertia[i]).toBeLessThanOrEqual(ours.inertia[i - 1] * (1 + 1e-12));
    expect(ours.inertia[0]).toBeGreaterThan(ours.inertia[ours.inertia.length - 1]); // it did improve
    expect(ours.sizes.reduce((a, b) => a + b, 0)).toBe(500);
  });

  it('gives identical results for 1, 2, 3 and 12 jobs, and whatever order the workers finish in', async () => {
    const one = await kmeansOn(px, cfg, runTasks);
    // a runner that runs the tasks backwards (as a pool might finish them) but returns results in task order
    const backwards: TaskRunner = async (tasks, opts) => {
      const out = await runTasksSequential([...tasks].reverse(), opts);
      return out.reverse();
    };
    for (const nJobs of [2, 3, 12]) {
      for (const run of [runTasks, backwards]) {
        const many = await kmeansOn(px, { ...cfg, nJobs }, run);
        expect(many.centroids).toEqual(one.centroids);
        expect(many.assignments).toEqual(one.assignments);
        expect(many.inertia).toHaveLength(one.inertia.length);
        // up to 8 jobs the chunks are the same 8, so even the float inertia is added in the same order
        if (nJobs <= 8) expect(many.inertia).toEqual(one.inertia);
        else many.inertia.forEach((J, i) => expect(Math.abs(J - one.inertia[i]) / one.inertia[i]).toBeLessThan(1e-12));
      }
    }
    const two = await kmeansOn(px, { ...cfg, nJobs: 2 }, runTasks);
    const chunks = chunkCount(2);
    expect(chunks).toBe(8);
    // one D² task per job per k-means++ centroid after the first (a short round: one chunk per job), one assign task per chunk per iteration; each numbered once
    expect(new Set(two.tasks.map((t) => t.name)).size).toBe(2 * (cfg.k - 1) + chunks * cfg.iterations);
    expect(two.tasks.map((t) => t.index).sort((a, b) => a - b)).toEqual([...two.tasks.keys()]);
    expect(two.tasks.filter((t) => t.name.startsWith('kmeans it 1 ')).length).toBe(chunks);
    expect(chunkCount(12)).toBe(12);
  });

  it('adds partials in chunk order, so the reduction is the same whichever chunk finished first', () => {
    const prev = new Float64Array(3 * PIXELS);
    const parts = chunkBounds(500, 4).map((c) => assignChunk(px.subarray(c.from * PIXELS, c.to * PIXELS), initCentroids(px, 3, 'random', 2), 3));
    const a = reducePartials(parts, prev, 3);
    const b = reducePartials(parts, prev, 3);
    expect(a.inertia).toBe(b.inertia);
    expect(Array.from(a.counts).reduce((s, x) => s + x, 0)).toBe(500);
    // the centroid sums are integers: even reversed, the centroids are the same bits
    expect(reducePartials([...parts].reverse(), prev, 3).centroids).toEqual(a.centroids);
  });

  it('k-means++ is deterministic for a seed, differs across seeds, and picks far-apart images', () => {
    const a = initCentroids(px, 5, 'k-means++', 3);
    expect(initCentroids(px, 5, 'k-means++', 3)).toEqual(a);
    expect(initCentroids(px, 5, 'k-means++', 4)).not.toEqual(a);
    // D² sampling on 5 well-separated modes: the 5 picks land in 5 different modes far more often than random picks do
    const spread = (c: Float64Array) => {
      let min = Infinity;
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) {
        let d = 0;
        for (let p = 0; p < PIXELS; p++) d += (c[i * PIXELS + p] - c[j * PIXELS + p]) ** 2;
        min = Math.min(min, d);
      }
      return min;
    };
    const seeds = Array.from({ length: 10 }, (_, s) => s + 10);
    const pp = seeds.map((s) => spread(initCentroids(px, 5, 'k-means++', s)));
    const rnd = seeds.map((s) => spread(initCentroids(px, 5, 'random', s)));
    expect(pp.reduce((a, b) => a + b, 0)).toBeGreaterThan(rnd.reduce((a, b) => a + b, 0));
  });

  it('k-means++ with its D² step as tasks picks exactly the images the sequential init picks, for any chunking and finishing order', async () => {
    const backwards: TaskRunner = async (tasks, opts) => (await runTasksSequential([...tasks].reverse(), opts)).reverse();
    for (const seed of [3, 11]) {
      const ref = initCentroids(px, 6, 'k-means++', seed);
      for (const nJobs of [1, 2, 3]) {
        expect(await initCentroidsTasks(px, 6, seed, nJobs, runTasks)).toEqual(ref);
        expect(await initCentroidsTasks(px, 6, seed, nJobs, backwards)).toEqual(ref);
      }
    }
    // without shared memory the distances come back from each task (as they would from a worker's copy)
    const copying: TaskRunner = (tasks, opts) => runTasks(tasks.map((t) => ({ ...t, payload: structuredClone(t.payload) })), opts);
    expect(await initCentroidsTasks(px, 6, 3, 2, copying)).toEqual(initCentroids(px, 6, 'k-means++', 3));
  });

  it('random init takes k distinct images; too few images is an error', () => {
    const c = initCentroids(px, 5, 'random', 9);
    const rows = new Set(Array.from({ length: 5 }, (_, j) => c.subarray(j * PIXELS, (j + 1) * PIXELS).join(',')));
    expect(rows.size).toBe(5);
    expect(() => initCentroids(px.subarray(0, 3 * PIXELS), 5, 'random', 1)).toThrow(/at least 5 images/);
  });

  it('the MAP step (non-zero pixels only, four centroids per pass) is bit-for-bit the plain one-centroid-at-a-time loop over all pixels, for every k', () => {
    // the loop assign.ts used before it was blocked, written out again here
    const oneAtATime = (pixels: Uint8Array, cents: Float64Array, k: number) => {
      const n = pixels.length / PIXELS;
      const cc = Array.from({ length: k }, (_, j) => { let s2 = 0; for (let p = 0; p < PIXELS; p++) s2 += cents[j * PIXELS + p] ** 2; return s2; });
      const sums = new Float64Array(k * PIXELS), counts = new Float64Array(k), assignments = new Uint8Array(n);
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        let xx = 0, best = 0, bestD = Infinity;
        for (let p = 0; p < PIXELS; p++) xx += pixels[i * PIXELS + p] * pixels[i * PIXELS + p];
        for (let j = 0; j < k; j++) {
          let dot = 0;
          for (let p = 0; p < PIXELS; p++) dot += pixels[i * PIXELS + p] * cents[j * PIXELS + p];
          const d = cc[j] - 2 * dot;
          if (d < bestD) { bestD = d; best = j; }
        }
        assignments[i] = best; counts[best]++; inertia += Math.max(0, xx + bestD);
        for (let p = 0; p < PIXELS; p++) sums[best * PIXELS + p] += pixels[i * PIXELS + p];
      }
      return { sums, counts, inertia, assignments };
    };
    const chunk = px.slice(0, 120 * PIXELS);
    chunk.fill(0, 0, PIXELS); // an all-background image
    chunk.fill(255, PIXELS, 2 * PIXELS); // an all-ink one
    expect(chunk.filter((v) => v === 0).length / chunk.length).toBeGreaterThan(0.3); // many zeros to skip, as in MNIST
    for (const k of [1, 2, 3, 4, 5, 7, 8, 9, 13]) {
      const cents = initCentroids(px, k, 'random', 100 + k);
      // non-integer centroids too (means), and a duplicated centroid so ties must go to the lower index
      for (let q = 0; q < PIXELS; q++) cents[q] += 0.37;
      if (k >= 3) cents.copyWithin(2 * PIXELS, PIXELS, 2 * PIXELS);
      expect(assignChunk(chunk, cents, k), `k = ${k}`).toEqual(oneAtATime(chunk, cents, k));
    }
  });

  it('the D² step (non-zero pixels only) gives exactly the direct Σ (x − c)² per image', () => {
    const chunk = px.slice(0, 50 * PIXELS);
    chunk.fill(0, 0, PIXELS);
    const center = px.slice(7 * PIXELS, 8 * PIXELS);
    const nearest = new Float64Array(50).fill(Infinity);
    nearest[3] = 5; // an image already nearer to an earlier centroid keeps that distance
    const total = updateNearest(chunk, nearest, center);
    const direct = Array.from({ length: 50 }, (_, i) => {
      let d = 0;
      for (let p = 0; p < PIXELS; p++) d += (chunk[i * PIXELS + p] - center[p]) ** 2;
      return i === 3 ? Math.min(5, d) : d;
    });
    expect(Array.from(nearest)).toEqual(direct);
    expect(total).toBe(direct.reduce((a, b) => a + b, 0));
  });

  it('an empty cluster keeps its previous centroid', () => {
    // two images near 0, one centroid at 0 and one far away at 255 that no image is nearest to
    const two = new Uint8Array(2 * PIXELS).fill(10);
    const start = new Float64Array(2 * PIXELS);
    start.fill(255, PIXELS);
    const part = assignChunk(two, start, 2);
    expect(Array.from(part.counts)).toEqual([2, 0]);
    const r = reducePartials([part], start, 2);
    expect(r.centroids.subarray(PIXELS).every((v) => v === 255)).toBe(true);
    expect(r.centroids.subarray(0, PIXELS).every((v) => v === 10)).toBe(true);
  });

  it('purity counts each cluster\'s most common label', () => {
    // cluster 0: labels 1,1,2 → 2 agree; cluster 1: 7,7,7,3 → 3 agree; cluster 2 empty
    const assign = Uint8Array.from([0, 0, 0, 1, 1, 1, 1]);
    const labels = Uint8Array.from([1, 1, 2, 7, 7, 7, 3]);
    const p = purity(assign, labels, 3);
    expect(p.purity).toBeCloseTo(5 / 7, 12);
    expect(p.majority.slice(0, 2)).toEqual([1, 7]);
    expect(p.share.slice(0, 2)).toEqual([2 / 3, 3 / 4]);
    expect(p.sizes).toEqual([3, 4, 0]);
  });

  it('runs its tasks through the registered kmeansAssign handler', async () => {
    const spec: TaskSpec = { name: 'one', kind: 'kmeansAssign', payload: { pixels: px.subarray(0, 10 * PIXELS), centroids: initCentroids(px, 2, 'random', 1), k: 2 } };
    const [r] = (await runTasks([spec], { nJobs: 1 })) as { counts: Float64Array }[];
    expect(Array.from(r.counts).reduce((a, b) => a + b, 0)).toBe(10);
  });
});
