// tfjs.* (issue 16 §4, lección 11): la red del curso entrenada con TensorFlow.js junto a los backends de la app.
import type { frameworksEn } from './frameworks.en';

export const frameworksEs: Record<keyof typeof frameworksEn, string> = {
  tfjsLoading: 'Cargando TensorFlow.js ({backend})…',
  tfjsWarmup: '{label}: calentando (2048 imágenes, sin cronometrar)…',
  tfjsTraining: '{label}: entrenando',
  tfjsEpochOf: 'época {epoch} de {epochs}',
  tfjsEpoch: '{label} · época {epoch}: {ms} ms · pérdida media {loss}',
  tfjsRanOn: '{label}: el backend {backend} de TF.js{threads}',
  tfjsAccuracy: '{label} · exactitud en prueba: {acc} %',
  tfjsThreads: ' con {n} hilo(s)',
  tfjsStopped: '{label}: detenido.',
  tfjsFailed: '{label}: falló.',
  tfjsBadBackend: 'tfjs.train: backend tiene que ser uno de {backends} (recibido: {got})',
  tfjsBackendUnavailable: 'TF.js no pudo arrancar su backend {backend} aquí: {reason}',
  tfjsNoWebgpu: 'este navegador no ofrece WebGPU (no existe navigator.gpu)',
  tfjsInitFailed: 'falló su inicialización (la consola del navegador tiene el aviso de TF.js)',
};
