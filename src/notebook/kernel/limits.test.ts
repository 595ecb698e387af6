import { describe, expect, it } from 'vitest';
import type { ChartSpec, Output } from './protocol';
import { downsampleRows, FLUSH_MS, FOLDED_ID, limitChart, MAX_CHART_POINTS, MAX_OUTPUTS, OutputSink } from './limits';

/** A clock and timers the test moves by hand. */
function fakeTimer() {
  let now = 0;
  const due: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    set: (fn: () => void, ms: number) => { const id = ids++; due.push({ at: now + ms, fn, id }); return id; },
    clear: (h: unknown) => { const i = due.findIndex((d) => d.id === h); if (i >= 0) due.splice(i, 1); },
    now: () => now,
    advance(ms: number) {
      now += ms;
      for (let d = due.find((x) => x.at <= now); d; d = due.find((x) => x.at <= now)) { due.splice(due.indexOf(d), 1); d.fn(); }
    },
  };
}

const text = (id: string, s: string): Output => ({ id, kind: 'text', text: s });

describe('OutputSink', () => {
  it('sends one batch per FLUSH_MS at most; a replaced output travels once, in its last version, where it first appeared', () => {
    const clock = fakeTimer();
    const sent: Output[][] = [];
    const sink = new OutputSink('en', (b) => sent.push(b), clock);
    sink.post({ id: 'p', kind: 'progress', label: 'x', value: 1, max: 10 });
    sink.post(text('a', 'one'));
    sink.post({ id: 'p', kind: 'progress', label: 'x', value: 9, max: 10 });
    expect(sent).toHaveLength(0); // nothing before the timer fires
    clock.advance(0);
    expect(sent).toEqual([[{ id: 'p', kind: 'progress', label: 'x', value: 9, max: 10 }, text('a', 'one')]]);
    sink.post(text('b', 'two'));
    clock.advance(FLUSH_MS - 1);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    sink.post(text('c', 'three'));
    sink.flush(); // the kernel flushes before it says "done"
    expect(sent[2]).toEqual([text('c', 'three')]);
    sink.flush();
    expect(sent).toHaveLength(3); // nothing queued, nothing sent
  });

  it('folds text past MAX_OUTPUTS into one output that counts it, counts other kinds, and never folds the kernel\'s own', () => {
    const clock = fakeTimer();
    const sent: Output[][] = [];
    const sink = new OutputSink('es', (b) => sent.push(b), clock);
    for (let i = 0; i < 20_000; i++) sink.post(text(`t${i}`, `line ${i}`));
    sink.post({ id: 'tab', kind: 'table', columns: ['a'], rows: [[1]] });
    sink.post(text('value', 'done'), true);
    sink.flush();
    expect(sent).toHaveLength(1);
    const batch = sent[0];
    expect(batch).toHaveLength(MAX_OUTPUTS + 3);
    expect(batch[MAX_OUTPUTS - 1]).toEqual(text(`t${MAX_OUTPUTS - 1}`, `line ${MAX_OUTPUTS - 1}`));
    const folded = batch[MAX_OUTPUTS];
    expect(folded).toMatchObject({ id: FOLDED_ID, kind: 'text', folded: 20_000 - MAX_OUTPUTS });
    const lines = (folded as { text: string }).text.split('\n');
    expect(lines).toHaveLength(20_000 - MAX_OUTPUTS);
    expect(lines[0]).toBe(`line ${MAX_OUTPUTS}`);
    expect(lines.at(-1)).toBe('line 19999');
    expect(batch[MAX_OUTPUTS + 1]).toEqual(text('more-outputs', '+1 salidas más no se mostraron (como mucho 200 por celda)'));
    expect(batch[MAX_OUTPUTS + 2]).toEqual(text('value', 'done'));
    // an output already shown can still be replaced past the limit
    sink.post(text('t0', 'updated'));
    sink.flush();
    expect(sent[1]).toEqual([text('t0', 'updated')]);
  });
});

describe('charts', () => {
  const big = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sin(i / 500), z: i === 77_777 ? 100 : 0 }));

  it('downsamples a line chart to at most the limit, keeping first, last and every extreme', () => {
    const data = big(200_000);
    const out = downsampleRows(data, ['y', 'z']) as typeof data;
    expect(out.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(out.length).toBeGreaterThan(MAX_CHART_POINTS / 2); // rows that hold two extremes count once
    expect(out[0]).toBe(data[0]);
    expect(out.at(-1)).toBe(data.at(-1));
    expect(out.some((r) => r.z === 100)).toBe(true); // a one-point spike survives
    expect(Math.max(...out.map((r) => r.y))).toBeCloseTo(1, 5);
    expect(Math.min(...out.map((r) => r.y))).toBeCloseTo(-1, 5);
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x); // in order
  });

  it('leaves a small chart alone and says when a big one was reduced', () => {
    const small: ChartSpec = { type: 'line', title: 't', x: 'x', y: ['y'], data: big(10) };
    expect(limitChart(small, 'en')).toBe(small);
    const line = limitChart({ ...small, data: big(200_000), note: 'n' }, 'en');
    expect(line.data.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(line.note).toBe(`n · downsampled from 200,000 to ${line.data.length.toLocaleString('en-US')} points`);
    const bars = limitChart({ ...small, type: 'bar', data: big(12_000) }, 'es');
    expect(bars.data).toHaveLength(MAX_CHART_POINTS);
    expect(bars.note).toMatch(/^se muestran las primeras 2\.?000 de 12\.000 filas$/);
  });
});

it('sends a big fold at most once a second while the cell runs, and whole at the end', () => {
  const clock = fakeTimer();
  const sent: Output[][] = [];
  const sink = new OutputSink('en', (b) => sent.push(b), clock);
  for (let i = 0; i < MAX_OUTPUTS; i++) sink.post(text(`t${i}`, 'x'));
  const line = 'y'.repeat(1000);
  const folds = () => sent.flat().filter((o) => o.id === FOLDED_ID).length;
  for (let ms = 0; ms < 3000; ms += 10) {
    for (let k = 0; k < 10; k++) sink.post(text(`f${ms}-${k}`, line));
    clock.advance(10);
  }
  expect(folds()).toBeGreaterThanOrEqual(3);
  expect(folds()).toBeLessThanOrEqual(10); // every 50 ms until it is big (~0.25 s), then once a second: not 60
  sink.flush();
  const last = sent.flat().filter((o) => o.id === FOLDED_ID).at(-1) as { text: string; folded: number };
  expect(last.folded).toBe(3000);
  expect(last.text.split('\n')).toHaveLength(3000);
});
