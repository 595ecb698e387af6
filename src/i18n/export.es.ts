// Exportar a Python y C (issue 17): el botón bajo un entrenamiento y la comprobación de su salida.
import type { exportEn } from './export.en';

export const exportEs: Record<keyof typeof exportEn, string> = {
  export_button: 'Exportar a Python / C',
  export_hint: 'Un zip con este entrenamiento como programas de numpy, joblib, Dask, C + OpenMP y PyCUDA que reproducen sus números (semilla {seed}, lote {batchSize}, tasa de aprendizaje {learningRate}, {samples} imágenes), y un README con los comandos.',
  export_failed: 'La exportación falló: {message}',
  outputProblem_export: 'una exportación necesita "experiment": las opciones con las que entrenó (backend, batchSize, learningRate, epochs, samples, seed, hiddenSize, workers, threads) y, si quieres, sus resultados',
};
