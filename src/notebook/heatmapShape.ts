// The heatmap output kind (search's two-parameter grid): its shape check, where outputs come in
// (a forged message or an imported notebook never crashes the page), and its table, the text
// equivalent shown under it and exported to .ipynb.
import { t, type Lang } from '../i18n';
import type { HeatmapData, HeatmapPoint } from './kernel/protocol';
import { makeFmt } from './kernel/fmt';

/** At most this many values per axis (a search runs at most 64 configurations). */
export const MAX_HEATMAP_AXIS = 64;
/** At most this many random trials drawn over the grid (a search runs at most 64 configurations). */
export const MAX_HEATMAP_POINTS = 64;

const strs = (v: unknown, max: number): v is string[] => Array.isArray(v) && v.length >= 1 && v.length <= max && v.every((x) => typeof x === 'string' && x.length <= 200);

export function isHeatmap(v: unknown): v is HeatmapData {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const h = v as Record<string, unknown>;
  if (![h.title, h.xLabel, h.yLabel].every((s) => typeof s === 'string' && s.length <= 500)) return false;
  if (!strs(h.xValues, MAX_HEATMAP_AXIS) || !strs(h.yValues, MAX_HEATMAP_AXIS)) return false;
  const n = h.xValues.length * h.yValues.length;
  if (!Array.isArray(h.values) || h.values.length !== n) return false;
  if (!h.values.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1))) return false;
  if (!(Number.isInteger(h.best) && (h.best as number) >= -1 && (h.best as number) < n)) return false;
  if (h.points === undefined) return h.pointsTitle === undefined;
  const nx = h.xValues.length, ny = h.yValues.length;
  const within = (v: unknown, count: number) => typeof v === 'number' && Number.isFinite(v) && v >= -0.5 && v <= count - 0.5;
  const text = (v: unknown) => typeof v === 'string' && v.length <= 200;
  return typeof h.pointsTitle === 'string' && h.pointsTitle.length <= 500
    && Array.isArray(h.points) && h.points.length <= MAX_HEATMAP_POINTS && h.points.every((p: unknown) => {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
      const q = p as Record<string, unknown>;
      return within(q.x, nx) && within(q.y, ny) && text(q.xText) && text(q.yText)
        && typeof q.value === 'number' && Number.isFinite(q.value) && q.value >= 0 && q.value <= 1
        && (q.outside === undefined || typeof q.outside === 'boolean');
    });
}

/** The cell a point is drawn in (row, column) and where inside it (0–1 from its left and top). */
export function pointPlace(p: HeatmapPoint, nx: number, ny: number): { row: number; col: number; left: number; top: number } {
  const col = Math.min(nx - 1, Math.max(0, Math.round(p.x))), row = Math.min(ny - 1, Math.max(0, Math.round(p.y)));
  return { row, col, left: Math.min(1, Math.max(0, p.x - col + 0.5)), top: Math.min(1, Math.max(0, p.y - row + 0.5)) };
}

/** The random trials as a table: their number (◆n), both values, the accuracy, and whether they fell outside the grid. */
export function heatmapPointsTable(h: HeatmapData, lang: Lang): { columns: string[]; rows: string[][] } {
  return {
    columns: [t(lang, 'heatmapPointsTrial'), h.yLabel, h.xLabel, t(lang, 'search_valAccuracy')],
    rows: (h.points ?? []).map((p, i) => [`◆${i + 1}`, p.yText, p.xText, heatmapCell(p.value, lang) + (p.outside ? ` (${t(lang, 'heatmapPointOutside')})` : '')]),
  };
}

/** A value as the student reads it: "91,2 %" (es), "91.2%" (en), as fmt.pct writes it; a dash where nothing ran. */
export function heatmapCell(x: number | null, lang: Lang): string {
  return x === null ? '—' : makeFmt(lang).pct(x);
}

/** The heatmap as a table: one row per y value, one column per x value; the best cell marked in words. */
export function heatmapTable(h: HeatmapData, lang: Lang): { columns: string[]; rows: string[][] } {
  return {
    columns: [`${h.yLabel} \\ ${h.xLabel}`, ...h.xValues],
    rows: h.yValues.map((y, r) => [y, ...h.xValues.map((_, c) => {
      const i = r * h.xValues.length + c;
      return heatmapCell(h.values[i], lang) + (i === h.best ? ` (${t(lang, 'search_bestMark')})` : '');
    })]),
  };
}
