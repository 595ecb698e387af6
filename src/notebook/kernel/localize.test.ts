import { expect, it } from 'vitest';
import { ConfigError, configProblems } from '../../train/config';
import { localizeError } from './localize';

it('translates hyperparameter errors into Spanish and English', () => {
  const e = new ConfigError(configProblems({ batchSize: 0, learningRate: NaN }));
  expect(localizeError(e, 'es')).toBe('configuración de entrenamiento no válida: el tamaño de lote debe ser un entero entre 1 y 60000; se recibió 0; la tasa de aprendizaje debe ser un número finito en (0, 10]; se recibió NaN');
  expect(localizeError(e, 'en')).toBe(e.message);
  expect(localizeError(new Error('x'), 'es')).toBeNull();
});

it('translates the backends\' errors, never a cell\'s own', () => {
  const fault = new Error('workers backend: worker 1 failed during batch 3: boom. The run stopped; the model keeps the parameters of the last completed batch (3 applied this epoch); the pool is rebuilt on the next run.');
  expect(localizeError(fault, 'es')).toBe('backend workers: el worker 1 falló durante el lote 3: boom. La ejecución se detuvo; el modelo conserva los parámetros del último lote completado (3 aplicados en esta época); el pool se reconstruye en la siguiente ejecución.');
  expect(localizeError(new Error('backend "webgpu" is not supported here: WebGPU needs a secure context (https or localhost)'), 'es'))
    .toBe('el backend "webgpu" no funciona aquí: WebGPU necesita un contexto seguro (https o localhost)');
  expect(localizeError(new Error('other'), 'es')).toBeNull();
  expect(localizeError(fault, 'en')).toBeNull();
});
