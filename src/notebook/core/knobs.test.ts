import { describe, expect, it } from 'vitest';
import { BACKEND_OPTIONS, isValidOption, optionDefault } from '../../backends/options';
import { lessons, loadLessons } from '../../lessons';
import { TRAIN_OPTIONS } from '../../train/config';
import { defaultKnobs, KNOBS, knobsFromOptions } from './knobs';

await Promise.all([loadLessons('es'), loadLessons('en')]);

describe('a cell\'s knobs', () => {
  it('come from options with one key each: no backend option shadows another or a training option', () => {
    const keys = [Object.keys(TRAIN_OPTIONS), ...Object.values(BACKEND_OPTIONS).map((o) => Object.keys(o))].flat();
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are the options declared as knobs, in toolbar order, each with the backend that reads it', () => {
    expect(KNOBS.map((k) => [k.key, k.backend])).toEqual([
      ['backend', null], ['batchSize', null], ['epochs', null], ['learningRate', null], ['samples', null], ['repeats', null],
      ['workers', 'workers'], ['threads', 'wasm'], ['simd', 'wasm'], ['mode', 'webgpu'],
    ]);
  });

  it('default to the declared defaults', () => {
    const k = defaultKnobs();
    for (const { key, spec } of KNOBS) expect(k[key], key).toBe(optionDefault(spec));
    expect(k.batchSize).toBe(TRAIN_OPTIONS.batchSize.default);
  });

  it('take a lesson cell\'s valid options and ignore invalid or unknown ones', () => {
    const k = knobsFromOptions({ backend: 'wasm', threads: 2, simd: false, mode: 'naive', batchSize: 0, epochs: 3, colour: 'red' });
    expect(k).toMatchObject({ backend: 'wasm', threads: 2, simd: false, mode: 'naive', batchSize: TRAIN_OPTIONS.batchSize.default, epochs: 3 });
    expect(k).not.toHaveProperty('colour');
    expect(knobsFromOptions({ backend: 'cuda' }).backend).toBe('js');
  });

  it('are valid wherever a lesson sets them', () => {
    for (const lang of ['es', 'en'] as const) {
      for (const cell of lessons(lang).flatMap((l) => l.cells)) {
        for (const { key, spec } of KNOBS) {
          if (key in cell.options) expect(isValidOption(spec, cell.options[key]), `${lang} ${key}=${String(cell.options[key])}`).toBe(true);
        }
      }
    }
  });
});
