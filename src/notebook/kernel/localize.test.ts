import { expect, it } from 'vitest';
import { ConfigError, configProblems } from '../../train/config';
import { localizeError } from './localize';

it('translates hyperparameter errors into Spanish and English', () => {
  const e = new ConfigError(configProblems({ batchSize: 0, learningRate: NaN }));
  expect(localizeError(e, 'es')).toBe('configuración de entrenamiento no válida: el tamaño de lote debe ser un entero entre 1 y 60000; se recibió 0; la tasa de aprendizaje debe ser un número finito en (0, 10]; se recibió NaN');
  expect(localizeError(e, 'en')).toBe(e.message);
  expect(localizeError(new Error('x'), 'es')).toBeNull();
});
