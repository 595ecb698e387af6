// Errores que un estudiante puede encontrarse en la API de las celdas (issue 16 §7).
import type { errorsEn } from './errors.en';

export const errorsEs: Record<keyof typeof errorsEn, string> = {
  err_unknownHyper: 'hiperparámetro desconocido "{k}" (los que hay: {known})',
  err_gridList: 'grid.{k} tiene que ser una lista de números no vacía',
  err_gridNumber: 'grid.{k} solo puede tener números; tiene {got}',
  err_trials: 'trials tiene que ser un número entero ≥ 1; recibido: {got}',
  err_randomList: 'random.{k} tiene que ser una lista no vacía o { min, max }',
  err_randomRange: 'random.{k} necesita min ≤ max (y min > 0 con log: true)',
  err_validation: 'validation tiene que ser una fracción entre 0 y 1; recibido: {got}',
  err_validationEmpty: 'validation {validation} de {samples} imágenes deja sin imágenes una de las dos partes',
  err_evaluateBackend: 'evaluate(): backend tiene que ser uno de {names}; recibido: {got}',
  err_weightsNeedsRun: 'show.weights necesita una ejecución entrenada: parámetros con {n} números para {hidden} unidades ocultas',
  err_drawMax: 'show.draw: como mucho {max} lienzos de dibujo por celda',
  err_drawNeedsRun: 'show.draw necesita una ejecución devuelta por train() (o nada, para el último modelo)',
  err_chunksSize: 'chunks: size tiene que ser un número entero ≥ 1 (recibido: {got})',
  err_raceNoThreads: 'wasm.raceDemo necesita hilos, y los hilos necesitan SharedArrayBuffer: esta página no está aislada entre orígenes (cabeceras COOP/COEP)',
  err_raceIterations: 'wasm.raceDemo: iterations tiene que ser un número entero ≥ 1 con threads × iterations ≤ {max}; recibido: {got}',
  err_ompNoThreads: 'omp.{fn} necesita hilos, y los hilos necesitan SharedArrayBuffer: esta página no está aislada entre orígenes (cabeceras COOP/COEP)',
  err_ompWhole: 'omp.{fn}: {name} tiene que ser un número entero de {min} a {max}; recibido: {got}',
  err_ompChoice: 'omp.{fn}: {name} tiene que ser uno de {allowed}; recibido: {got}',
  err_noKernel: 'webgpu: no hay ningún kernel llamado "{name}"; los kernels son {names}',
  err_setKernelSource: 'webgpu.setKernel("{name}") necesita el código WGSL como texto',
};
