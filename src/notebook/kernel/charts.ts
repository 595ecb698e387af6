// Chart specs built from runs, in the kernel (plain data; React draws them with recharts).
import { t, type Lang, type MessageKey } from '../../i18n';
import { noiseShort, numberLocale } from './measure';
import type { ChartSpec } from './protocol';
import type { Run } from './run';
import { TASK_KIND } from '../../backends/workers/stats';

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

/** A run as the accuracy chart reads it: its label and, when it evaluated each epoch, those evaluations. */
export type EvaluatedRun = Pick<Run, 'label'> & { evaluations?: readonly Pick<Run['evaluations'][number], 'epoch' | 'accuracy'>[] };

/**
 * Test accuracy (%) after each epoch, one line per run that has evaluations (train({ evaluateEvery:
 * 'epoch' })), or null when none has. A chart of its own under the loss chart rather than a second
 * y axis on it: two scales on one plot are easy to misread, and each chart keeps its own data table.
 */
export function accuracyChart(lang: Lang, runs: readonly EvaluatedRun[]): ChartSpec | null {
  const evaluated = runs.filter((r) => Array.isArray(r.evaluations) && r.evaluations.length > 0);
  if (!evaluated.length) return null;
  const byEpoch = new Map<number, Record<string, number>>();
  for (const r of evaluated) {
    for (const e of r.evaluations!) {
      const row = byEpoch.get(e.epoch) ?? { epoch: e.epoch + 1 };
      row[r.label] = Math.round(e.accuracy * 10000) / 100;
      byEpoch.set(e.epoch, row);
    }
  }
  return {
    type: 'line', title: t(lang, 'accuracyChartTitle'), x: 'epoch', y: evaluated.map((r) => r.label),
    data: [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch), xLabel: t(lang, 'epoch'), yLabel: t(lang, 'accuracyAxis'), unit: '%',
    note: t(lang, 'accuracyChartNote'),
  };
}

/** Runs as timings and speedups read them (older saved runs may lack the spread: then min = max = median). */
type TimedRun = Pick<Run, 'label' | 'medianEpochMs'> & Partial<Pick<Run, 'backend' | 'epochMs' | 'minEpochMs' | 'maxEpochMs' | 'noise' | 'gpu' | 'epochs'>>;

const timedCount = (r: TimedRun) => r.epochMs?.length ?? r.epochs?.length ?? 1;

/** The notes a run's times carry wherever they are charted: the noise guard's warning and the software-GPU note. */
export function runNotes(lang: Lang, runs: readonly TimedRun[]): string[] {
  const notes: string[] = [];
  for (const r of runs) {
    const busy = r.noise && noiseShort(lang, r.label, r.noise);
    if (busy) notes.push(busy);
  }
  const soft = runs.filter((r) => r.gpu?.software);
  for (const r of soft) notes.push(t(lang, 'measure_softwareGpuShort', { label: r.label, adapter: r.gpu!.adapter }));
  return notes;
}

/** "Time per epoch (median of 3 epochs…)", "(one epoch per run)", or mixed: "median" only over more than one epoch. */
function timingsTitle(lang: Lang, counts: readonly number[]): string {
  if (counts.every((c) => c <= 1)) return t(lang, 'measure_timingsOne');
  const n = new Set(counts);
  return n.size === 1 ? t(lang, 'measure_timingsMedian', { n: counts[0] }) : t(lang, 'measure_timingsMixed');
}

/** Bars of each run's median epoch time, with min–max error bars when a run has several timed epochs. */
export function timingsChart(lang: Lang, runs: readonly TimedRun[]): ChartSpec {
  const counts = runs.map(timedCount);
  const spread = counts.some((c) => c > 1);
  const lo = t(lang, 'measure_min'), hi = t(lang, 'measure_max'), n = t(lang, 'measure_epochs');
  const notes = runNotes(lang, runs);
  if (spread) notes.unshift(t(lang, 'measure_spreadNote'));
  return {
    type: 'bar', title: timingsTitle(lang, counts), x: 'run', y: ['ms'], yLabel: t(lang, 'msPerEpoch'), unit: 'ms',
    // each bar also says its backend, so a run labelled 'C SIMD' is drawn in wasm's colour
    data: runs.map((r, i) => ({
      run: r.label, ms: Math.round(r.medianEpochMs),
      ...(spread ? { [lo]: Math.round(r.minEpochMs ?? r.medianEpochMs), [hi]: Math.round(r.maxEpochMs ?? r.medianEpochMs), [n]: counts[i] } : {}),
      ...(typeof r.backend === 'string' ? { backend: r.backend } : {}),
    })),
    ...(spread ? { errorBars: [{ y: 'ms', low: lo, high: hi }], columns: [lo, hi, n] } : {}),
    ...(notes.length ? { note: notes.join('\n') } : {}),
  };
}

