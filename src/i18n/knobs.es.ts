// La barra de herramientas de una celda (ajustes fijados) y la barra de ajustes de la demo (issue 13 §3).
// knobs.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { knobsEn } from './knobs.en';

export const knobsEs: Record<keyof typeof knobsEn, string> = {
  knobFixedTitle: 'fijado por el código de la celda',
  knobByCodeTitle: 'lo elige el código de la celda (cambia de una ejecución a otra)',
  knobByCode: 'lo elige el código',
  demoTitle: 'Ajustes de la demo',
  demoRule: 'Se aplican a todas las celdas de las lecciones en lugar de los valores de partida de cada una y se guardan en la dirección (?samples=…) para que compartas el enlace; lo que cambies en una celda manda, y lo fijado en el código no cambia.',
  demoUnset: 'como en la lección',
  demoReset: 'Restablecer',
  demoActive: '{n} activos',
  demoInvalid: 'de {min} a {max}',
};
