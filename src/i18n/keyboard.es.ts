// Lo que dice la página sobre el teclado y a los lectores de pantalla (issue 12): los modos del
// tabulador en el editor, el panel de atajos, cómo suena la ejecución de una celda, los nombres de
// los grupos de controles. keyboard.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { keyboardEn } from './keyboard.en';

export const keyboardEs: Record<keyof typeof keyboardEn, string> = {
  kbEditorHint: 'Tab pasa al siguiente elemento hasta que empiezas a escribir; después, Tab sangra el código. Escape y luego Tab sale del editor. Ctrl+Intro ejecuta la celda.',
  kbTabLeaves: 'Tab mueve el foco fuera del editor',
  kbTabIndents: 'Tab sangra el código; Escape y luego Tab sale del editor',
  kbShortcutsTitle: 'Atajos de teclado',
  kbShortcutsButton: 'Atajos',
  kbClose: 'Cerrar',
  kbKeys: 'Teclas',
  kbAction: 'Qué hacen',
  kbThen: 'y luego',
  kbOr: 'o',
  kbRun: 'Ejecuta la celda (desde su editor)',
  kbRunAdvance: 'Ejecuta la celda y pasa a la siguiente',
  kbLeave: 'Sal del editor (Mayús+Tab vuelve atrás)',
  kbTabEditor: 'En un editor: pasa al siguiente elemento hasta que empiezas a escribir; cuando editas, sangra el código',
  kbTabOrder: 'Recorre botones, ajustes, editores y salidas en el orden de lectura',
  kbToggleTab: 'Cambia qué hace Tab en todos los editores: sangrar o pasar al siguiente',
  kbOpen: 'Abre esta lista (fuera de un editor o un campo)',
  kbCloseKey: 'Cierra esta lista',
  keyEnter: 'Intro',
  keyShift: 'Mayús',
  keyEscape: 'Esc',
  kbNote: 'En un Mac, ⌘ sirve donde pone Ctrl.',
  srCellRunning: 'Celda {n} en ejecución',
  srCellOk: 'Celda {n} terminada',
  srCellError: 'La celda {n} terminó con un error',
  srCellStopped: 'La celda {n} se detuvo',
  srCellInterrupted: 'La celda {n} se interrumpió: el núcleo se reinició',
  knobsLabel: 'Ajustes de la celda {n}',
  notebookToolbar: 'Cuaderno',
};
