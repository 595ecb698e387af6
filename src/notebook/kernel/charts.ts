// Chart specs built from runs, in the kernel (plain data; React draws them with recharts).
import { t, type Lang } from '../../i18n';
import type { ChartSpec } from './protocol';
import type { Run } from './run';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares fit of T(n) = a + b/n (Amdahl: a = T₁·f, b = T₁·(1−f)); returns the serial fraction f. */
export function amdahlFit(points: readonly { n: number; ms: number }[]): { serialFraction: number; t1: number } {
  const k = points.length;
  if (k < 2) return { serialFraction: 0, t1: points[0]?.ms ?? NaN };
  const xs = points.map((p) => 1 / p.n), ys = points.map((p) => p.ms);
  const mx = xs.reduce((s, x) => s + x, 0) / k, my = ys.reduce((s, y) => s + y, 0) / k;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < k; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  const b = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  const a = Math.max(0, my - b * mx);
  const t1 = a + b;
  return { serialFraction: t1 > 0 ? a / t1 : 0, t1 };
}

export function amdahlSpeedup(f: number, n: number): number {
  return 1 / (f + (1 - f) / n);
}

/** One loss curve: its points and, when known, how many steps make an epoch (for the epoch markers). */
export interface LossSeries { label: string; points: { step: number; loss: number }[]; stepsPerEpoch?: number }

