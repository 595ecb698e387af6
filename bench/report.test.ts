import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { ACCURACY_EPOCHS, flags, markdownReport, median, MIN_TIMED, NOISY_SPREAD, sameThreadsRatio, spread, summarise } from './report.mjs';

const row = (epochMs: number[], extra: Record<string, unknown> = {}) => summarise({ suite: 's', name: 'r', batchSize: 128, epochMs, ...extra });
const report = (rows: unknown[]) => markdownReport({ date: 'd', userAgent: 'ua', hardwareConcurrency: 2, runs: 5, rows, checks: [], notes: [] });
/** The table cells of the row whose name is `name`. */
const cells = (md: string, name: string) => md.split('\n').find((l) => l.startsWith(`| s | ${name} |`))!.split('|').slice(1, -1).map((c) => c.trim());
const header = (md: string) => md.split('\n').find((l) => l.startsWith('| suite | row |'))!.split('|').slice(1, -1).map((c) => c.trim());

describe('bench report: summarise', () => {
  it('gives median, min, max, the timed count and spread = (max − min) / median', () => {
    const r = row([100, 96, 104, 102, 98]);
    expect(r).toMatchObject({ timed: 5, medianMs: 100, minMs: 96, maxMs: 104, fewRuns: false, noisy: false });
    expect(r.spread).toBeCloseTo(0.08, 10);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(r.samplesPerSec).toBeCloseTo(600_000, 6);
    // a row that trains nothing (a load time: no batch size, no sample count) has no samples/s
    expect(summarise({ suite: 's', name: 'load', epochMs: [1000, 1100] }).samplesPerSec).toBeNaN();
    expect(summarise({ suite: 's', name: 'infer', samples: 10000, epochMs: [1000] }).samplesPerSec).toBeCloseTo(10_000, 6);
  });

  it('flags a row noisy only when its spread exceeds NOISY_SPREAD (15%)', () => {
    expect(NOISY_SPREAD).toBe(0.15);
    expect(row([100, 100, 100, 100, 114]).noisy).toBe(false); // 14%
    expect(row([100, 100, 100, 100, 115]).noisy).toBe(false); // exactly 15%: not above
    const noisy = row([100, 100, 100, 100, 116]);
    expect(noisy.noisy).toBe(true);
    expect(flags(noisy)).toBe('NOISY (spread 16%)');
    expect(Number.isNaN(spread([100]))).toBe(true); // one value: no spread, not noisy
    expect(row([100]).noisy).toBe(false);
    expect(row([]).noisy).toBe(false);
  });

  it('flags fewer than MIN_TIMED timed runs, unless the row is one measurement by design', () => {
    expect(MIN_TIMED).toBeGreaterThanOrEqual(5);
    const short = row([100, 101]);
    expect(short.fewRuns).toBe(true);
    expect(flags(short)).toBe(`only 2 timed (< ${MIN_TIMED})`);
    expect(row([100], { single: true }).fewRuns).toBe(false);
    expect(row([]).fewRuns).toBe(false); // an error row: nothing timed, its error says why
    expect(flags(row([100, 100, 150]))).toBe(`NOISY (spread 50%); only 3 timed (< ${MIN_TIMED})`);
  });
});

describe('bench report: markdown', () => {
  it('has the n, spread, acc-after (epochs) and flags columns, one cell per header', () => {
    const md = report([
      row([100, 100, 100, 100, 130], { name: 'a', accuracy: 0.9123, accuracyEpochs: ACCURACY_EPOCHS }),
      row([50, 50, 50, 50, 50], { name: 'b', accuracy: 0.5, accuracyEpochs: 0 }),
      row([50], { name: 'c', single: true }),
      row([60, 60, 60, 60, 60], { name: 'd', accuracy: 0.8 }),
    ]);
    const h = header(md);
    expect(h).toEqual(['suite', 'row', 'batch', 'n', 'median ms/epoch', 'min', 'max', 'spread', 'samples/s', 'test acc', 'acc after (epochs)', 'flags', 'note']);
    const at = (name: string, col: string) => cells(md, name)[h.indexOf(col)];
    for (const n of ['a', 'b', 'c', 'd']) expect(cells(md, n)).toHaveLength(h.length);
    expect(at('a', 'n')).toBe('5');
    expect(at('a', 'spread')).toBe('30.0%');
    expect(at('a', 'flags')).toBe('NOISY (spread 30%)');
    expect(at('a', 'test acc')).toBe('91.23%');
    expect(at('a', 'acc after (epochs)')).toBe(String(ACCURACY_EPOCHS));
    expect(at('b', 'acc after (epochs)')).toBe('0');
    expect(at('b', 'flags')).toBe('');
    expect(at('c', 'acc after (epochs)')).toBe('—'); // no accuracy
    expect(at('c', 'spread')).toBe('—');
    expect(at('d', 'acc after (epochs)')).toBe('?'); // an accuracy that does not say after how many epochs
  });

  it('defines spread and the epochs column in the header', () => {
    const md = report([]);
    expect(md).toContain('(max − min) / median');
    expect(md).toContain('exceeds 15%');
    expect(md).toMatch(new RegExp(`measured after ${ACCURACY_EPOCHS} epoch`));
  });
});

describe('bench report: peer ratios at equal thread counts', () => {
  it('compares only rows that ran the same number of threads', () => {
    const ours = { threads: 2, epochMs: [500, 520, 510] };
    expect(sameThreadsRatio(ours, { threads: 2, epochMs: [5000, 5100, 5200] })).toEqual({ comparable: true, ratio: 5100 / 510 });
    expect(sameThreadsRatio(ours, { threads: 1, epochMs: [5000] })).toEqual({ comparable: false, reason: '2 thread(s) vs 1' });
    expect(sameThreadsRatio(ours, { epochMs: [5000] })).toMatchObject({ comparable: false, reason: 'thread count unknown' });
    expect(sameThreadsRatio(ours, { threads: 2, epochMs: [] })).toMatchObject({ comparable: false });
  });
});
