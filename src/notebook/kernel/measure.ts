// Honest timing for train(): the same training run `repeats` times from fresh seeded weights, every
// timed epoch kept, the median with its spread (min–max), whether the repeats computed the same
// losses, and a noise guard. The guard times a fixed CPU workload (the calibration loop) in the kernel
// before and after the timed runs: when the epochs spread more than NOISE_LIMIT, or the calibration
// loop ran at a different speed after than before, something else was using the CPU and the output
// says the numbers are unreliable, with the figures.
import { StoppedError } from '../../backends/types';
import { t, type Lang } from '../../i18n';

/** More than this relative spread of the timed epochs, or drift of the calibration loop, flags a busy machine. */
export const NOISE_LIMIT = 0.15;

/** The median of `xs` and how far apart its extremes are. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
  /** (max − min) / median; 0 for one value */
  readonly spread: number;
}

export function spreadOf(xs: readonly number[]): Spread {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, min: NaN, max: NaN, count: 0, spread: 0 };
  const m = s.length >> 1;
  const median = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  const min = s[0], max = s[s.length - 1];
  return { median, min, max, count: s.length, spread: median > 0 ? (max - min) / median : 0 };
}

/** Side of the calibration loop's matrices: 64×64×64 multiply-adds, about 1–3 ms on a laptop core. */
const CAL_N = 64;
/** Timed runs of the loop per calibration; their median is the calibration's time. */
const CAL_RUNS = 7;

/** The calibration loop: a fixed single-thread float workload (a 64×64 matrix product). Returns a checksum so it cannot be optimised away. */
export function calibrationWorkload(n = CAL_N): number {
  const a = new Float32Array(n * n), b = new Float32Array(n * n), c = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) { a[i] = (i % 7) * 0.25; b[i] = (i % 5) * 0.5; }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  let sum = 0;
  for (let i = 0; i < n * n; i++) sum += c[i];
  return sum;
}

/** Products per timed run: one run lasts a few ms, well above the clock's resolution (5 µs isolated, 100 µs not). */
const CAL_PRODUCTS = 8;
/** Where the checksums go, so the JIT cannot drop the work as unused. */
let sink = 0;

/** Untimed products before a kernel's first calibration: the JIT's optimised code arrives after a few (later on a busy machine). */
const CAL_WARMUP = 24;
let warmed = false;

/** The calibration loop's time in ms: the median of CAL_RUNS runs (after untimed runs for the JIT). */
export function calibrate(clock: () => number = () => performance.now(), runs = CAL_RUNS): number {
  // a fresh kernel's first runs are slower (not yet optimised): they would read as a machine that got faster
  for (let k = 0; k < (warmed ? 1 : CAL_WARMUP); k++) sink += calibrationWorkload();
  warmed = true;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = clock();
    for (let k = 0; k < CAL_PRODUCTS; k++) sink += calibrationWorkload();
    times.push(clock() - t0);
  }
  if (sink === -1) console.debug(sink); // never true; keeps `sink` observable
  return spreadOf(times).median;
}

export interface Calibration {
  readonly beforeMs: number;
  readonly afterMs: number;
  /** |after − before| / the faster of the two */
  readonly drift: number;
}

export function calibrationOf(beforeMs: number, afterMs: number): Calibration {
  const lo = Math.min(beforeMs, afterMs);
  return { beforeMs, afterMs, drift: lo > 0 && Number.isFinite(lo) ? Math.abs(afterMs - beforeMs) / lo : 0 };
}

export type NoiseReason = 'spread' | 'calibration';

export interface NoiseCheck {
  /** the machine was busy: the timings are unreliable */
  readonly busy: boolean;
  readonly reasons: readonly NoiseReason[];
  readonly spread: number;
  readonly calibration: Calibration;
}

export function noiseCheck(times: Spread, calibration: Calibration, limit = NOISE_LIMIT): NoiseCheck {
  const reasons: NoiseReason[] = [];
  if (times.count > 1 && times.spread > limit) reasons.push('spread');
  if (calibration.drift > limit) reasons.push('calibration');
  return { busy: reasons.length > 0, reasons, spread: times.spread, calibration };
}

/** Whether every repeat computed the same loss curve as the first, and the largest difference. */
export function compareCurves(curves: readonly (readonly number[])[]): { identical: boolean; maxDelta: number } {
  let maxDelta = 0, identical = true;
  const first = curves[0] ?? [];
  for (const c of curves.slice(1)) {
    if (c.length !== first.length) identical = false;
    for (let i = 0; i < Math.min(c.length, first.length); i++) {
      const d = Math.abs(c[i] - first[i]);
      if (!(d === 0)) identical = false;
      if (Number.isFinite(d)) maxDelta = Math.max(maxDelta, d);
    }
  }
  return { identical, maxDelta };
}

/**
 * Runs `once(i)` for i = 0 … repeats−1, in turn, with the calibration loop timed before the first and
 * after the last. Stop ends it between repeats (a run in progress sees the signal itself).
 */
export async function measureRepeats<T>(
  repeats: number, once: (i: number) => Promise<T>, o: { signal?: AbortSignal; calibrate?: () => number } = {},
): Promise<{ results: T[]; calibration: Calibration }> {
  const cal = o.calibrate ?? (() => calibrate());
  const before = cal();
  const results: T[] = [];
  for (let i = 0; i < Math.max(1, repeats); i++) {
    if (o.signal?.aborted) throw new StoppedError();
    results.push(await once(i));
  }
  return { results, calibration: calibrationOf(before, cal()) };
}

