// Las salidas que sobreviven a una recarga y «ejecuta primero la celda N» (issue 12 §5).
// restore.en.ts tiene las mismas claves (el tipo lo comprueba). Las listas de celdas se unen como
// se hace en cada idioma.
import type { restoreEn } from './restore.en';

export const restoreEs: Record<keyof typeof restoreEn, string> = {
  restoredNote: 'De una sesión anterior: las variables no están en memoria; vuelve a ejecutar las celdas.',
  restoredDropped_one: 'No se guardó {n} salida de esta celda: se guardan como mucho {limit} por celda.',
  restoredDropped_other: 'No se guardaron {n} salidas de esta celda: se guardan como mucho {limit} por celda.',
  needsNotRun: '`{name}` se define en la celda {cell}, que no se ha ejecutado en esta sesión: ejecuta primero la celda {cell}.',
  needsStopped: 'La celda {cell} se detuvo antes de definir `{name}`: vuelve a ejecutar primero la celda {cell}.',
  needsError: 'La celda {cell} terminó con un error antes de definir `{name}`: vuelve a ejecutar primero la celda {cell}.',
  needsInterrupted: 'La celda {cell} se interrumpió antes de definir `{name}`: vuelve a ejecutar primero la celda {cell}.',
  runNeeded_one: 'Ejecutar la celda {cells} y después esta',
  runNeeded_other: 'Ejecutar las celdas {cells} y después esta',
};
