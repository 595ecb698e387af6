import { presentEn } from './present.en';
import { keyboardEn } from './keyboard.en';
import { backendEn } from './backend.en';
import { dataEn } from './data.en';
import { storageEn } from './storage.en';
import { kernelEn } from './kernel.en';
import { outputsEn } from './outputs.en';
import { pageEn } from './page.en';
import { tasksEn } from './tasks.en';
import { arraysEn } from './arrays.en';
import { referenceEn } from './reference.en';
import { kmeansEn } from './kmeans.en';
import { runStreamEn } from './runStream.en';
import { modelsEn } from './models.en';
import { restoreEn } from './restore.en';
import { designEn } from './design.en';
import { chartsEn } from './charts.en';
import { offlineEn } from './offline.en';
import { raceEn } from './race.en';
import { searchEn } from './search.en';
import { exportEn } from './export.en';
import { digitsEn } from './digits.en';
import { knobsEn } from './knobs.en';
import { measureEn } from './measure.en';
import { weightsEn } from './weights.en';
import { confusionEn } from './confusion.en';
import { rosettaEn } from './rosetta.en';
import { errorsEn } from './errors.en';
import { glossaryEn } from './glossary.en';
import { frameworksEn } from './frameworks.en';

export const en = {
  ...keyboardEn,
  ...presentEn,
  ...backendEn,
  ...dataEn,
  ...storageEn,
  ...kernelEn,
  ...outputsEn,
  ...pageEn,
  ...tasksEn,
  ...arraysEn,
  ...referenceEn,
  ...kmeansEn,
  ...runStreamEn,
  ...modelsEn,
  ...restoreEn,
  ...designEn,
  ...chartsEn,
  ...offlineEn,
  ...raceEn,
  ...searchEn,
  ...exportEn,
  ...digitsEn,
  ...knobsEn,
  ...measureEn,
  ...weightsEn,
  ...confusionEn,
  ...rosettaEn,
  ...errorsEn,
  ...glossaryEn,
  ...frameworksEn,
  appTitle: 'Paralelo',
  appTagline: 'Parallel computing for neural networks, in your browser',
  language: 'Language',
  loadingMnist: 'Loading MNIST',
  mnistFromCache: 'MNIST (from the local cache)',
  mnistLoaded: 'MNIST loaded: {train} training and {test} test images',
  train: 'Train',
  stop: 'Stop',
  stopping: 'Stopping…',
  backend: 'Backend',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  learningRate: 'Learning rate',
  workers: 'Workers',
  threads: 'Threads',
  simd: 'SIMD',
  samples: 'Images',
  repeats: 'Repeats',
  mode: 'Mode',
  epoch: 'Epoch',
  loss: 'Loss',
  step: 'Step',
  lossChartTitle: 'Training loss',
  epochTime: 'Epoch {epoch}: {ms} ms, {sps} samples/s, loss {loss}',
  testAccuracy: 'Test accuracy: {acc}%',
  nearChance: 'Warning: test accuracy {acc}% is close to chance (10% for 10 classes), so the network did not learn. A smaller learning rate often helps (this run used {lr}).',
  predictionsTitle: 'Predictions on test digits (wrong ones marked)',
  digitsTitle: 'Training digits with their labels',
  label: 'label',
  predicted: 'predicted',
  wrong: 'wrong',
  stopped: 'Stopped.',
  interrupted: 'Interrupted: the kernel was restarted.',
  errorAtLine: '{name} at line {line}: {message}',
  error: 'Error',
  msPerEpoch: 'ms / epoch',
  speedupTitle: 'Speedup over {label} = 1',
  speedup: 'speedup',
  ideal: 'ideal',
  amdahl: 'Amdahl fit',
  amdahlNote: 'Amdahl fit: serial fraction {f}%',
  amdahlCores: '(fitted on {label} ≤ {cores}, the cores of this machine: more than that only take turns on the same cores)',
  throughputTitle: 'Throughput vs batch size',
  samplesPerSec: 'samples / s',
  taskStreamTitle: 'Task stream (first batches of epoch {epoch})',
  taskKindGradient: 'gradient',
  taskKindReduceUpdate: 'reduce + update',
  taskKindRowsUpdate: 'rows + update',
  taskKindUnitsForward: 'its units, forward',
  taskKindLoss: 'loss',
  taskKindUnitsBackward: 'its units, backward + update',
  worker: 'worker',
  time: 'time (ms)',
  labelHistogram: 'Training labels per class',
  count: 'count',
  digit: 'digit',
  unavailable: 'unavailable',
  showData: 'Data table',
  hideData: 'Hide table',
  copyCsv: 'Copy CSV',
  copied: 'Copied',
  cellLabel: 'Code cell {n}',
  executionCount: 'execution count',
  run: 'Run',
  runFromHere: 'Run from here',
  edited: 'edited',
  resetCell: 'Reset cell',
  running: 'running…',
  queued: 'queued',
  result_error: 'error',
  result_stopped: 'stopped',
  result_interrupted: 'interrupted',
  result_ok: 'ok',
  runAll: 'Run all',
  restartKernel: 'Restart kernel',
  clearOutputs: 'Clear outputs',
  resetLesson: 'Reset lesson',
  exportIpynb: 'Export .ipynb',
  importIpynb: 'Import .ipynb',
  lessons: 'Lessons',
  progress: '{done}/{total} cells run',
  editedCells: '{n} edited',
  importedTitle: 'Imported: {title}',
  importError: 'Could not import: {message}',
  resetLessonConfirm: 'Restore every cell of this lesson to its original code?',
  kernelRestarted: 'Kernel restarted: variables from earlier cells are gone.',
  skipToContent: 'Skip to the lesson',
  notFound: 'Lesson not found.',
  cfgInvalid: 'invalid training configuration: {list}',
  optInvalid: 'invalid options for the {backend} backend: {list}',
  opt_int: '{key} must be an integer between {min} and {max}, got {got}',
  opt_number: '{key} must be a finite number in [{min}, {max}], got {got}',
  opt_numberOpen: '{key} must be a finite number in ({min}, {max}], got {got}',
  opt_bool: '{key} must be true or false, got {got}',
  opt_enum: '{key} must be one of {values}, got {got}',
  renderError: 'This part could not be shown: {message}',
} as const;
