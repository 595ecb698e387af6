// La página Glosario (#/es/glossary): los términos del curso, español ↔ inglés.
import type { glossaryEn } from './glossary.en';

export const glossaryEs: Record<keyof typeof glossaryEn, string> = {
  glossaryNav: 'Glosario',
  glossaryNavHint: 'los términos en español e inglés',
  glossaryPageTitle: 'Glosario',
  glossaryIntro: 'Los términos del curso en los dos idiomas, con lo que significan aquí. Las lecciones usan un término por concepto: accuracy es siempre «exactitud»; «precisión» es solo precision.',
  glossaryFilter: 'Filtrar',
  glossaryFilterHint: 'un término o una palabra de su definición, en cualquiera de los dos idiomas',
  glossaryCaption: 'Términos del curso, en español e inglés',
  glossaryColTerm: 'Español',
  glossaryColOther: 'Inglés',
  glossaryColDef: 'Qué significa',
  glossaryCount: '{n} de {total} términos',
  glossaryNone: 'Ningún término coincide con «{q}».',
};
