import { describe, expect, it } from 'vitest';
import { outputProblem } from '../outputs';
import type { Output } from './protocol';
import { durationText, PROGRESS_MS, RunProgress, SweepProgress } from './progress';

type Bar = Extract<Output, { kind: 'progress' }>;

/** A fake clock and every bar posted. */
function harness() {
  let now = 0;
  const posted: Bar[] = [];
  return {
    posted,
    clock: () => now,
    at: (ms: number) => { now = ms; },
    post: (o: Output) => { expect(outputProblem(o)).toBeNull(); posted.push(o as Bar); },
    last: () => posted[posted.length - 1],
  };
}

describe('durationText', () => {
  it('rounds up to whole seconds and never says 0 s', () => {
    expect(durationText('es', 3200)).toBe('4 s');
    expect(durationText('en', 0)).toBe('1 s');
    expect(durationText('es', 59_500)).toBe('1 min 0 s');
    expect(durationText('en', 80_000)).toBe('1 min 20 s');
  });
});

describe('RunProgress (a train() run)', () => {
  // 60000 images in batches of 128: 469 batches, the last one short (96)
  const make = (h: ReturnType<typeof harness>, lang: 'es' | 'en' = 'es', epochs = 1) =>
    new RunProgress({ lang, id: 'p', label: 'js', epochs, samples: 60000, batchSize: 128, post: h.post, now: h.clock });

  it('shows batches done of all, samples/s and an ETA in the cell language', () => {
    const h = harness();
    const p = make(h);
    expect(h.last()).toMatchObject({ id: 'p', label: 'Entrenando js', value: 0, max: 469, detail: 'preparando…' });
    h.at(1000);
    p.start();
    expect(h.last().detail).toBe('lote 0 de 469 · calculando…');
    // 120 batches (15,360 images) in 2.937 s: 5,230 images/s; 44,640 left: ~8.54 s → "~9 s"
    h.at(3937);
    p.batch(0, 119);
    expect(h.last()).toMatchObject({ value: 120, max: 469 });
    expect(h.last().detail).toBe('lote 120 de 469 · 5.230 muestras/s · quedan ~9 s');
  });

  it('writes numbers for English readers too', () => {
    const h = harness();
    const p = make(h, 'en');
    p.start();
    h.at(2937);
    p.batch(0, 119);
    expect(h.last().detail).toBe('batch 120 of 469 · 5,230 samples/s · ~9 s left');
  });

  it('posts at most every PROGRESS_MS, but always the last batch', () => {
    const h = harness();
    const p = make(h);
    p.start();
    const before = h.posted.length;
    for (let b = 0; b < 469; b++) {
      h.at(b * 10); // a batch every 10 ms: 4.69 s in all
      p.batch(0, b);
    }
    const updates = h.posted.slice(before);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(4690 / PROGRESS_MS) + 1);
    expect(updates.length).toBeGreaterThan(10);
    expect(updates[updates.length - 1].value).toBe(469);
    // the bar only moves forward
    for (let i = 1; i < updates.length; i++) expect(updates[i].value).toBeGreaterThanOrEqual(updates[i - 1].value);
  });

  it('counts every epoch: the bar spans epochs × batches and names the epoch', () => {
    const h = harness();
    const p = make(h, 'en', 3);
    p.start();
    h.at(5000);
    p.batch(1, 9);
    expect(h.last()).toMatchObject({ value: 479, max: 1407 });
    expect(h.last().detail).toMatch(/^epoch 2 of 3 · batch 10 of 469 · /);
  });

  it('ends at 100% with the training time (to the last batch) and its rate', () => {
    const h = harness();
    const p = make(h, 'en');
    p.start();
    h.at(4000);
    p.batch(0, 468);
    h.at(9000); // evaluation on the test set: not training time
    p.end('done');
    expect(h.last()).toMatchObject({ value: 469, max: 469, detail: 'done: 469 batches in 4 s · 15,000 samples/s' });
    // nothing moves after the end
    const n = h.posted.length;
    p.batch(0, 10);
    p.end('stopped');
    expect(h.posted.length).toBe(n);
  });

  it('says where Stop or an error ended it, and stays there', () => {
    const h = harness();
    const p = make(h, 'es', 2);
    p.start();
    h.at(1000);
    p.batch(1, 99);
    p.end('stopped');
    expect(h.last()).toMatchObject({ value: 569, max: 938, detail: 'época 2 de 2 · detenido en el lote 100 de 469' });
    const q = make(h, 'en');
    q.start();
    q.end('failed');
    expect(h.last()).toMatchObject({ value: 0, detail: 'ended by an error at batch 0 of 469' });
  });

  it('inside a sweep, says which run it is and moves the sweep', () => {
    const h = harness();
    const fractions: number[] = [];
    const p = new RunProgress({ lang: 'es', id: 'p', label: 'workers', epochs: 1, samples: 1000, batchSize: 100, post: h.post, now: h.clock, sweep: { index: 1, count: 8 }, onFraction: (f) => fractions.push(f) });
    expect(h.last().label).toBe('Entrenando workers · ejecución 2 de 8');
    p.start();
    h.at(200);
    p.batch(0, 4);
    h.at(400);
    p.batch(0, 9);
    expect(fractions).toEqual([0.5, 1]);
  });

  it('says it is warming up, untimed, before the timed run', () => {
    const h = harness();
    const p = make(h, 'en');
    p.warmingUp();
    expect(h.last()).toMatchObject({ value: 0, detail: 'warming up (not timed)…' });
  });
});

