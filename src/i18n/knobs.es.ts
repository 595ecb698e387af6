// La barra de herramientas de una celda (ajustes fijados) y la barra de ajustes de la demo (issue 13 §3).
// knobs.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { knobsEn } from './knobs.en';

export const knobsEs: Record<keyof typeof knobsEn, string> = {
  knobFixedTitle: 'fijado por el código de la celda',
  knobByCodeTitle: 'lo elige el código de la celda (cambia de una ejecución a otra)',
  knobByCode: 'lo elige el código',
  demoTitle: 'Ajustes de la demo',
  demoRule: 'Sustituyen los valores de partida de cada celda y quedan en el enlace (?samples=N es este mismo ajuste); lo que cambies en una celda manda y lo fijado en el código no cambia.',
  demoUnset: 'como en la lección',
  demoReset: 'Restablecer',
  demoActive: 'activos: {n}',
  demoInvalid: 'de {min} a {max}',
};
