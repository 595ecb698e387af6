// Lo que la página dice de guardar, otras pestañas, restablecer e importar (issue 11), en español.
import type { storageEn } from './storage.en';

export const storageEs: Record<keyof typeof storageEn, string> = {
  saveFailed: 'No se pudieron guardar tus cambios: {reason}. Se conservan en esta pestaña; exporta el cuaderno para no perderlos. Se volverá a intentar guardar.',
  outputsSaveFailed: 'No se pudieron guardar los resultados de las celdas: {reason}. Tu código sí está guardado; los resultados siguen en esta pestaña y se volverá a intentar guardarlos.',
  notSaved: 'sin guardar',
  notSavedTitle: 'Este cambio solo está en esta pestaña: {reason}',
  conflictReason: 'otra pestaña guardó su propia versión de esta celda',
  remoteChanged: 'La celda {n} se cambió en otra pestaña; esta pestaña muestra ahora esa versión.',
  remoteConflict: 'La celda {n} también se cambió en otra pestaña, y la versión guardada es esa. Esta pestaña sigue mostrando la tuya.',
  keepMine: 'Conservar la mía',
  useTheirs: 'Usar la de la otra pestaña',
  dismiss: 'Cerrar',
  storageRestored: 'Algo en esta página (¿código de una celda?) borró o sustituyó los datos guardados; se han vuelto a guardar todos los cambios que esta pestaña conocía.',
  storageRestoredPartly: 'Algo en esta página (¿código de una celda?) borró los datos guardados; se han vuelto a guardar los cambios abiertos en esta pestaña, otros pueden haberse perdido.',
  ignoredEdits: '{n} cambio(s) guardado(s) estaban dañados y se han ignorado; se muestran las celdas originales.',
  quarantined: 'El cuaderno importado en último lugar ({name}) no se pudo abrir y se ha apartado: {error}',
  quarantineExport: 'Descargarlo',
  quarantineDelete: 'Borrarlo',
  resetDialog: '¿Restaurar todas las celdas de esta lección a su código original? Se descartan tus cambios en ella.',
  exportFirst: 'Exportar antes',
  exported: 'Exportado.',
  reset: 'Restablecer',
  cancel: 'Cancelar',
  importDialog: 'El cuaderno importado antes tiene {n} celda(s) editada(s). Importar lo sustituye y descarta esos cambios.',
  importAnyway: 'Importar y descartar',
};