describe('SweepProgress', () => {
  it('says "run 2 of 8", estimates nothing before the first run ends, then the mean × runs left', () => {
    const h = harness();
    const s = new SweepProgress('es', 's', 8, h.post, h.clock);
    s.begin(0);
    expect(h.last()).toMatchObject({ label: 'Barrido', value: 0, max: 8, detail: 'ejecución 1 de 8 · calculando…' });
    h.at(3000);
    s.finish();
    s.begin(1);
    // one run took 3 s: 7 left, ~21 s
    expect(h.last()).toMatchObject({ value: 1, detail: 'ejecución 2 de 8 · quedan ~21 s' });
    expect(s.item).toEqual({ index: 1, count: 8 });
    // half-way through run 2, 1 s in: the bar is at 1.5, and 2 s of this run + 6 runs × 3 s are left
    h.at(4000);
    s.within(0.5);
    expect(h.last()).toMatchObject({ value: 1.5, detail: 'ejecución 2 de 8 · quedan ~20 s' });
  });

  it('moves at most every PROGRESS_MS within a run, and never back', () => {
    const h = harness();
    const s = new SweepProgress('en', 's', 2, h.post, h.clock);
    s.begin(0);
    const n = h.posted.length;
    h.at(10);
    s.within(0.2); // too soon after begin
    expect(h.posted.length).toBe(n);
    h.at(200);
    s.within(0.1); // a smaller fraction (a second train() in the same item) does not move the bar back
    expect(h.last().value).toBe(0.2);
  });

  it('ends full with the total time, or says which run Stop ended', () => {
    const h = harness();
    const s = new SweepProgress('en', 's', 3, h.post, h.clock);
    for (let i = 0; i < 3; i++) {
      s.begin(i);
      h.at((i + 1) * 2000);
      s.finish();
    }
    s.end('done');
    expect(h.last()).toMatchObject({ value: 3, max: 3, detail: '3 runs done in 6 s' });

    const k = new SweepProgress('es', 'k', 4, h.post, h.clock);
    k.begin(0);
    k.finish();
    k.begin(1);
    k.end('stopped');
    expect(h.last()).toMatchObject({ id: 'k', value: 1, detail: 'detenido en la ejecución 2 de 4' });
    k.within(0.9);
    expect(h.last().value).toBe(1);
  });
});
