// Output limits, in the kernel (issue 11): however much a cell prints or charts, the page gets a
// bounded amount of work. 20,000 `show.text` calls once froze the page for minutes and a 200k-point
// chart for 13 s. Here:
// - outputs are posted at most every FLUSH_MS per run, as one batch; an output replaced by id
//   (a live chart, a progress bar) travels once per batch, in its last version;
// - after MAX_OUTPUTS outputs in a cell, further text is folded into one text output that counts
//   its lines (the page shows it in pages), and any other kind is counted in a note;
// - a chart with more than MAX_CHART_POINTS rows is downsampled (lines: min and max of each series
//   per bucket, first and last kept) or cut (bars), with a note that says so.
import { t, type Lang } from '../../i18n';
import type { ChartSpec, Output } from './protocol';

export const FLUSH_MS = 50;
export const MAX_OUTPUTS = 200;
/** A line of 2000 points is 1000 min/max pairs: about one per pixel column of the widest chart. */
export const MAX_CHART_POINTS = 2000;
/** Folded lines kept beyond this many characters are only counted. */
export const MAX_FOLDED_CHARS = 8 * 1024 * 1024;
/** Folded text longer than this is sent at most once a second while the cell runs (it travels whole). */
export const BIG_FOLDED_CHARS = 256 * 1024;
export const BIG_FOLDED_MS = 1000;

export const FOLDED_ID = 'more-text';
const DROPPED_ID = 'more-outputs';

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { useGrouping: true });
}

/** A fraction as a percentage with one decimal in the student's format: 0.9123 → "91.2" (en), "91,2" (es). */
export function formatPercent(x: number, lang: Lang, digits = 1): string {
  return (x * 100).toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
}

export function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(chars / 1024))} kB`;
}

interface Timer { set(fn: () => void, ms: number): unknown; clear(h: unknown): void; now(): number }
const realTimer: Timer = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number), now: () => performance.now() };

/** One run's outputs on their way to the page. */
export class OutputSink {
  private queue = new Map<string, Output>();
  private seen = new Set<string>();
  private timer: unknown = null;
  private lastFlush = -Infinity;
  private folded: string[] = [];
  private foldedChars = 0;
  private foldedCount = 0;
  private foldedLost = 0;
  private dropped = 0;
  private lastFoldedSend = -Infinity;

  constructor(private readonly lang: Lang, private readonly send: (outputs: Output[]) => void, private readonly timer_: Timer = realTimer) {}

  /** Queues an output; `always`: the kernel's own (the cell's value, its error, notes), never folded. */
  post(o: Output, always = false): void {
    if (!this.seen.has(o.id)) {
      if (!always && this.seen.size >= MAX_OUTPUTS) {
        if (o.kind === 'text') this.fold(o.text);
        else this.drop();
        return;
      }
      this.seen.add(o.id);
    }
    this.queue.set(o.id, o);
    this.schedule();
  }

  private fold(text: string): void {
    this.foldedCount++;
    if (this.foldedChars + text.length <= MAX_FOLDED_CHARS) {
      this.folded.push(text);
      this.foldedChars += text.length + 1;
    } else {
      this.foldedLost++;
    }
    const lost = this.foldedLost ? `\n${t(this.lang, 'kernelLinesDropped', { n: formatCount(this.foldedLost, this.lang), size: formatSize(MAX_FOLDED_CHARS) })}` : '';
    // the text is joined at flush time (once per batch, not once per line)
    this.queue.set(FOLDED_ID, { id: FOLDED_ID, kind: 'text', text: lost, folded: this.foldedCount });
    this.schedule();
  }

  private drop(): void {
    this.dropped++;
    this.queue.set(DROPPED_ID, { id: DROPPED_ID, kind: 'text', text: t(this.lang, 'kernelMoreOutputs', { n: formatCount(this.dropped, this.lang), max: MAX_OUTPUTS }) });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_MS - this.timer_.now());
    this.timer = this.timer_.set(() => this.flush(false), wait);
  }

  /** Sends what is queued now; the kernel calls it with `final` before it says the run is done. */
  flush(final = true): void {
    if (this.timer !== null) this.timer_.clear(this.timer);
    this.timer = null;
    const now = this.timer_.now();
    const f = this.queue.get(FOLDED_ID);
    let held: Output | null = null;
    if (f && f.kind === 'text') {
      if (!final && this.foldedChars > BIG_FOLDED_CHARS && now - this.lastFoldedSend < BIG_FOLDED_MS) {
        held = f; // a big fold travels whole: not 20 times a second
        this.queue.delete(FOLDED_ID);
      } else {
        this.lastFoldedSend = now;
        this.queue.set(FOLDED_ID, { ...f, text: this.folded.join('\n') + f.text });
      }
    }
    if (this.queue.size) {
      this.lastFlush = now;
      const batch = [...this.queue.values()];
      this.queue.clear();
      this.send(batch);
    }
    if (held) {
      this.queue.set(FOLDED_ID, held);
      this.timer = this.timer_.set(() => this.flush(false), Math.max(FLUSH_MS, this.lastFoldedSend + BIG_FOLDED_MS - now));
    }
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/**
 * At most `max` rows of a line chart's data: the rows holding the minimum and the maximum of each
 * series in each bucket of consecutive rows, plus the first and the last row, in their order.
 */
export function downsampleRows(data: readonly Record<string, number | string>[], ys: readonly string[], max = MAX_CHART_POINTS): Record<string, number | string>[] {
  const n = data.length;
  if (n <= max) return data.slice();
  const perBucket = 2 * Math.max(1, ys.length);
  const buckets = Math.max(1, Math.floor((max - 2) / perBucket));
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const size = (n - 2) / buckets;
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor(b * size), hi = Math.min(n - 1, 1 + Math.floor((b + 1) * size));
    for (const y of ys) {
      let iMin = -1, iMax = -1, vMin = Infinity, vMax = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = num(data[i][y]);
        if (v < vMin) { vMin = v; iMin = i; }
        if (v > vMax) { vMax = v; iMax = i; }
      }
      if (iMin >= 0) keep[iMin] = 1;
      if (iMax >= 0) keep[iMax] = 1;
    }
  }
  const out: Record<string, number | string>[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(data[i]);
  return out;
}

/** `spec` with at most MAX_CHART_POINTS rows, and a note when it was reduced. */
export function limitChart(spec: ChartSpec, lang: Lang, max = MAX_CHART_POINTS): ChartSpec {
  const n = Array.isArray(spec.data) ? spec.data.length : 0;
  if (n <= max) return spec;
  const line = spec.type === 'line';
  const data = line ? downsampleRows(spec.data, Array.isArray(spec.y) ? spec.y : [], max) : spec.data.slice(0, max);
  const said = t(lang, line ? 'kernelDownsampled' : 'kernelFirstRows', { from: formatCount(n, lang), to: formatCount(data.length, lang) });
  return { ...spec, data, note: spec.note ? `${spec.note} · ${said}` : said };
}
