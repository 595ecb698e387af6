// Progress of long work in a cell (issue 13 §5): a train() run's bar (batches done of all, samples/s,
// an ETA) and a sweep's bar (run 2 of 8, an ETA from the mean of the runs done). Both are `progress`
// outputs replaced by id, posted at most every PROGRESS_MS (and always at the start and the end), and
// end at 100%, or saying where Stop (or an error) ended them. Words are made here, in the cell's
// language; numbers are measured wall-clock time, nothing is guessed before there is data.
import { t, type Lang } from '../../i18n';
import { formatCount } from './limits';
import type { Output } from './protocol';

/** At most one bar update per this many ms (the live chart's pace). */
export const PROGRESS_MS = 150;

export type Post = (o: Output) => void;
export type Clock = () => number;
export type Ending = 'done' | 'stopped' | 'failed';

/** "4 s", "1 min 20 s": a duration rounded up to whole seconds (never "0 s" for time that is left). */
export function durationText(lang: Lang, ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 60 ? t(lang, 'timeSeconds', { s }) : t(lang, 'timeMinutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** Where a sweep's item stands, for the bars of the runs inside it. */
export interface SweepItem { index: number; count: number }

export interface RunProgressInit {
  lang: Lang;
  id: string;
  /** the run's name (its label in charts) */
  label: string;
  /** epochs in all (a run's epochs × its repeats) */
  epochs: number;
  /** timed runs of the same training (`repeats`); the bar names the repeat and the epoch within it */
  repeats?: number;
  /** training images per epoch and images per batch */
  samples: number;
  batchSize: number;
  post: Post;
  /** the sweep item this run belongs to, if any */
  sweep?: SweepItem | null;
  /** told the fraction done at each update (the sweep's bar moves with it) */
  onFraction?: (f: number) => void;
  now?: Clock;
}

/**
 * One train() run's bar. `start()` when the timed training begins; `batch(epoch, b)` after batch `b`
 * (0-based) of `epoch` (0-based, counted from the run's first epoch); `end(how)` once.
 */
export class RunProgress {
  private readonly batches: number;
  private readonly total: number;
  private readonly now: Clock;
  private t0 = NaN;
  private tLast = NaN;
  private lastPost = -Infinity;
  private done = 0;
  private samplesDone = 0;
  private ended = false;

  constructor(private readonly o: RunProgressInit) {
    this.batches = Math.max(1, Math.ceil(o.samples / o.batchSize));
    this.total = this.batches * o.epochs;
    this.now = o.now ?? (() => performance.now());
    this.show(0, t(o.lang, 'progressPreparing'));
  }

  private get title(): string {
    const { lang, label, sweep } = this.o;
    const name = sweep ? t(lang, 'progressOfRun', { label, i: sweep.index + 1, n: sweep.count }) : label;
    return t(lang, 'progressTrain', { label: name });
  }

  private show(value: number, detail: string): void {
    this.lastPost = this.now();
    this.o.post({ id: this.o.id, kind: 'progress', label: this.title, value, max: this.total, detail });
  }

  /** The untimed warm-up pass is under way. */
  warmingUp(): void {
    this.show(0, t(this.o.lang, 'progressWarmup'));
  }

  /** The timed training starts now. */
  start(): void {
    this.t0 = this.now();
    this.show(0, this.where(0, 0));
  }

  /** Samples per second so far, or null before any batch is done. */
  private rate(): number | null {
    const ms = this.now() - this.t0;
    return this.samplesDone > 0 && ms > 0 ? (this.samplesDone / ms) * 1000 : null;
  }

  /** "repeat 2 of 3 · epoch 1 of 2", "epoch 2 of 5", or nothing for one epoch run once */
  private epochText(epoch: number): string {
    const { lang, epochs } = this.o;
    const repeats = Math.max(1, this.o.repeats ?? 1);
    const per = Math.max(1, Math.round(epochs / repeats));
    const parts: string[] = [];
    if (repeats > 1) parts.push(t(lang, 'progressRepeat', { r: Math.floor(epoch / per) + 1, n: repeats }));
    if (per > 1) parts.push(t(lang, 'progressEpoch', { epoch: (epoch % per) + 1, epochs: per }));
    return parts.join(' · ');
  }

  private where(epoch: number, batchInEpoch: number): string {
    const parts = [this.epochText(epoch)].filter(Boolean);
    const { lang, epochs } = this.o;
    parts.push(t(lang, 'progressBatch', { batch: formatCount(batchInEpoch, lang), batches: formatCount(this.batches, lang) }));
    const sps = this.rate();
    if (sps === null) {
      parts.push(t(lang, 'progressEtaUnknown'));
    } else {
      parts.push(t(lang, 'progressRate', { sps: formatCount(Math.round(sps), lang) }));
      const left = (epochs * this.o.samples - this.samplesDone) / sps;
      parts.push(t(lang, 'progressEta', { time: durationText(lang, left * 1000) }));
    }
    return parts.join(' · ');
  }

  /** Batch `b` (0-based) of `epoch` is done. */
  batch(epoch: number, b: number): void {
    if (this.ended) return;
    if (Number.isNaN(this.t0)) this.start();
    this.tLast = this.now();
    this.done = Math.min(this.total, epoch * this.batches + b + 1);
    this.samplesDone = epoch * this.o.samples + Math.min(this.o.samples, (b + 1) * this.o.batchSize);
    this.o.onFraction?.(this.done / this.total);
    const last = b + 1 >= this.batches && epoch + 1 >= this.o.epochs;
    if (!last && this.now() - this.lastPost < PROGRESS_MS) return;
    this.show(this.done, this.where(epoch, b + 1));
  }

  /** The run ended: the bar says how, and stops moving. */
  end(how: Ending): void {
    if (this.ended) return;
    this.ended = true;
    const { lang } = this.o;
    const epoch = Math.floor(Math.max(0, this.done - 1) / this.batches);
    const inEpoch = this.done - epoch * this.batches;
    const at = { batch: formatCount(inEpoch, lang), batches: formatCount(this.batches, lang) };
    if (how === 'done') {
      // the training's time, to its last batch (train() evaluates on the test set after it)
      const ms = Number.isNaN(this.tLast) ? 0 : this.tLast - this.t0;
      const sps = ms > 0 ? (this.samplesDone / ms) * 1000 : 0;
      this.o.onFraction?.(1);
      this.show(this.total, t(lang, 'progressDone', { batches: formatCount(this.total, lang), time: durationText(lang, ms), sps: formatCount(Math.round(sps), lang) }));
    } else {
      const which = this.epochText(epoch);
      const where = which ? `${which} · ` : '';
      this.show(this.done, where + t(lang, how === 'stopped' ? 'progressStopped' : 'progressFailed', at));
    }
  }
}

/**
 * A sweep's bar: "run 2 of 8 · ~20 s left". The value moves with the run under way (its train() bar's
 * fraction); the ETA is the mean duration of the runs done times the runs left, less the time the
 * current run has already taken ("estimating…" until the first run ends).
 */
export class SweepProgress {
  private readonly now: Clock;
  private readonly t0: number;
  private itemStart: number;
  private readonly durations: number[] = [];
  private index = 0;
  private fraction = 0;
  private lastPost = -Infinity;
  private ended = false;

  constructor(private readonly lang: Lang, private readonly id: string, private readonly count: number, private readonly post: Post, now?: Clock) {
    this.now = now ?? (() => performance.now());
    this.t0 = this.now();
    this.itemStart = this.t0;
  }

  /** The item the sweep is on, for the runs inside it. */
  get item(): SweepItem {
    return { index: this.index, count: this.count };
  }

  private eta(): string {
    if (!this.durations.length) return t(this.lang, 'progressEtaUnknown');
    const mean = this.durations.reduce((a, b) => a + b, 0) / this.durations.length;
    const inItem = this.now() - this.itemStart;
    const left = mean * (this.count - this.index - 1) + Math.max(0, mean - inItem);
    return t(this.lang, 'progressEta', { time: durationText(this.lang, left) });
  }

  private show(detail: string): void {
    this.lastPost = this.now();
    this.post({ id: this.id, kind: 'progress', label: t(this.lang, 'sweepLabel'), value: Math.min(this.count, this.index + this.fraction), max: this.count, detail });
  }

  private running(): string {
    return `${t(this.lang, 'sweepRun', { i: this.index + 1, n: this.count })} · ${this.eta()}`;
  }

  /** Item `index` starts now. */
  begin(index: number): void {
    this.index = index;
    this.fraction = 0;
    this.itemStart = this.now();
    this.show(this.running());
  }

  /** The current item is this far done (0..1): the bar moves, at most every PROGRESS_MS. */
  within(fraction: number): void {
    if (this.ended) return;
    this.fraction = Math.max(this.fraction, Math.min(1, Math.max(0, fraction)));
    if (this.now() - this.lastPost < PROGRESS_MS) return;
    this.show(this.running());
  }

  /** The current item ended well. */
  finish(): void {
    this.durations.push(this.now() - this.itemStart);
    this.fraction = 1;
  }

  end(how: Ending): void {
    if (this.ended) return;
    this.ended = true;
    const at = { i: this.index + 1, n: this.count };
    if (how === 'done') {
      this.index = this.count;
      this.fraction = 0;
      this.show(t(this.lang, 'sweepDone', { n: this.count, time: durationText(this.lang, this.now() - this.t0) }));
    } else {
      this.show(t(this.lang, how === 'stopped' ? 'sweepStopped' : 'sweepFailed', at));
    }
  }
}