/**
 * Stacked bars of each run's breakdown, the mean over its timed epochs. The parts add up to the epoch
 * (fitBreakdown in every backend's epoch); the note gives every part in ms and % so a part too thin to
 * see in the stack is still read, then how each part was measured.
 */
export function breakdownChart(lang: Lang, runs: readonly Run[]): ChartSpec {
  const parts: string[] = [];
  const methods = new Map<string, string[]>(); // a part measured differently in two runs (e.g. by the workers or the coordinator) lists both ways
  const lines: string[] = [];
  const pct = new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 1, useGrouping: true });
  const ms = new Intl.NumberFormat(numberLocale(lang), { maximumSignificantDigits: 3, useGrouping: true });
  const data = runs.map((r) => {
    const row: Record<string, number | string> = { run: r.label };
    const n = r.epochs.length || 1;
    const sums = new Map<string, number>();
    for (const e of r.epochs) {
      for (const p of e.breakdown) {
        if (!parts.includes(p.label)) parts.push(p.label);
        const known = methods.get(p.label) ?? [];
        if (!known.includes(p.method)) methods.set(p.label, [...known, p.method]);
        sums.set(p.label, (sums.get(p.label) ?? 0) + p.ms / n);
      }
    }
    const total = [...sums.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of sums) row[k] = Math.round(v * 1000) / 1000;
    const shown = [...sums].map(([k, v]) => t(lang, 'measure_part', { part: k, ms: ms.format(v), pct: pct.format(total > 0 ? v / total : 0) }));
    lines.push(t(lang, 'measure_breakdownParts', { label: r.label, total: ms.format(total), parts: shown.join(' · ') }));
    return row;
  });
  // a part one run lacks (a barrier wait where another run has messaging) is 0 in its bar, not missing:
  // a stacked bar chart draws nothing for a row with a missing key
  for (const row of data) for (const k of parts) row[k] ??= 0;
  const counts = runs.map((r) => r.epochs.length);
  const title = counts.every((c) => c <= 1) ? t(lang, 'measure_breakdownOne')
    : t(lang, 'measure_breakdownMean', { n: new Set(counts).size === 1 ? counts[0] : `${Math.min(...counts)}–${Math.max(...counts)}` });
  return {
    type: 'stackedBar', title, x: 'run', y: parts, yLabel: t(lang, 'msPerEpoch'), unit: 'ms', data,
    note: [...lines, ...runNotes(lang, runs), [...methods].map(([k, v]) => `${k}: ${v.join(' | ')}`).join(' · ')].join('\n'),
  };
}

/** One point of a speedup chart: n and its time (median), with the spread of that time when known. */
export interface SpeedupPoint { n: number; ms: number; min?: number; max?: number }

/** show.speedup's points as SpeedupPoints: a `{ n, run }` point takes the run's median and spread; the runs, for their notes. */
export function speedupPoints(points: readonly ({ n: number; ms: number; min?: number; max?: number } | { n: number; run: Run })[]): { pts: SpeedupPoint[]; runs: Run[] } {
  const runs: Run[] = [];
  const pts = points.map((p): SpeedupPoint => {
    if ('run' in p && p.run) {
      runs.push(p.run);
      return { n: p.n, ms: p.run.medianEpochMs, min: p.run.minEpochMs, max: p.run.maxEpochMs };
    }
    const q = p as SpeedupPoint;
    return { n: q.n, ms: q.ms, ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}) };
  });
  return { pts, runs };
}

/** Speedups Amdahl's law can explain (1× ≤ S ≤ n, with a little slack for timer noise). */
const EXPLAINABLE_SLACK = 0.02;

/**
 * Measured speedup over the n = 1 row (with min–max error bars from both rows' spreads), the ideal
 * line, efficiency S/n, and an Amdahl fit T(n) = T₁·(f + (1 − f)/n) with f in [0, 1]. The fit uses only
 * points it can explain: n ≤ cores (more workers than cores only take turns on the same cores) and
 * 1× ≤ S ≤ n (a slowdown or a superlinear gain is something else: overhead, caches). It is not drawn
 * when no such point beyond n = 1 exists or when the best fit is all serial: the note says why.
 */
