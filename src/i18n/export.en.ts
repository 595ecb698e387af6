// Export to Python and C (issue 17): the button under a training run and its output's check.
// export.es.ts has the same keys (the type checks it).
export const exportEn = {
  export_button: 'Export to Python / C',
  export_hint: 'A zip with this run as numpy, joblib, Dask, C + OpenMP and PyCUDA programs that reproduce its numbers (seed {seed}, batch {batchSize}, learning rate {learningRate}, {samples} images), and a README with the commands.',
  export_failed: 'The export failed: {message}',
  outputProblem_export: 'an export needs "experiment": the options a run trained with (backend, batchSize, learningRate, epochs, samples, seed, hiddenSize, workers, threads) and optionally its results',
};
