import { expect, it } from 'vitest';
import { BackendError, msg } from '../../backends/messages';
import { WorkerFaultError } from '../../backends/workers/pool';
import { ConfigError, configProblems } from '../../train/config';
import { localizeError } from './localize';

it('translates hyperparameter errors into Spanish and English', () => {
  const e = new ConfigError(configProblems({ batchSize: 0, learningRate: NaN }));
  expect(localizeError(e, 'es')).toBe('configuración de entrenamiento no válida: el tamaño de lote debe ser un entero entre 1 y 60000; se recibió 0; la tasa de aprendizaje debe ser un número finito en (0, 10]; se recibió NaN');
  expect(localizeError(e, 'en')).toBe(e.message);
  expect(localizeError(new Error('x'), 'es')).toBeNull();
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
