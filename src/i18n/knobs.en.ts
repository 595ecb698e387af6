// The cell toolbar's fixed knobs and the lessons' demo settings bar (issue 13 §3).
// knobs.es.ts has the same keys (the type checks it).
export const knobsEn = {
  knobFixedTitle: 'set by the cell\'s code',
  knobByCodeTitle: 'set by the cell\'s code (it changes from run to run)',
  knobByCode: 'by the code',
  demoTitle: 'Demo settings',
  demoRule: 'They replace each cell\'s starting values and stay in the link (?samples=N is this same setting); what you change in a cell wins, and what the code fixes stays fixed.',
  demoUnset: 'as in the lesson',
  demoReset: 'Reset',
  demoActive: '{n} set',
  demoInvalid: 'from {min} to {max}',
} as const;
