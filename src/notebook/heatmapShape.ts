// The heatmap output kind (search's two-parameter grid): its shape check, where outputs come in
// (a forged message or an imported notebook never crashes the page), and its table, the text
// equivalent shown under it and exported to .ipynb.
import { t, type Lang } from '../i18n';
import type { HeatmapData } from './kernel/protocol';

/** At most this many values per axis (a search runs at most 64 configurations). */
export const MAX_HEATMAP_AXIS = 64;

const strs = (v: unknown, max: number): v is string[] => Array.isArray(v) && v.length >= 1 && v.length <= max && v.every((x) => typeof x === 'string' && x.length <= 200);

export function isHeatmap(v: unknown): v is HeatmapData {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const h = v as Record<string, unknown>;
  if (![h.title, h.xLabel, h.yLabel].every((s) => typeof s === 'string' && s.length <= 500)) return false;
  if (!strs(h.xValues, MAX_HEATMAP_AXIS) || !strs(h.yValues, MAX_HEATMAP_AXIS)) return false;
  const n = h.xValues.length * h.yValues.length;
  if (!Array.isArray(h.values) || h.values.length !== n) return false;
  if (!h.values.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1))) return false;
  return Number.isInteger(h.best) && (h.best as number) >= -1 && (h.best as number) < n;
}

/** A value as the student reads it: "91,2 %" (es), "91.2 %" (en); a dash where nothing ran. */
export function heatmapCell(x: number | null, lang: Lang): string {
  return x === null ? '—' : `${(x * 100).toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
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
