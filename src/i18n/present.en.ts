// Presentation mode (issue 13 §2) and the progress of runs and sweeps (§5): the words of the progress
// bars (made in the kernel, in the cell's language) and of the presenter's controls.
// present.es.ts has the same keys (the type checks it).
export const presentEn = {
  // a train() run's bar: "batch 120 of 469 · 5,230 samples/s · ~4 s left"
  progressPreparing: 'preparing…',
  progressWarmup: 'warming up (not timed)…',
  progressRepeat: 'repeat {r} of {n}',
  progressEpoch: 'epoch {epoch} of {epochs}',
  progressBatch: 'batch {batch} of {batches}',
  progressRate: '{sps} samples/s',
  progressEta: '~{time} left',
  progressEtaUnknown: 'estimating…',
  progressDone: 'done: {batches} batches in {time} · {sps} samples/s',
  progressStopped: 'stopped at batch {batch} of {batches}',
  progressFailed: 'ended by an error at batch {batch} of {batches}',
  progressOfRun: '{label} · run {i} of {n}',
  progressTrain: 'Training {label}',
  // a sweep's bar: "run 2 of 8 · ~20 s left"
  sweepLabel: 'Sweep',
  sweepRun: 'run {i} of {n}',
  sweepDone: '{n} runs done in {time}',
  sweepStopped: 'stopped at run {i} of {n}',
  sweepFailed: 'an error ended run {i} of {n}',
  timeSeconds: '{s} s',
  timeMinutes: '{m} min {s} s',
  progressPercent: '{pct}%',
  progressWorking: 'in progress',
  // the presenter
  presentToggle: 'Present',
  presentToggleTitle: 'Presentation mode: code hidden, large text and charts, the keyboard steps through the cells',
  presentShowCode: 'Show code',
  presentHideCode: 'Hide code',
  presentHintNext: 'next',
  presentHintBack: 'back',
  presentHintBusy: 'waiting…',
  presentKeySpace: 'Space',
  presentKeyShift: 'Shift',
} as const;