/** What a Run says about its timing (the fields train() adds to it). */
export interface Measurement {
  /** timed runs of the training (the `repeats` option) */
  readonly repeats: number;
  /** every timed epoch's wall time, in order (repeat 1's epochs, then repeat 2's, …) */
  readonly epochMs: number[];
  readonly medianEpochMs: number;
  readonly minEpochMs: number;
  readonly maxEpochMs: number;
  /** the repeats computed the same loss curve (they start from the same seeded weights) */
  readonly lossesMatch: boolean;
  /** largest |Δloss| between a repeat's curve and the first's (0 when they match) */
  readonly maxLossDelta: number;
  /** the noise guard's verdict, with its figures */
  readonly noise: NoiseCheck;
}

export function measurement(repeats: number, epochMs: readonly number[], curves: readonly (readonly number[])[], calibration: Calibration): Measurement {
  const times = spreadOf(epochMs);
  const { identical, maxDelta } = compareCurves(curves);
  return {
    repeats, epochMs: [...epochMs], medianEpochMs: times.median, minEpochMs: times.min, maxEpochMs: times.max,
    lossesMatch: identical, maxLossDelta: maxDelta, noise: noiseCheck(times, calibration),
  };
}

// ---- words (kernel outputs, in the student's language) ----

/** The locale of `lang`'s numbers: thousands grouped in Spanish too (1.300), as the charts write them. */
export const numberLocale = (lang: Lang) => (lang === 'es' ? 'es-ES' : 'en-US');
const num = (lang: Lang, x: number, digits = 0) => new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: digits, useGrouping: true }).format(x);
const pct = (lang: Lang, x: number) => new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0, useGrouping: true }).format(x);

/** "median of 3 epochs: 812 ms (min 790 ms, max 850 ms, 7% apart)" or "one epoch: 812 ms": "median" only over more than one epoch. */
export function timingText(lang: Lang, m: Pick<Measurement, 'epochMs' | 'medianEpochMs' | 'minEpochMs' | 'maxEpochMs'>): string {
  const n = m.epochMs.length;
  if (n <= 1) return t(lang, 'measure_oneEpoch', { ms: num(lang, m.medianEpochMs) });
  return t(lang, 'measure_medianOf', {
    n, ms: num(lang, m.medianEpochMs), min: num(lang, m.minEpochMs), max: num(lang, m.maxEpochMs),
    spread: pct(lang, spreadOf(m.epochMs).spread),
  });
}

/** The noise guard's warning with its figures, or null when the machine looked quiet. */
export function noiseText(lang: Lang, check: NoiseCheck, times: Pick<Measurement, 'minEpochMs' | 'maxEpochMs'>): string | null {
  if (!check.busy) return null;
  const limit = pct(lang, NOISE_LIMIT);
  const why = check.reasons.map((r) => (r === 'spread'
    ? t(lang, 'measure_noiseSpread', { min: num(lang, times.minEpochMs), max: num(lang, times.maxEpochMs), spread: pct(lang, check.spread), limit })
    : t(lang, 'measure_noiseCalibration', { before: num(lang, check.calibration.beforeMs, 1), after: num(lang, check.calibration.afterMs, 1), drift: pct(lang, check.calibration.drift), limit })));
  return t(lang, 'measure_busy', { why: why.join('; ') });
}

/** The noise guard's verdict in a few words, for a chart's note (the cell's output has the full sentence), or null. */
export function noiseShort(lang: Lang, label: string, check: NoiseCheck): string | null {
  if (!check.busy) return null;
  const why = check.reasons.map((r) => (r === 'spread'
    ? t(lang, 'measure_busyShortSpread', { spread: pct(lang, check.spread) })
    : t(lang, 'measure_busyShortCalibration', { before: num(lang, check.calibration.beforeMs, 1), after: num(lang, check.calibration.afterMs, 1) })));
  return t(lang, 'measure_busyShort', { label, why: why.join('; ') });
}

/** Said when the repeats did not compute the same losses, or null. */
export function lossesText(lang: Lang, m: Pick<Measurement, 'repeats' | 'lossesMatch' | 'maxLossDelta'>): string | null {
  if (m.repeats <= 1 || m.lossesMatch) return null;
  return t(lang, 'measure_lossesDiffer', { n: m.repeats, delta: m.maxLossDelta.toExponential(1) });
}

/** The note on a webgpu time measured on a CPU emulation of a GPU. */
export function softwareGpuText(lang: Lang, adapter: string): string {
  return t(lang, 'measure_softwareGpu', { adapter });
}

/** "repeat 2 of 3 · " before an epoch's line, when there are repeats. */
export function repeatPrefix(lang: Lang, repeat: number, repeats: number): string {
  return repeats > 1 ? `${t(lang, 'measure_repeatOf', { r: repeat + 1, n: repeats })} · ` : '';
}

/** The adapter of a webgpu run, from its first epoch's record (webgpu's epochs carry `adapter` and `softwareAdapter`). */
export function gpuOf(backend: string, extra: Readonly<Record<string, unknown>> | undefined): { adapter: string; software: boolean } | undefined {
  if (backend !== 'webgpu' || typeof extra?.adapter !== 'string') return undefined;
  return { adapter: extra.adapter, software: extra.softwareAdapter === true };
}

/** The lines train() shows after the timed runs: the median and spread (over more than one epoch), then any warning. */
export function measureNotes(lang: Lang, label: string, m: Measurement, gpu?: { adapter: string; software: boolean }): string[] {
  const notes: (string | null)[] = [
    m.epochMs.length > 1 ? `${label} · ${timingText(lang, m)}` : null,
    noiseText(lang, m.noise, m),
    lossesText(lang, m),
    gpu?.software ? softwareGpuText(lang, gpu.adapter) : null,
  ];
  return notes.filter((n): n is string => n !== null);
}
