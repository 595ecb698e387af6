// The MAP step of k-means (issue 15 §4): one chunk of images against the current centroids.
// Shapes: n = images in the chunk, D = 784 pixels, k = clusters. Pixels are the raw bytes 0..255 and
// centroids are in the same units (float64), so a cluster's sum of pixels is an integer, exact in
// float64 whatever order the chunks are added in.
//
// Distance: ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖², accumulated in float64 (JS numbers). ‖c‖² is computed
// once per task, so each (image, centroid) pair costs one multiply-add per pixel instead of a
// subtract and a multiply-add; float64 keeps the cancellation error (~1e-16 relative) far below
// any real gap between two centroids, so the assignment matches the direct formula (tested against
// it). ‖x‖² does not change the argmin: it is only added for the inertia.
import type { Handler } from '../types';

export const PIXELS = 784;

export interface AssignPayload {
  /** n × 784 bytes: the chunk's images (a view of a SharedArrayBuffer when the page is cross-origin isolated: no copy per task) */
  readonly pixels: Uint8Array;
  /** k × 784, raw pixel units */
  readonly centroids: Float64Array;
  readonly k: number;
}

export interface AssignResult {
  /** k × 784: per cluster, the sum of its images' pixels (raw units; integers) */
  readonly sums: Float64Array;
  /** k: images per cluster */
  readonly counts: Float64Array;
  /** Σ ‖x − c(x)‖² over the chunk, in raw units (divide by 255² for [0, 1] pixels) */
  readonly inertia: number;
  /** n: each image's cluster (k ≤ 256) */
  readonly assignments: Uint8Array;
}

export const MAX_K = 256;

/**
 * Assigns each image of the chunk to its nearest centroid (ties: the lowest index) and sums the clusters.
 * MNIST images are mostly background: about 80% of the pixels are 0, and a 0 pixel adds exactly +0
 * to every dot product and sum. So each image's non-zero pixels are listed once (their positions and
 * values), and four centroids are scored per pass over that list (four running dot products). Each dot
 * product still adds its non-zero terms in pixel order, so the distances — and hence the assignments,
 * sums and inertia — are bit-for-bit those of the plain loop over all 784 pixels, one centroid at a
 * time (unit-tested against it). On the 2-core machine this made the MAP step several times faster
 * and, with less arithmetic per image, two workers get in each other's way less.
 */
export function assignChunk(pixels: Uint8Array, centroids: Float64Array, k: number): AssignResult {
  const n = Math.floor(pixels.length / PIXELS);
  const cc = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let p = j * PIXELS, e = p + PIXELS; p < e; p++) s += centroids[p] * centroids[p];
    cc[j] = s;
  }
  const sums = new Float64Array(k * PIXELS);
  const counts = new Float64Array(k);
  const assignments = new Uint8Array(n);
  const at = new Int32Array(PIXELS); // positions of the image's non-zero pixels, in order
  const val = new Float64Array(PIXELS); // their values
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const x = i * PIXELS;
    let xx = 0, nz = 0;
    for (let p = 0; p < PIXELS; p++) {
      const v = pixels[x + p];
      if (v !== 0) {
        at[nz] = p;
        val[nz] = v;
        nz++;
        xx += v * v;
      }
    }
    let best = 0, bestD = Infinity;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = j * PIXELS, c1 = c0 + PIXELS, c2 = c1 + PIXELS, c3 = c2 + PIXELS;
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      for (let t = 0; t < nz; t++) {
        const v = val[t], p = at[t];
        d0 += v * centroids[c0 + p];
        d1 += v * centroids[c1 + p];
        d2 += v * centroids[c2 + p];
        d3 += v * centroids[c3 + p];
      }
      // ‖x‖² left out of d: the same for every centroid
      const e0 = cc[j] - 2 * d0; if (e0 < bestD) { bestD = e0; best = j; }
      const e1 = cc[j + 1] - 2 * d1; if (e1 < bestD) { bestD = e1; best = j + 1; }
      const e2 = cc[j + 2] - 2 * d2; if (e2 < bestD) { bestD = e2; best = j + 2; }
      const e3 = cc[j + 3] - 2 * d3; if (e3 < bestD) { bestD = e3; best = j + 3; }
    }
    for (; j < k; j++) {
      const c = j * PIXELS;
      let dot = 0;
      for (let t = 0; t < nz; t++) dot += val[t] * centroids[c + at[t]];
      const d = cc[j] - 2 * dot;
      if (d < bestD) { bestD = d; best = j; }
    }
    assignments[i] = best;
    counts[best]++;
    inertia += Math.max(0, xx + bestD); // rounding can leave a tiny negative for an image equal to its centroid
    const s = best * PIXELS;
    for (let t = 0; t < nz; t++) sums[s + at[t]] += val[t];
  }
  return { sums, counts, inertia, assignments };
}

export interface NearestPayload {
  /** n × 784 bytes: the chunk's images */
  readonly pixels: Uint8Array;
  /** n: each image's squared distance to the nearest centroid chosen so far (shared memory when isolated: updated in place) */
  readonly nearest: Float64Array;
  /** 784 bytes: the centroid just chosen (an image) */
  readonly center: Uint8Array;
}

/**
 * k-means++'s D² step for one chunk: nearest[i] = min(nearest[i], ‖x_i − center‖²). Pixels and the
 * center are bytes, so every distance is an integer and the chunk's total is exact in float64: the
 * coordinator's sum of the totals does not depend on how the images were chunked. The distance is
 * ‖x‖² + ‖center‖² − 2·x·center over the image's non-zero pixels only — integers far below 2⁵³, so
 * exactly the direct Σ (x − c)² (unit-tested), at a fraction of the work on mostly-blank digits.
 */
export function updateNearest(pixels: Uint8Array, nearest: Float64Array, center: Uint8Array): number {
  const n = nearest.length;
  let cc = 0;
  for (let p = 0; p < PIXELS; p++) cc += center[p] * center[p];
  let total = 0;
  for (let i = 0; i < n; i++) {
    let xx = 0, xc = 0;
    for (let p = 0, x = i * PIXELS; p < PIXELS; p++) {
      const v = pixels[x + p];
      if (v !== 0) {
        xx += v * v;
        xc += v * center[p];
      }
    }
    const d = xx + cc - 2 * xc;
    if (d < nearest[i]) nearest[i] = d;
    total += nearest[i];
  }
  return total;
}

export const kmeansHandlers: Record<string, Handler> = {
  kmeansAssign: ((p: AssignPayload) => assignChunk(p.pixels, p.centroids, p.k)) as Handler,
  // the updated distances travel back only when they are a copy (no shared memory)
  kmeansNearest: ((p: NearestPayload) => {
    const total = updateNearest(p.pixels, p.nearest, p.center);
    const shared = typeof SharedArrayBuffer === 'function' && p.nearest.buffer instanceof SharedArrayBuffer;
    return { total, nearest: shared ? null : p.nearest };
  }) as Handler,
};
