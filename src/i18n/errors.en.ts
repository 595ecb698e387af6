// Errors a student can meet from the cell API (issue 16 §7), thrown as MessageError (src/i18n/messageError.ts)
// with a key and parameters and made into words in the notebook's language when shown (kernel/localize.ts).
// errors.es.ts has the same keys (the type checks it).
export const errorsEn = {
  err_unknownHyper: 'unknown hyperparameter "{k}" (known: {known})',
  err_gridList: 'grid.{k} must be a non-empty list of numbers',
  err_gridNumber: 'grid.{k} must hold numbers, got {got}',
  err_trials: 'trials must be a whole number ≥ 1, got {got}',
  err_randomList: 'random.{k} must be a non-empty list or { min, max }',
  err_randomRange: 'random.{k} needs min ≤ max (and min > 0 with log: true)',
  err_validation: 'validation must be a fraction between 0 and 1, got {got}',
  err_validationEmpty: 'validation {validation} of {samples} images leaves no images on one side',
  err_evaluateBackend: 'evaluate(): backend must be one of {names}, got {got}',
  err_weightsNeedsRun: 'show.weights needs a trained run: params of {n} numbers for {hidden} hidden units',
  err_drawMax: 'show.draw: at most {max} drawing pads per cell',
  err_drawNeedsRun: 'show.draw needs a run returned by train() (or nothing, for the latest model)',
  err_chunksSize: 'chunks: size must be a whole number ≥ 1 (got {got})',
  err_raceNoThreads: 'wasm.raceDemo needs threads, and threads need SharedArrayBuffer: this page is not cross-origin isolated (COOP/COEP headers)',
  err_raceIterations: 'wasm.raceDemo: iterations must be a whole number ≥ 1 with threads × iterations ≤ {max}, got {got}',
  err_ompNoThreads: 'omp.{fn} needs threads, and threads need SharedArrayBuffer: this page is not cross-origin isolated (COOP/COEP headers)',
  err_ompWhole: 'omp.{fn}: {name} must be a whole number from {min} to {max}, got {got}',
  err_ompChoice: 'omp.{fn}: {name} must be one of {allowed}, got {got}',
  err_noKernel: 'webgpu: no kernel named "{name}"; the kernels are {names}',
  err_setKernelSource: 'webgpu.setKernel("{name}") needs the WGSL source as a string',
};
