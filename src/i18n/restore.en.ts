// Outputs that survive a reload, and "run cell N first" (issue 12 §5), in English.
// restore.es.ts has the same keys (the type checks it). Cell lists are joined in the language's way.
export const restoreEn = {
  restoredNote: 'From an earlier session: the variables are not in memory; run the cells again.',
  restoredDropped_one: '{n} output of this cell was not saved: at most {limit} are kept per cell.',
  restoredDropped_other: '{n} outputs of this cell were not saved: at most {limit} are kept per cell.',
  needsNotRun: '`{name}` is defined in cell {cell}, which has not run in this session: run cell {cell} first.',
  needsStopped: 'Cell {cell} was stopped before it defined `{name}`: run cell {cell} again first.',
  needsError: 'Cell {cell} ended with an error before it defined `{name}`: run cell {cell} again first.',
  needsInterrupted: 'Cell {cell} was interrupted before it defined `{name}`: run cell {cell} again first.',
  runNeeded_one: 'Run cell {cells}, then this one',
  runNeeded_other: 'Run cells {cells}, then this one',
} as const;
