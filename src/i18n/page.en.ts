// What the page says about untrusted content (issue 11): the notice on an imported notebook and
// what was dropped from it. page.es.ts has the same keys (the type checks it).
export const pageEn = {
  importNotice: 'Imported from {file}: nothing in it has run; its code runs only when you press Run.',
  importNoticeRan: 'Imported from {file}: you have run its code in this session. Run imported code only if you trust where it came from.',
  importNotesTitle: 'On import, these were dropped or are shown as text:',
  importNoteKnobInvalid: 'code cell {cell}: {problem}; dropped, the default is used',
  importNoteKnobUnknown: 'code cell {cell}: unknown setting "{key}" dropped',
  importNoteKnobsNotObject: 'code cell {cell}: its settings are not an object; dropped',
  importNoteOutputAsText: 'code cell {cell}: an output of type {mime} is shown as text, never rendered',
  importNoteOutputHidden: 'code cell {cell}: an output of type {mime} is not shown',
} as const;
