// A drawn digit made into an MNIST input, the way LeCun et al. made MNIST: the ink's bounding box is
// scaled to fit a 20×20 box keeping its aspect ratio (area-averaged, so edges get grey levels), then
// placed in a 28×28 image so that its centre of mass sits at the centre, (14, 14) in pixel units
// (pixel i covers [i, i + 1)). Pure: strokes or a grey bitmap in, Uint8Array(784) out, 0 = background,
// 255 = ink (the dataset's convention, src/data/mnist.ts).

export const SIDE = 28;
export const BOX = 20;

/** A point of a stroke in pad units (0–1 across the pad); `pressure` (0–1) from a pen thickens the line. */
export interface Point { x: number; y: number; pressure?: number }
export type Stroke = readonly Point[];

/** A grey bitmap: `ink[y * width + x]` in 0–1 (0: no ink). */
export interface Bitmap { width: number; height: number; ink: Float32Array }

/** The brush's diameter as a fraction of the pad: a full-height digit gets MNIST-like strokes of about 2 px. */
export const BRUSH = 0.08;
/** Strokes are drawn at this resolution before the 20×20 fit (5 samples per final pixel). */
export const RASTER = 140;

/** Coverage (0–1) of each pixel of a `res`×`res` grid by round-capped strokes of diameter `brush` (pad units). */
export function rasterize(strokes: readonly Stroke[], res = RASTER, brush = BRUSH): Bitmap {
  const ink = new Float32Array(res * res);
  const paint = (ax: number, ay: number, bx: number, by: number, r: number) => {
    // a capsule from a to b of radius r (in pixels); coverage falls off over one pixel (anti-aliased edge)
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1)), x1 = Math.min(res - 1, Math.ceil(Math.max(ax, bx) + r + 1));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r - 1)), y1 = Math.min(res - 1, Math.ceil(Math.max(ay, by) + r + 1));
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5 - ax, py = y + 0.5 - ay;
        const s = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
        const d = Math.hypot(px - s * dx, py - s * dy);
        const c = Math.max(0, Math.min(1, r + 0.5 - d));
        if (c > ink[y * res + x]) ink[y * res + x] = c;
      }
    }
  };
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i++) {
      const a = stroke[Math.max(0, i - 1)], b = stroke[i];
      const r = (brush * res) / 2 * (b.pressure === undefined ? 1 : 0.6 + 0.8 * Math.max(0, Math.min(1, b.pressure)));
      paint(a.x * res, a.y * res, b.x * res, b.y * res, r);
    }
  }
  return { width: res, height: res, ink };
}

/** The ink's bounding box (inclusive pixel bounds), or null when there is none. */
export function inkBox(b: Bitmap, threshold = 0): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (b.ink[y * b.width + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** Area-averaged resampling of `count` lines of `n` samples to `m` each (an output is the mean of the span
 * of input it covers). Sample i of line l is at `l * line + i * step` (in `src`, then in `dst` with `m`). */
function resample(src: Float32Array, dst: Float32Array, n: number, m: number, count: number, at: { line: number; step: number }, to: { line: number; step: number }): void {
  const scale = n / m;
  for (let l = 0; l < count; l++) {
    for (let o = 0; o < m; o++) {
      const a = o * scale, b = (o + 1) * scale;
      let sum = 0;
      for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) sum += (Math.min(b, i + 1) - Math.max(a, i)) * src[l * at.line + i * at.step];
      dst[l * to.line + o * to.step] = sum / scale;
    }
  }
}

/** The ink of the box fitted into BOX×BOX keeping its aspect ratio: a w×h grey image (the longer side is BOX). */
export function fitBox(b: Bitmap): { w: number; h: number; ink: Float32Array } | null {
  const box = inkBox(b);
  if (!box) return null;
  const bw = box.x1 - box.x0 + 1, bh = box.y1 - box.y0 + 1;
  const s = BOX / Math.max(bw, bh);
  const w = Math.max(1, Math.min(BOX, Math.round(bw * s))), h = Math.max(1, Math.min(BOX, Math.round(bh * s)));
  const crop = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) crop[y * bw + x] = b.ink[(box.y0 + y) * b.width + box.x0 + x];
  // separable: rows first (bw → w), then columns (bh → h)
  const rows = new Float32Array(w * bh);
  resample(crop, rows, bw, w, bh, { line: bw, step: 1 }, { line: w, step: 1 });
  const out = new Float32Array(w * h);
  resample(rows, out, bh, h, w, { line: 1, step: w }, { line: 1, step: w });
  return { w, h, ink: out };
}

/** Centre of mass of a w×h grey image, in pixel units (pixel i covers [i, i + 1)); null without ink. */
export function centreOfMass(ink: ArrayLike<number>, w: number, h: number): { x: number; y: number } | null {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = ink[y * w + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/** The MNIST input for a grey bitmap, or null when it holds no ink (nothing to predict). */
export function mnistFromBitmap(b: Bitmap): Uint8Array | null {
  const fit = fitBox(b);
  if (!fit) return null;
  const com = centreOfMass(fit.ink, fit.w, fit.h);
  if (!com) return null;
  // a whole-pixel shift (crisp, as MNIST did): the centre of mass ends within half a pixel of (14, 14);
  // kept inside the image (a very lopsided shape stays whole rather than centred)
  const ox = Math.max(0, Math.min(SIDE - fit.w, Math.round(SIDE / 2 - com.x)));
  const oy = Math.max(0, Math.min(SIDE - fit.h, Math.round(SIDE / 2 - com.y)));
  const out = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < fit.h; y++) {
    for (let x = 0; x < fit.w; x++) out[(oy + y) * SIDE + ox + x] = Math.round(Math.max(0, Math.min(1, fit.ink[y * fit.w + x])) * 255);
  }
  return out.some((v) => v > 0) ? out : null;
}

/** The MNIST input for strokes drawn on the pad, or null for an empty drawing. */
export function mnistFromStrokes(strokes: readonly Stroke[], res = RASTER, brush = BRUSH): Uint8Array | null {
  if (!strokes.some((s) => s.length > 0)) return null;
  return mnistFromBitmap(rasterize(strokes, res, brush));
}