/** Steps per epoch of a finished run (batches of its batch size over its samples), if it says. */
export function stepsPerEpoch(run: Pick<Run, 'config'>): number | undefined {
  const n = Math.ceil(run.config?.samples / run.config?.batchSize);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * A line where each epoch after the first starts (between its first step and the last step of the
 * one before), up to the last step drawn; none when the series disagree on the epoch's length.
 */
export function epochMarkers(lang: Lang, series: readonly LossSeries[], lastStep: number): { x: number; label: string }[] {
  const lengths = new Set(series.map((s) => s.stepsPerEpoch));
  const spe = lengths.size === 1 ? [...lengths][0] : undefined;
  if (!spe) return [];
  const markers: { x: number; label: string }[] = [];
  for (let k = 1; k * spe < lastStep; k++) markers.push({ x: k * spe + 0.5, label: t(lang, 'chartEpochMarker', { n: k + 1 }) });
  return markers;
}

export function lossChart(lang: Lang, series: readonly LossSeries[]): ChartSpec {
  const byStep = new Map<number, Record<string, number>>();
  let lastStep = 0;
  for (const s of series) {
    for (const p of s.points) {
      const row = byStep.get(p.step) ?? { step: p.step };
      row[s.label] = p.loss;
      byStep.set(p.step, row);
      lastStep = Math.max(lastStep, p.step);
    }
  }
  const markers = epochMarkers(lang, series, lastStep);
  return {
    type: 'line', title: t(lang, 'lossChartTitle'), x: 'step', y: series.map((s) => s.label),
    data: [...byStep.values()].sort((a, b) => a.step - b.step), xLabel: t(lang, 'step'), yLabel: t(lang, 'loss'),
    ...(markers.length ? { markers } : {}),
  };
}

export function timingsChart(lang: Lang, runs: readonly Run[]): ChartSpec {
  return {
    type: 'bar', title: t(lang, 'timingsTitle'), x: 'run', y: ['ms'], yLabel: t(lang, 'msPerEpoch'), unit: 'ms',
    // each bar also says its backend, so a run labelled 'C SIMD' is drawn in wasm's colour
    data: runs.map((r) => ({ run: r.label, ms: Math.round(r.medianEpochMs), ...(typeof r.backend === 'string' ? { backend: r.backend } : {}) })),
  };
}

export function breakdownChart(lang: Lang, runs: readonly Run[]): ChartSpec {
  const parts: string[] = [];
  const methods = new Map<string, string>();
  const data = runs.map((r) => {
    const row: Record<string, number | string> = { run: r.label };
    const n = r.epochs.length || 1;
    for (const e of r.epochs) {
      for (const p of e.breakdown) {
        if (!parts.includes(p.label)) parts.push(p.label);
        methods.set(p.label, p.method);
        row[p.label] = ((row[p.label] as number | undefined) ?? 0) + p.ms / n;
      }
    }
    for (const p of parts) if (typeof row[p] === 'number') row[p] = Math.round((row[p] as number) * 10) / 10;
    return row;
  });
  return {
    type: 'stackedBar', title: t(lang, 'breakdownTitle'), x: 'run', y: parts, yLabel: t(lang, 'msPerEpoch'), unit: 'ms', data,
    note: [...methods].map(([k, v]) => `${k}: ${v}`).join(' · '),
  };
}

/**
 * Measured speedup over the n = 1 row, the ideal line, and an Amdahl fit. With more workers than
 * cores the extra ones only take turns on the same cores, which Amdahl's law does not describe, so
 * the fit uses the points with n ≤ cores (when at least two of them exist).
 */
export function speedupChart(
  lang: Lang, points: readonly { n: number; ms: number }[], label = 'workers', cores = Infinity,
): ChartSpec {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const base = sorted.find((p) => p.n === 1)?.ms ?? sorted[0]?.ms ?? NaN;
  const within = sorted.filter((p) => p.n <= cores);
  const fitted = within.length >= 2 ? within : sorted;
  const { serialFraction } = amdahlFit(fitted);
  const ideal = t(lang, 'ideal'), amdahl = t(lang, 'amdahl'), speedup = t(lang, 'speedup');
  const note = t(lang, 'amdahlNote', { f: (serialFraction * 100).toFixed(1) })
    + (fitted.length < sorted.length ? ` ${t(lang, 'amdahlCores', { label, cores })}` : '');
  return {
    type: 'line', title: t(lang, 'speedupTitle', { label }), x: label, y: [speedup, ideal, amdahl], dashed: [ideal, amdahl],
    xLabel: label, yLabel: speedup, unit: '×',
    data: sorted.map((p) => ({ [label]: p.n, [speedup]: Math.round((base / p.ms) * 100) / 100, [ideal]: p.n, [amdahl]: Math.round(amdahlSpeedup(serialFraction, p.n) * 100) / 100 })),
    note,
  };
}

export function throughputChart(lang: Lang, points: readonly { batchSize: number; samplesPerSec: number }[], label: string): ChartSpec {
  const sps = t(lang, 'samplesPerSec');
  return {
    type: 'line', title: `${t(lang, 'throughputTitle')} (${label})`, x: 'batchSize', y: [sps], logX: true,
    xLabel: t(lang, 'batchSize'), yLabel: sps, unit: sps,
    data: [...points].sort((a, b) => a.batchSize - b.batchSize).map((p) => ({ batchSize: p.batchSize, [sps]: Math.round(p.samplesPerSec) })),
  };
}

export function taskStreamChart(lang: Lang, run: Run, epochIndex = 0): ChartSpec {
  const e = run.epochs[epochIndex];
  const data = (e?.tasks ?? []).map((tk) => ({ worker: tk.worker, start: tk.start, end: tk.end, kind: tk.kind, shard: tk.shard }));
  return {
    type: 'taskStream', title: t(lang, 'taskStreamTitle', { epoch: (e?.epoch ?? 0) + 1 }), x: 'start', y: ['end'],
    xLabel: t(lang, 'time'), yLabel: t(lang, 'worker'), unit: 'ms', data,
  };
}

export function histogramChart(lang: Lang, counts: readonly number[]): ChartSpec {
  const c = t(lang, 'count');
  return {
    type: 'bar', title: t(lang, 'labelHistogram'), x: 'digit', y: [c], xLabel: t(lang, 'digit'), yLabel: c,
    data: counts.map((n, d) => ({ digit: String(d), [c]: n })),
  };
}
