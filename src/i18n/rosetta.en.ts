// The Rosetta panel under a training run (issue 16 §6): the same training loop in numpy, joblib,
// Dask, C + OpenMP and PyCUDA. rosetta.es.ts has the same keys (the type checks it).
export const rosettaEn = {
  rosetta_summary: 'Equivalent code',
  rosetta_tabs: 'This training in other languages and libraries',
  rosetta_note: 'This run\'s training loop (batch {batchSize}, learning rate {learningRate}) as you would write it elsewhere. Just the loop: the complete programs come with "Export to Python / C".',
  rosetta_world_numpy: 'Python (numpy)',
  rosetta_world_joblib: 'joblib',
  rosetta_world_dask: 'Dask',
  rosetta_world_openmp: 'C + OpenMP',
  rosetta_world_pycuda: 'PyCUDA',
  rosetta_copy: 'Copy',
  rosetta_copy_label: 'Copy the {world} code',
  rosetta_copied: 'Copied',
  rosetta_copy_failed: 'Could not copy: select the code and copy it by hand',
  rosetta_code_label: '{world} code',
  // an export output in a .ipynb file, as plain text (Jupyter shows this)
  rosetta_export_text: 'Training run on {backend}: batch {batchSize}, learning rate {learningRate}, {samples} images, seed {seed}. Paralelo shows its equivalent code (numpy, joblib, Dask, C + OpenMP, PyCUDA) under the cell and exports it as programs.',
};
