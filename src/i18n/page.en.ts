// What the page says about untrusted content and its own limits (issue 11): the notice on an
// imported notebook, what was dropped from it, and why threads fall back.
// page.es.ts has the same keys (the type checks it).
export const pageEn = {
  importNotice: 'Imported from {file}: nothing in it has run; its code runs only when you press Run.',
  importNoticeRan: 'Imported from {file}: you have run its code in this session. Run imported code only if you trust where it came from.',
  importNotesTitle: 'On import, these were dropped or are shown as text:',
  importNoteKnobInvalid: 'code cell {cell}: {problem}; dropped, the default is used',
  importNoteKnobUnknown: 'code cell {cell}: unknown setting "{key}" dropped',
  importNoteKnobsNotObject: 'code cell {cell}: its settings are not an object; dropped',
  importNoteOutputAsText: 'code cell {cell}: an output of type {mime} is shown as text, never rendered',
  importNoteOutputHidden: 'code cell {cell}: an output of type {mime} is not shown',
  notIsolated: 'This page is not cross-origin isolated (its server does not send the COOP/COEP headers), so SharedArrayBuffer is unavailable: wasm runs its single-thread build instead of several threads, and workers copy the data to each worker by message instead of sharing memory. Every lesson still runs.',
} as const;
