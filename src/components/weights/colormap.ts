// The diverging colour map of show.weights: blue (negative) → neutral (0) → red (positive), the
// ColorBrewer RdBu ends, which stay apart for the common colour-vision deficiencies. The neutral middle
// is the surface's colour, so a weight near 0 disappears into the page in light and in dark mode; the
// ends are lighter in dark mode to stay visible on the dark surface.

export interface Diverging { neg: [number, number, number]; mid: [number, number, number]; pos: [number, number, number] }

export const LIGHT: Diverging = { neg: [33, 102, 172], mid: [247, 247, 247], pos: [178, 24, 43] };
export const DARK: Diverging = { neg: [103, 169, 207], mid: [28, 31, 38], pos: [239, 138, 98] };

/** RGBA bytes for v in [−1, 1] (clamped): linear from the middle to either end. */
export function divergingRgb(v: number, map: Diverging): [number, number, number] {
  const x = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const end = x < 0 ? map.neg : map.pos, k = Math.abs(x);
  return [0, 1, 2].map((i) => Math.round(map.mid[i] + (end[i] - map.mid[i]) * k)) as [number, number, number];
}

/** 255 colours, one per int8 level q in [−127, 127] (index q + 127). */
export function int8Palette(map: Diverging): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(255 * 4);
  for (let q = -127; q <= 127; q++) {
    const [r, g, b] = divergingRgb(q / 127, map);
    lut.set([r, g, b, 255], (q + 127) * 4);
  }
  return lut;
}

export const cssRgb = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;
