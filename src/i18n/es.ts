import { presentEs } from './present.es';
import { keyboardEs } from './keyboard.es';
import { backendEs } from './backend.es';
import { dataEs } from './data.es';
import { storageEs } from './storage.es';
import { kernelEs } from './kernel.es';
import { outputsEs } from './outputs.es';
import { pageEs } from './page.es';
import { tasksEs } from './tasks.es';
import { arraysEs } from './arrays.es';
import { referenceEs } from './reference.es';
import { kmeansEs } from './kmeans.es';
import { runStreamEs } from './runStream.es';
import { modelsEs } from './models.es';
import { restoreEs } from './restore.es';
import { designEs } from './design.es';
import { chartsEs } from './charts.es';
import { offlineEs } from './offline.es';
import { raceEs } from './race.es';
import { searchEs } from './search.es';
import { exportEs } from './export.es';
import { digitsEs } from './digits.es';
import { knobsEs } from './knobs.es';
import { measureEs } from './measure.es';
import { weightsEs } from './weights.es';
import { confusionEs } from './confusion.es';
import { rosettaEs } from './rosetta.es';
import { errorsEs } from './errors.es';
import { glossaryEs } from './glossary.es';
import { frameworksEs } from './frameworks.es';
import type { en } from './en';

export const es: Record<keyof typeof en, string> = {
  ...keyboardEs,
  ...presentEs,
  ...backendEs,
  ...dataEs,
  ...storageEs,
  ...kernelEs,
  ...outputsEs,
  ...pageEs,
  ...tasksEs,
  ...arraysEs,
  ...referenceEs,
  ...kmeansEs,
  ...runStreamEs,
  ...modelsEs,
  ...restoreEs,
  ...designEs,
  ...chartsEs,
  ...offlineEs,
  ...raceEs,
  ...searchEs,
  ...exportEs,
  ...digitsEs,
  ...knobsEs,
  ...measureEs,
  ...weightsEs,
  ...confusionEs,
  ...rosettaEs,
  ...errorsEs,
  ...glossaryEs,
  ...frameworksEs,
  appTitle: 'Paralelo',
  appTagline: 'Computación paralela para redes neuronales, en tu navegador',
  language: 'Idioma',
  loadingMnist: 'Cargando MNIST',
  mnistFromCache: 'MNIST (desde la caché local)',
  mnistLoaded: 'MNIST cargado: {train} imágenes de entrenamiento y {test} de prueba',
  train: 'Entrenar',
  stop: 'Detener',
  stopping: 'Deteniendo…',
  backend: 'Backend',
  batchSize: 'Tamaño de lote',
  epochs: 'Épocas',
  learningRate: 'Tasa de aprendizaje',
  workers: 'Workers',
  threads: 'Hilos',
  simd: 'SIMD',
  samples: 'Imágenes',
  repeats: 'Repeticiones',
  mode: 'Modo',
  epoch: 'Época',
  loss: 'Pérdida',
  step: 'Paso',
  lossChartTitle: 'Pérdida de entrenamiento',
  epochTime: 'Época {epoch}: {ms} ms, {sps} muestras/s, pérdida {loss}',
  testAccuracy: 'Exactitud en prueba: {acc} %',
  nearChance: 'Aviso: la exactitud en prueba, {acc} %, está cerca del azar (10 % con 10 clases), así que la red no aprendió. Una tasa de aprendizaje menor suele ayudar (esta ejecución usó {lr}).',
  predictionsTitle: 'Predicciones sobre dígitos de prueba (errores marcados)',
  digitsTitle: 'Dígitos de entrenamiento con su etiqueta',
  label: 'etiqueta',
  predicted: 'predicción',
  wrong: 'error',
  stopped: 'Detenido.',
  interrupted: 'Interrumpido: se reinició el kernel.',
  errorAtLine: '{name} en la línea {line}: {message}',
  error: 'Error',
  msPerEpoch: 'ms / época',
  speedupTitle: 'Aceleración respecto a {label} = 1',
  speedup: 'aceleración',
  ideal: 'ideal',
  amdahl: 'ajuste de Amdahl',
  amdahlNote: 'Ajuste de Amdahl: fracción serie {f} %',
  amdahlCores: '(ajustado con {label} ≤ {cores}, los núcleos de esta máquina: más que eso solo se turnan en los mismos núcleos)',
  throughputTitle: 'Rendimiento frente al tamaño de lote',
  samplesPerSec: 'muestras / s',
  taskStreamTitle: 'Flujo de tareas (primeros lotes de la época {epoch})',
  taskKindGradient: 'gradiente',
  taskKindReduceUpdate: 'reducción + actualización',
  taskKindRowsUpdate: 'filas + actualización',
  taskKindUnitsForward: 'sus unidades, hacia delante',
  taskKindLoss: 'pérdida',
  taskKindUnitsBackward: 'sus unidades, hacia atrás + actualización',
  worker: 'worker',
  time: 'tiempo (ms)',
  labelHistogram: 'Etiquetas de entrenamiento por clase',
  count: 'cantidad',
  digit: 'dígito',
  unavailable: 'no disponible',
  showData: 'Tabla de datos',
  hideData: 'Ocultar tabla',
  copyCsv: 'Copiar CSV',
  copied: 'Copiado',
  cellLabel: 'Celda de código {n}',
  executionCount: 'número de ejecución',
  run: 'Ejecutar',
  runFromHere: 'Ejecutar desde aquí',
  edited: 'editada',
  resetCell: 'Restaurar celda',
  running: 'ejecutando…',
  queued: 'en cola',
  result_error: 'error',
  result_stopped: 'detenida',
  result_interrupted: 'interrumpida',
  result_ok: 'ok',
  runAll: 'Ejecutar todo',
  restartKernel: 'Reiniciar kernel',
  clearOutputs: 'Borrar salidas',
  resetLesson: 'Restaurar lección',
  exportIpynb: 'Exportar .ipynb',
  importIpynb: 'Importar .ipynb',
  lessons: 'Lecciones',
  progress: '{done}/{total} celdas ejecutadas',
  editedCells: '{n} editadas',
  importedTitle: 'Importado: {title}',
  importError: 'No se pudo importar: {message}',
  resetLessonConfirm: '¿Restaurar todas las celdas de esta lección a su código original?',
  kernelRestarted: 'Kernel reiniciado: las variables de celdas anteriores ya no existen.',
  skipToContent: 'Saltar a la lección',
  notFound: 'Lección no encontrada.',
  cfgInvalid: 'configuración de entrenamiento no válida: {list}',
  optInvalid: 'opciones no válidas para el backend {backend}: {list}',
  opt_int: '{key} debe ser un entero entre {min} y {max}; se recibió {got}',
  opt_number: '{key} debe ser un número finito en [{min}, {max}]; se recibió {got}',
  opt_numberOpen: '{key} debe ser un número finito en ({min}, {max}]; se recibió {got}',
  opt_bool: '{key} debe ser true o false; se recibió {got}',
  opt_enum: '{key} debe ser uno de {values}; se recibió {got}',
  renderError: 'Esta parte no se pudo mostrar: {message}',
};
