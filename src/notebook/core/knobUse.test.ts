import { describe, expect, it } from 'vitest';
import { lessons, loadLessons } from '../../lessons';
import type { Knobs } from '../kernel/protocol';
import { defaultKnobs } from './knobs';
import { shownKnobs, staticKnobUse } from './knobUse';
import { trainUse } from './trainUse';

await Promise.all([loadLessons('es'), loadLessons('en')]);

const knobs: Knobs = { ...defaultKnobs(), backend: 'js' };
const shown = (src: string, k = knobs) => Object.fromEntries(shownKnobs(src, k, null).map(({ key, role }) => [key, role]));

describe('which knobs a cell reads, before it runs', () => {
  it('a cell that trains nothing shows no knobs, unless it reads one itself', () => {
    expect(shownKnobs('const data = await mnist();\ndata', knobs, null)).toEqual([]);
    expect(shownKnobs('show.text(knobs.epochs)', knobs, null)).toEqual([{ key: 'epochs', role: { kind: 'knob' } }]);
    expect(staticKnobUse('show.histogram(await labelCounts())').trains).toBe(false);
  });

  it('train() with no options reads every run knob and the chosen backend\'s', () => {
    expect(Object.keys(shown('await train()'))).toEqual(['backend', 'batchSize', 'epochs', 'learningRate', 'samples', 'repeats']);
    expect(Object.keys(shown('await train()', { ...knobs, backend: 'wasm' }))).toEqual(['backend', 'batchSize', 'epochs', 'learningRate', 'samples', 'repeats', 'threads', 'simd']);
  });

  it('wasm\'s threads knob is hidden while simd is off (the scalar build is single-thread)', () => {
    const wasm: Knobs = { ...knobs, backend: 'wasm' };
    expect(shown('await train()', { ...wasm, simd: false })).not.toHaveProperty('threads');
    expect(shown("await train({ simd: false })", wasm)).not.toHaveProperty('threads');
    expect(shown("await train({ simd: false, threads: 1 })", wasm).threads).toEqual({ kind: 'fixed', values: [1] }); // what the code says, shown
  });

  it('a literal in the call is fixed with its value; knobs.X is the knob; another expression is the code\'s', () => {
    const r = shown("for (const n of [1, 2]) await train({ backend: 'workers', workers: n, batchSize: 512, epochs: knobs.epochs })");
    expect(r.backend).toEqual({ kind: 'fixed', values: ['workers'] });
    expect(r.batchSize).toEqual({ kind: 'fixed', values: [512] });
    expect(r.epochs).toEqual({ kind: 'knob' });
    expect(r.samples).toEqual({ kind: 'knob' });
    expect(r.workers).toEqual({ kind: 'code' });
    // the workers backend is fixed: wasm's and webgpu's knobs are not shown even if the Backend knob says wasm
    expect(shown("await train({ backend: 'workers' })", { ...knobs, backend: 'wasm' })).not.toHaveProperty('threads');
  });

  it('fixed values of several calls add up; a knob any call reads stays a knob', () => {
    const r = shown("await train({ backend: 'webgpu', mode: 'resident' });\nawait train({ backend: 'webgpu', mode: 'naive', epochs: 2 })");
    expect(r.mode).toEqual({ kind: 'fixed', values: ['resident', 'naive'] });
    expect(r.epochs).toEqual({ kind: 'knob' });
  });

  it('a backend chosen by the code shows every backend\'s knobs', () => {
    const r = shown('for (const b of names) await train({ backend: b })');
    expect(r.backend).toEqual({ kind: 'code' });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['workers', 'threads', 'simd', 'mode']));
  });

  it('options it cannot read (a variable, a spread) count as knobs; knobs passed whole reads them all', () => {
    expect(shown('const o = { epochs: 2 }; await train(o)').epochs).toEqual({ kind: 'knob' });
    expect(shown('await train({ ...knobs, epochs: 2 })').epochs).toEqual({ kind: 'fixed', values: [2] });
    expect(Object.keys(shown('show.text(JSON.stringify(knobs))'))).toContain('mode');
    expect(Object.keys(shown('await train({ epochs: ')).length).toBeGreaterThan(5); // mid-edit: nothing hidden
  });

  it('what the last run reported fixes a knob the static pass took for one', () => {
    const src = 'const o = { epochs: 3 }; await train(o)';
    const used = [trainUse({ epochs: 3 }, { ...knobs, epochs: 3, samples: 100 }, 'js')];
    const r = Object.fromEntries(shownKnobs(src, knobs, used).map(({ key, role }) => [key, role]));
    expect(r.epochs).toEqual({ kind: 'fixed', values: [3] });
    expect(r.batchSize).toEqual({ kind: 'knob' });
  });
});

describe('what a train() call reports', () => {
  it('every option it read, and the ones its code gave; another backend\'s options are left out', () => {
    const u = trainUse({ backend: 'wasm', threads: 2 }, { ...knobs, backend: 'wasm', threads: 2, samples: 500, workers: 4 }, 'wasm');
    expect(u.options).toMatchObject({ backend: 'wasm', threads: 2, simd: true, samples: 500 });
    expect(u.options).not.toHaveProperty('workers');
    expect(u.fromCode).toEqual(['backend', 'threads']);
  });
});

describe('the lessons\' cells', () => {
  const all = (lang: 'es' | 'en') => lessons(lang).flatMap((l) => l.cells.filter((c) => c.kind === 'code').map((c) => ({ lesson: l.key, c })));

  it('set in their header only knobs their run reads from the toolbar', () => {
    for (const lang of ['es', 'en'] as const) {
      for (const { lesson, c } of all(lang)) {
        const use = staticKnobUse(c.source);
        for (const key of Object.keys(c.options)) expect(use.roles[key as keyof typeof use.roles], `${lang} ${lesson} cell ${c.index}: ${key}`).toEqual({ kind: 'knob' });
      }
    }
  });

  it('are the same code in both languages: the same knobs, read the same way', () => {
    const es = all('es'), en = all('en');
    expect(es.length).toBe(en.length);
    es.forEach(({ lesson, c }, i) => {
      expect(en[i].c.options, `${lesson} cell ${c.index}`).toEqual(c.options);
      expect(staticKnobUse(en[i].c.source).roles, `${lesson} cell ${c.index}`).toEqual(staticKnobUse(c.source).roles);
    });
  });

  it('a lesson that trains keeps a timing cell\'s repeats as a knob defaulting to 3', () => {
    const timing = all('es').filter(({ c }) => /show\.(timings|speedup|breakdown|throughput)\(/.test(c.source) && staticKnobUse(c.source).trains);
    expect(timing.length).toBeGreaterThan(4);
    for (const { lesson, c } of timing) {
      expect(c.options.repeats, `${lesson} cell ${c.index}`).toBe(3);
      expect(c.source, `${lesson} cell ${c.index}`).toContain('repeats: knobs.repeats');
    }
  });
});
