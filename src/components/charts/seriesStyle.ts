// How each series is drawn, so that colour is never the only cue. A series whose label names a
// backend ("js", "workers ×2", "wasm threads=2", "webgpu (resident)") takes that backend's colour,
// dash pattern and marker from the design tokens, the same in every chart; any other series takes
// the theme's further series colours, a marker shape of its own and, when it is a reference line
// (the ideal speedup, a fit), a dash. Parts of a stacked bar get a sequential ramp (one hue, lighter
// part by part: told apart by lightness, so safe for colour-blind readers) plus a hatch pattern.
import type { BackendName } from '../../backends/types';
import { BACKEND_DASH, BACKEND_MARKER, backendOf, type Palette } from '../../design/tokens';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; undefined: solid */
  dash?: string;
  marker: MarkerShape;
  backend?: BackendName;
}

const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];
/** palette.series in the order used: purple, ochre, raspberry, indigo, blue, olive (raspberry and olive never side by side). */
export const SERIES_ORDER: readonly number[] = [0, 4, 1, 5, 3, 2];
/** A second run of the same backend keeps its colour and marker and changes its dash. */
const REPEAT_DASH: readonly string[] = ['1 3', '12 4', '4 2 1 2'];
/** Dashes of reference series (the `dashed` list of a spec), in order. */
const REFERENCE_DASH: readonly string[] = ['6 4', '2 3', '10 4 2 4'];

/** The colour of the i-th series that is not a backend. */
export function otherColor(palette: Palette, i: number): string {
  return palette.series[SERIES_ORDER[i % SERIES_ORDER.length] % palette.series.length];
}

/** One style per key, in order. */
export function seriesStyles(keys: readonly string[], palette: Palette, dashed: readonly string[] = []): SeriesStyle[] {
  const runs = new Map<BackendName, number>();
  let other = 0;
  return keys.map((k) => {
    const backend = backendOf(k);
    if (backend) {
      const r = runs.get(backend) ?? 0;
      runs.set(backend, r + 1);
      const dash = r === 0 ? BACKEND_DASH[backend] : REPEAT_DASH[(r - 1) % REPEAT_DASH.length];
      return { color: palette.backend[backend], dash, marker: BACKEND_MARKER[backend], backend };
    }
    const i = other++;
    const ref = dashed.indexOf(k);
    return { color: otherColor(palette, i), dash: ref >= 0 ? REFERENCE_DASH[ref % REFERENCE_DASH.length] : undefined, marker: SHAPES[i % SHAPES.length] };
  });
}

/** `a` mixed with `b` (both #rrggbb): t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number) => parseInt(hex.replace('#', '').slice(i, i + 2), 16);
  return '#' + [0, 2, 4].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t).toString(16).padStart(2, '0')).join('');
}

export type Hatch = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'backDiagonal';
const HATCHES: readonly Hatch[] = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'backDiagonal'];

export interface AreaStyle {
  fill: string;
  /** the lines or dots drawn over the fill, and the outline */
  ink: string;
  hatch: Hatch;
}

/**
 * The parts of a stacked bar: one hue (the first further-series colour) from full strength towards
 * the surface, so neighbours differ in lightness, each with its own hatch.
 */
export function stackStyles(n: number, palette: Palette): AreaStyle[] {
  const base = otherColor(palette, 0);
  return Array.from({ length: n }, (_, i) => ({
    fill: mix(base, palette.surface, n <= 1 ? 0 : (i * 0.72) / (n - 1)),
    ink: base,
    hatch: HATCHES[i % HATCHES.length],
  }));
}

/** Bars of several series side by side: each series' colour with its own hatch. */
export function groupStyles(keys: readonly string[], palette: Palette): AreaStyle[] {
  return seriesStyles(keys, palette).map((s, i) => ({ fill: s.color, ink: palette.surface, hatch: HATCHES[i % HATCHES.length] }));
}
