// The Glossary page (#/en/glossary): the course's terms, Spanish ↔ English. glossary.es.ts has the same keys.
export const glossaryEn = {
  glossaryNav: 'Glossary',
  glossaryNavHint: 'the terms in Spanish and English',
  glossaryPageTitle: 'Glossary',
  glossaryIntro: "The course's terms in both languages, with what each means here. The lessons use one term per concept: accuracy is always \"exactitud\" in Spanish; \"precisión\" is only precision.",
  glossaryFilter: 'Filter',
  glossaryFilterHint: 'a term or a word of its definition, in either language',
  glossaryCaption: 'Terms of the course, English and Spanish',
  glossaryColTerm: 'English',
  glossaryColOther: 'Spanish',
  glossaryColDef: 'Meaning',
  glossaryCount: '{n} of {total} terms',
  glossaryNone: 'No term matches "{q}".',
};
