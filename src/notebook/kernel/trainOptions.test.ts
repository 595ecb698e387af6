// Hostile input (issue 11): every training option out of range is refused by train() before any work
// (no download, no backend), with the allowed range, in the student's language.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionError } from '../../backends/options';
import { makeApi } from './api';
import { localizeError } from './localize';
import type { Knobs, Output } from './protocol';

const knobs: Knobs = { backend: 'js', batchSize: 32, epochs: 1, learningRate: 0.1, samples: 60000, workers: 2, threads: 2, simd: true, mode: 'resident', repeats: 1 };
let work: string[] = [];

beforeEach(() => {
  work = [];
  // any download is work: the test fails if an invalid option gets that far
  vi.stubGlobal('fetch', async (u: string) => { work.push(String(u)); throw new Error('work started'); });
});
afterEach(() => { vi.unstubAllGlobals(); });

async function refusal(opts: Record<string, unknown>, cellKnobs: Partial<Knobs> = {}): Promise<OptionError> {
  const outputs: Output[] = [];
  const api = makeApi({ lang: 'es', knobs: { ...knobs, ...cellKnobs } as Knobs, signal: new AbortController().signal, post: (o) => outputs.push(o) });
  const e = await api.train(opts as never).then(() => null, (err: unknown) => err);
  expect(e, JSON.stringify(opts)).toBeInstanceOf(OptionError);
  expect(work, 'nothing was downloaded').toEqual([]);
  expect(outputs, 'nothing was shown').toEqual([]);
  return e as OptionError;
}

const cases: { opts: Record<string, unknown>; en: string; es: string }[] = [
  { opts: { batchSize: 0 }, en: 'batchSize must be an integer between 1 and 60000, got 0', es: 'batchSize debe ser un entero entre 1 y 60000; se recibió 0' },
  { opts: { batchSize: -1 }, en: 'batchSize must be an integer between 1 and 60000, got -1', es: 'se recibió -1' },
  { opts: { batchSize: 1e9 }, en: 'batchSize must be an integer between 1 and 60000, got 1000000000', es: 'se recibió 1000000000' },
  { opts: { batchSize: 2.5 }, en: 'batchSize must be an integer between 1 and 60000, got 2.5', es: 'se recibió 2.5' },
  { opts: { learningRate: NaN }, en: 'learningRate must be a finite number in (0, 10], got NaN', es: 'learningRate debe ser un número finito en (0, 10]; se recibió NaN' },
  { opts: { learningRate: Infinity }, en: 'learningRate must be a finite number in (0, 10], got Infinity', es: 'se recibió Infinity' },
  { opts: { learningRate: -Infinity }, en: 'got -Infinity', es: 'se recibió -Infinity' },
  { opts: { learningRate: 0 }, en: 'learningRate must be a finite number in (0, 10], got 0', es: 'se recibió 0' },
  { opts: { learningRate: '0.1' }, en: 'learningRate must be a finite number in (0, 10], got "0.1"', es: 'se recibió "0.1"' },
  { opts: { epochs: 0 }, en: 'epochs must be an integer between 1 and 100, got 0', es: 'epochs debe ser un entero entre 1 y 100; se recibió 0' },
  { opts: { hidden: 1e7 }, en: 'hidden must be an integer between 16 and 1024, got 10000000', es: 'hidden debe ser un entero entre 16 y 1024; se recibió 10000000' },
  { opts: { samples: 0 }, en: 'samples must be an integer between 1 and 60000, got 0', es: 'samples debe ser un entero entre 1 y 60000; se recibió 0' },
  { opts: { seed: -1 }, en: 'seed must be an integer between 0 and 4294967295, got -1', es: 'se recibió -1' },
  { opts: { backend: 'evil' }, en: 'backend must be one of js, workers, wasm, webgpu, got "evil"', es: 'se recibió "evil"' },
  // a backend's option is checked whichever backend trains: a bad value is never silently ignored
  { opts: { workers: 0 }, en: 'invalid options for the workers backend: workers must be an integer between 1 and 16, got 0', es: 'opciones no válidas para el backend workers: workers debe ser un entero entre 1 y 16; se recibió 0' },
  { opts: { backend: 'workers', workers: 64 }, en: 'workers must be an integer between 1 and 16, got 64', es: 'se recibió 64' },
  { opts: { threads: 0 }, en: 'invalid options for the wasm backend: threads must be an integer between 1 and 8, got 0', es: 'threads debe ser un entero entre 1 y 8; se recibió 0' },
  { opts: { backend: 'wasm', threads: 1000 }, en: 'threads must be an integer between 1 and 8, got 1000', es: 'se recibió 1000' },
  { opts: { mode: 'evil' }, en: 'invalid options for the webgpu backend: mode must be one of resident, naive, got "evil"', es: 'opciones no válidas para el backend webgpu: mode debe ser uno de resident, naive; se recibió "evil"' },
  { opts: { backend: 'webgpu', mode: 'evil' }, en: 'mode must be one of resident, naive, got "evil"', es: 'se recibió "evil"' },
  { opts: { simd: 'yes' }, en: 'simd must be true or false, got "yes"', es: 'se recibió "yes"' },
  { opts: { readbackEvery: -5 }, en: 'readbackEvery must be an integer between 0 and 60000, got -5', es: 'se recibió -5' },
];

describe('train() refuses every option out of range before any work, naming the range (es/en)', () => {
  for (const c of cases) {
    it(JSON.stringify(c.opts, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)), async () => {
      const e = await refusal(c.opts);
      expect(e.message).toContain(c.en);
      expect(localizeError(e, 'es')).toContain(c.es);
    });
  }

  it('names every bad option of one call at once', async () => {
    const e = await refusal({ batchSize: 0, learningRate: NaN, epochs: 0 });
    expect(e.message).toBe('invalid training configuration: batchSize must be an integer between 1 and 60000, got 0; epochs must be an integer between 1 and 100, got 0; learningRate must be a finite number in (0, 10], got NaN');
  });

  it('a bad knob of the cell is refused the same way (the option in the call wins over it)', async () => {
    const e = await refusal({}, { batchSize: 0 });
    expect(e.message).toContain('batchSize must be an integer between 1 and 60000, got 0');
    await refusal({ batchSize: 0 }, { batchSize: 64 });
  });
});
