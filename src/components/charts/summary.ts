// The text summary under every chart: one or two sentences, in the student's language, saying what
// the chart shows and its extremes. Screen readers reach it through the figure's aria-describedby;
// everyone else reads it under the plot. Made from the spec's data where it is shown, never sent.
import { t, type Lang } from '../../i18n';
import type { ChartSpec } from '../../notebook/kernel/protocol';
import { formatTick, formatValue, withUnit } from './format';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

interface Point { x: number | string; y: number }

/** The point with the smallest (sign 1) or largest (sign -1) y; the first one on ties. */
function extreme<T extends { y: number }>(ps: readonly T[], sign: 1 | -1): T {
  return ps.reduce((best, p) => (sign * p.y < sign * best.y ? p : best));
}

export function chartSummary(spec: ChartSpec, lang: Lang): string {
  const title = spec.title.trim() || t(lang, 'chartUntitled');
  const v = (y: number) => withUnit(formatValue(y, lang), spec.unit);
  const pos = (x: number | string) => (typeof x === 'number' ? formatTick(x, lang) : x);
  const count = (n: number) => formatTick(n, lang);
  const empty = t(lang, 'chartSummaryEmpty', { title });
  const data = Array.isArray(spec.data) ? spec.data : [];

  switch (spec.type) {
    case 'line': {
      const series = spec.y
        .map((k) => ({ k, pts: data.filter((r) => finite(r[k])).map((r): Point => ({ x: r[spec.x], y: r[k] as number })) }))
        .filter((s) => s.pts.length > 0);
      if (!series.length) return empty;
      // reference lines (dashed: the ideal, a fit) are not what was measured
      const measured = series.filter((s) => !spec.dashed?.includes(s.k));
      const shown = measured.length ? measured : series;
      const x = spec.xLabel ?? spec.x;
      const x0 = pos(data[0][spec.x]), x1 = pos(data[data.length - 1][spec.x]);
      if (shown.length === 1) {
        const { pts } = shown[0];
        const lo = extreme(pts, 1), hi = extreme(pts, -1);
        return t(lang, 'chartSummaryLine', {
          title, x, x0, x1, first: v(pts[0].y), last: v(pts[pts.length - 1].y),
          min: v(lo.y), xMin: pos(lo.x), max: v(hi.y), xMax: pos(hi.x),
        });
      }
      const all = shown.flatMap((s) => s.pts);
      const finals = shown.map((s) => ({ k: s.k, y: s.pts[s.pts.length - 1].y }));
      const low = extreme(finals, 1), high = extreme(finals, -1);
      return t(lang, 'chartSummaryLines', {
        title, k: count(shown.length), x, x0, x1, min: v(extreme(all, 1).y), max: v(extreme(all, -1).y),
        low: low.k, lowV: v(low.y), high: high.k, highV: v(high.y),
      });
    }
    case 'bar':
    case 'stackedBar': {
      // a category named by its axis when it has a title ("digit 5"), by itself otherwise ("wasm")
      const cat = (r: Record<string, number | string>) => (spec.xLabel ? `${spec.xLabel} ${r[spec.x]}` : String(r[spec.x]));
      if (spec.type === 'stackedBar' || spec.y.length > 1) {
        const cells = data.flatMap((r) => spec.y.filter((k) => finite(r[k])).map((k) => ({ k, c: cat(r), y: r[k] as number })));
        if (!cells.length) return empty;
        const big = extreme(cells, -1);
        if (spec.type === 'stackedBar') {
          const totals = data.map((r) => ({ c: cat(r), y: spec.y.reduce((s, k) => s + (finite(r[k]) ? r[k] as number : 0), 0) }));
          if (totals.length === 1) return t(lang, 'chartSummaryStacked1', { title, cat: totals[0].c, total: v(totals[0].y), part: big.k, v: v(big.y) });
          const low = extreme(totals, 1), high = extreme(totals, -1);
          return t(lang, 'chartSummaryStacked', {
            title, n: count(totals.length), k: count(spec.y.length), low: low.c, lowV: v(low.y), high: high.c, highV: v(high.y),
            part: big.k, cat: big.c, v: v(big.y),
          });
        }
        const small = extreme(cells, 1);
        return t(lang, 'chartSummaryGrouped', {
          title, k: count(spec.y.length), n: count(data.length), low: small.k, lowCat: small.c, lowV: v(small.y),
          high: big.k, highCat: big.c, highV: v(big.y),
        });
      }
      const k = spec.y[0];
      const bars = data.filter((r) => finite(r[k])).map((r) => ({ c: cat(r), y: r[k] as number }));
      if (!bars.length) return empty;
      if (bars.length === 1) return t(lang, 'chartSummaryBar1', { title, cat: bars[0].c, v: v(bars[0].y) });
      const low = extreme(bars, 1), high = extreme(bars, -1);
      return t(lang, 'chartSummaryBars', { title, n: count(bars.length), low: low.c, lowV: v(low.y), high: high.c, highV: v(high.y) });
    }
    case 'taskStream': {
      const ends = data.map((r) => r.end).filter(finite);
      if (!ends.length) return empty;
      const lanes = new Set(data.map((r) => String(r.worker)));
      return t(lang, 'chartSummaryTasks', { title, n: count(data.length), w: count(lanes.size), end: v(ends.reduce((a, b) => Math.max(a, b))) });
    }
  }
}
