// Lo que dice la página sobre contenido que no es de confianza y sus propios límites (issue 11): el
// aviso de un cuaderno importado, lo que se descartó de él y por qué los hilos no están disponibles.
// page.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { pageEn } from './page.en';

export const pageEs: Record<keyof typeof pageEn, string> = {
  importNotice: 'Importado de {file}: nada de él se ha ejecutado; su código solo se ejecuta cuando pulsas Ejecutar.',
  importNoticeRan: 'Importado de {file}: has ejecutado su código en esta sesión. Ejecuta código importado solo si confías en su origen.',
  importNotesTitle: 'Al importarlo se descartó o se muestra como texto:',
  importNoteKnobInvalid: 'celda de código {cell}: {problem}; se descartó y se usa el valor por defecto',
  importNoteKnobUnknown: 'celda de código {cell}: el ajuste desconocido «{key}» se descartó',
  importNoteKnobsNotObject: 'celda de código {cell}: sus ajustes no son un objeto; se descartaron',
  importNoteOutputAsText: 'celda de código {cell}: una salida de tipo {mime} se muestra como texto, nunca se interpreta',
  importNoteOutputHidden: 'celda de código {cell}: una salida de tipo {mime} no se muestra',
  notIsolated: 'Esta página no tiene aislamiento de origen cruzado (su servidor no envía las cabeceras COOP/COEP), así que no hay SharedArrayBuffer: wasm usa su versión de un solo hilo en vez de varios hilos, y los workers reciben copias de los datos por mensajes en vez de compartir memoria. Todas las lecciones siguen funcionando.',
};
