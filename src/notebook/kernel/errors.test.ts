// Issue 16 §7: the errors a student commonly meets reach the cell in the notebook's language.
import { expect, it } from 'vitest';
import { resolveOptions } from '../../backends/options';
import { TRAIN_OPTIONS } from '../../train/config';
import { gridConfigs, randomConfigs, validationSplit } from '../../tasks/search/sampling';
import { isMessageError, messageError } from '../../i18n/messageError';
import { errorsEn } from '../../i18n/errors.en';
import { errorsEs } from '../../i18n/errors.es';
import { localizeError } from './localize';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

it('an unknown backend given to train() is refused in Spanish, naming the backends', () => {
  const e = thrown(() => resolveOptions('training', TRAIN_OPTIONS, { backend: 'cuda' }));
  const es = localizeError(e, 'es')!;
  expect(es).toMatch(/^configuración de entrenamiento no válida: backend/);
  for (const b of ['js', 'workers', 'wasm', 'webgpu']) expect(es).toContain(b);
  expect(localizeError(e, 'en')).toMatch(/^invalid training configuration: backend/);
});

it('a bad search space is refused in the notebook language', () => {
  const unknown = thrown(() => gridConfigs({ momentum: [0.9] } as never));
  expect(isMessageError(unknown)).toBe(true);
  expect(isMessageError(new Error('x'))).toBe(false);
  expect(localizeError(unknown, 'es')).toBe('hiperparámetro desconocido "momentum" (los que hay: learningRate, batchSize, hidden)');
  expect(localizeError(unknown, 'en')).toBe('unknown hyperparameter "momentum" (known: learningRate, batchSize, hidden)');
  expect(localizeError(thrown(() => gridConfigs({ batchSize: [] })), 'es')).toBe('grid.batchSize tiene que ser una lista de números no vacía');
  expect(localizeError(thrown(() => randomConfigs({ learningRate: { min: 0, max: 1, log: true } }, 4, 1)), 'es')).toBe('random.learningRate necesita min ≤ max (y min > 0 con log: true)');
  expect(localizeError(thrown(() => validationSplit(100, 1.5, 1)), 'es')).toBe('validation tiene que ser una fracción entre 0 y 1; recibido: 1.5');
});

it('keeps the English text as the message (logs, tests) and the error kind as its name', () => {
  const e = messageError('err_chunksSize', { got: '0' }, RangeError);
  expect(e).toBeInstanceOf(RangeError);
  expect(e.message).toBe('chunks: size must be a whole number ≥ 1 (got 0)');
  expect(e.name).toBe('RangeError');
  expect(localizeError(e, 'es')).toBe('chunks: size tiene que ser un número entero ≥ 1 (recibido: 0)');
});

it('every error message has both languages with the same placeholders', () => {
  for (const k of Object.keys(errorsEn) as (keyof typeof errorsEn)[]) {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(errorsEs[k], k).toBeTruthy();
    expect(errorsEs[k], k).not.toBe(errorsEn[k]);
    expect(holes(errorsEs[k]), k).toEqual(holes(errorsEn[k]));
  }
});