export function speedupChart(
  lang: Lang, points: readonly SpeedupPoint[], label = 'workers', cores = Infinity, runs: readonly TimedRun[] = [],
): ChartSpec {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const baseP = sorted.find((p) => p.n === 1);
  const base = baseP?.ms ?? sorted[0]?.ms ?? NaN;
  const S = (p: SpeedupPoint) => base / p.ms;
  const ideal = t(lang, 'ideal'), amdahl = t(lang, 'amdahl'), speedup = t(lang, 'speedup');
  const eff = `${t(lang, 'measure_efficiency')} (%)`, lo = t(lang, 'measure_min'), hi = t(lang, 'measure_max');
  const notes: string[] = [];

  // the fit: only points Amdahl's law can explain
  const withinCores = sorted.filter((p) => p.n <= cores);
  const explainable = withinCores.filter((p) => p.n === 1 || (S(p) >= 1 - EXPLAINABLE_SLACK && S(p) <= p.n * (1 + EXPLAINABLE_SLACK)));
  const unexplained = withinCores.filter((p) => !explainable.includes(p));
  let f: number | null = null;
  if (!baseP) notes.push(t(lang, 'measure_amdahlNone', { why: t(lang, 'measure_amdahlNoBase', { label }) }));
  else if (!explainable.some((p) => p.n > 1)) {
    notes.push(t(lang, 'measure_amdahlNone', { why: t(lang, 'measure_amdahlNoGain', { label }) })
      + (withinCores.length < sorted.length ? ` ${t(lang, 'amdahlCores', { label, cores })}` : ''));
  }
  else {
    const fit = Math.min(1, Math.max(0, amdahlFit(explainable).serialFraction));
    if (fit >= 0.995) notes.push(t(lang, 'measure_amdahlNone', { why: t(lang, 'measure_amdahlAllSerial') }));
    else {
      f = fit;
      notes.push(t(lang, 'amdahlNote', { f: new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fit * 100) }) + (withinCores.length < sorted.length ? ` ${t(lang, 'amdahlCores', { label, cores })}` : ''));
    }
  }
  const list = (ps: readonly SpeedupPoint[]) => ps.map((p) => `${label} = ${p.n}`).join(', ');
  if (baseP && unexplained.length) notes.push(t(lang, 'measure_amdahlExcluded', { points: list(unexplained) }));
  const slower = sorted.filter((p) => p.n > cores && S(p) < 1);
  if (baseP && slower.length) notes.push(t(lang, 'measure_oversubscribed', { points: list(slower), label, cores }));
  const pctf = new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0, useGrouping: true });
  if (Number.isFinite(base)) notes.push(t(lang, 'measure_efficiencyNote', { label, list: sorted.map((p) => `${p.n} → ${pctf.format(S(p) / p.n)}`).join(', ') }));
  notes.push(...runNotes(lang, runs));

  const spread = sorted.some((p) => p.min !== undefined || p.max !== undefined);
  // from runs, the spread is over timed epochs; a cell's own points say only that they were measured several times
  if (spread) notes.push(t(lang, runs.length ? 'measure_spreadNote' : 'measure_spreadNotePoints'));
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    type: 'line', title: t(lang, 'speedupTitle', { label }), x: label, y: f === null ? [speedup, ideal] : [speedup, ideal, amdahl],
    dashed: f === null ? [ideal] : [ideal, amdahl], xLabel: label, yLabel: speedup, unit: '×',
    data: sorted.map((p) => ({
      [label]: p.n, [speedup]: r2(S(p)), [ideal]: p.n,
      ...(f === null ? {} : { [amdahl]: r2(amdahlSpeedup(f, p.n)) }),
      // the slowest base over the slowest point… : the range of speedups both spreads allow
      ...(spread ? { [lo]: r2((baseP?.min ?? base) / (p.max ?? p.ms)), [hi]: r2((baseP?.max ?? base) / (p.min ?? p.ms)) } : {}),
      [eff]: Math.round((S(p) / p.n) * 100),
    })),
    ...(spread ? { errorBars: [{ y: speedup, low: lo, high: hi }] } : {}),
    columns: spread ? [lo, hi, eff] : [eff],
    note: notes.join('\n'),
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

/** The workers backend's task kinds (TaskRecord.kind, stats.ts) as the legend and the table name them. */
const TASK_KINDS: Readonly<Record<string, MessageKey>> = {
  [TASK_KIND.gradient]: 'taskKindGradient',
  [TASK_KIND.reduceUpdate]: 'taskKindReduceUpdate',
  [TASK_KIND.rowsUpdate]: 'taskKindRowsUpdate',
  [TASK_KIND.unitsForward]: 'taskKindUnitsForward',
  [TASK_KIND.loss]: 'taskKindLoss',
  [TASK_KIND.unitsBackward]: 'taskKindUnitsBackward',
} satisfies Record<(typeof TASK_KIND)[keyof typeof TASK_KIND], MessageKey>;

export function taskStreamChart(lang: Lang, run: Run, epochIndex = 0): ChartSpec {
  const e = run.epochs[epochIndex];
  const kind = (k: string) => (Object.hasOwn(TASK_KINDS, k) ? t(lang, TASK_KINDS[k]) : k);
  const data = (e?.tasks ?? []).map((tk) => ({ worker: tk.worker, start: tk.start, end: tk.end, kind: kind(tk.kind), shard: tk.shard }));
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
