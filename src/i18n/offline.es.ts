// Lo que dice la página sobre trabajar sin conexión y las actualizaciones (issue 12 §6), y el nombre
// y la descripción de la app instalada (el manifiesto web, que vite.config.ts escribe a partir de este
// archivo: la app es primero en español). offline.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { offlineEn } from './offline.en';

export const offlineEs: Record<keyof typeof offlineEn, string> = {
  offlineReady: 'Listo para trabajar sin conexión: la app y MNIST están guardados en este dispositivo.',
  offlineNow: 'Sin conexión: las lecciones y el entrenamiento siguen funcionando desde este dispositivo.',
  offlineNotReady: 'Sin conexión: este dispositivo aún no lo ha guardado todo. Abre la app una vez con conexión y espera a ver «Listo para trabajar sin conexión».',
  offlineUpdate: 'Hay una versión nueva lista.',
  offlineReload: 'Recargar',
  offlineUpdateBusy: 'Hay una celda en marcha: recarga cuando termine (o detenla).',
  offlineDismiss: 'Cerrar',
  manifestName: 'Paralelo: computación paralela para redes neuronales',
  manifestDescription: 'Un cuaderno en tu navegador que entrena una pequeña red neuronal con MNIST en cuatro backends (JavaScript, workers, hilos de WebAssembly, WebGPU). Funciona sin conexión.',
};
