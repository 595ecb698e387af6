import { expect, it } from 'vitest';
import { BackendError, msg } from '../../backends/messages';
import { resolvePoolSize, WorkerFaultError } from '../../backends/workers/pool';
import { resolveConfig } from '../../train/config';
import { RefusedError } from './guard';
import { localizeError } from './localize';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

it('translates hyperparameter errors into Spanish and English, naming the range', () => {
  const e = thrown(() => resolveConfig({ batchSize: 0, learningRate: NaN }));
  expect(localizeError(e, 'es')).toBe('configuración de entrenamiento no válida: batchSize debe ser un entero entre 1 y 60000; se recibió 0; learningRate debe ser un número finito en (0, 10]; se recibió NaN');
  expect(localizeError(e, 'en')).toBe((e as Error).message);
  expect((e as Error).message).toBe('invalid training configuration: batchSize must be an integer between 1 and 60000, got 0; learningRate must be a finite number in (0, 10], got NaN');
  expect(localizeError(new Error('x'), 'es')).toBeNull();
});

it('translates an out-of-range backend option, naming the range', () => {
  const e = thrown(() => resolvePoolSize(99));
  expect((e as Error).message).toBe('invalid options for the workers backend: workers must be an integer between 1 and 16, got 99');
  expect(localizeError(e, 'es')).toBe('opciones no válidas para el backend workers: workers debe ser un entero entre 1 y 16; se recibió 99');
});

it('translates the backends\' errors by their code, never a cell\'s own', () => {
  const fault = new WorkerFaultError(1, 3, 3, 'boom');
  expect(localizeError(fault, 'en')).toBe(fault.message);
  expect(localizeError(fault, 'es')).toBe('backend workers: el worker 1 falló durante el lote 3: boom. La ejecución se detuvo; el modelo conserva los parámetros del último lote completado (3 aplicados en esta época); el pool se reconstruye en la siguiente ejecución.');
  const unsupported = new BackendError('webgpu', 'error_unsupported', { backend: 'webgpu', reason: msg('unsupported_insecure') });
  expect(localizeError(unsupported, 'es')).toBe('el backend "webgpu" no funciona aquí: WebGPU necesita un contexto seguro (https o localhost)');
  // a cell that throws the very same English words is not translated: only the error's code counts
  expect(localizeError(new Error(fault.message), 'es')).toBeNull();
  expect(localizeError(new Error('other'), 'es')).toBeNull();
});

it('says what the engine\'s own limits mean (memory, recursion), and what the kernel refused', () => {
  const alloc = thrown(() => new Float64Array(2 ** 40)); // (2 ** 31 is refused by Chromium, not always by Node)
  expect(localizeError(alloc, 'es')).toMatch(/^la celda pidió más memoria de la que permite el navegador \(.+\); el kernel sigue funcionando$/);
  expect(localizeError(new RangeError('Invalid array length'), 'en')).toMatch(/^the cell asked for more memory than the browser allows/);
  const f = (n: number): number => f(n + 1) + 1;
  const deep = thrown(() => f(0));
  expect(localizeError(deep, 'en')).toBe(`the calls went too deep: a function that calls itself without end? (${(deep as Error).message}); the kernel is still running`);
  expect(localizeError(new RangeError('toFixed() digits argument must be between 0 and 100'), 'es')).toBeNull(); // a cell's own RangeError stays as written
  expect(localizeError(new RefusedError('kernelRefusedApi', { name: 'importScripts' }), 'es')).toBe('las celdas no pueden usar importScripts');
});
