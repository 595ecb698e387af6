// El panel Rosetta bajo un entrenamiento (issue 16 §6): el mismo bucle en numpy, joblib, Dask,
// C + OpenMP y PyCUDA.
import type { rosettaEn } from './rosetta.en';

export const rosettaEs: Record<keyof typeof rosettaEn, string> = {
  rosetta_summary: 'Código equivalente',
  rosetta_tabs: 'Este entrenamiento en otros lenguajes y bibliotecas',
  rosetta_note: 'El bucle de entrenamiento de esta ejecución (lote {batchSize}, tasa de aprendizaje {learningRate}) tal como lo escribirías fuera del navegador. Solo el bucle: los programas completos vienen con «Exportar a Python / C».',
  rosetta_world_numpy: 'Python (numpy)',
  rosetta_world_joblib: 'joblib',
  rosetta_world_dask: 'Dask',
  rosetta_world_openmp: 'C + OpenMP',
  rosetta_world_pycuda: 'PyCUDA',
  rosetta_copy: 'Copiar',
  rosetta_copy_label: 'Copiar el código de {world}',
  rosetta_copied: 'Copiado',
  rosetta_copy_failed: 'No se pudo copiar: selecciona el código y cópialo a mano',
  rosetta_code_label: 'Código de {world}',
  rosetta_export_text: 'Entrenamiento en {backend}: lote {batchSize}, tasa de aprendizaje {learningRate}, {samples} imágenes, semilla {seed}. Paralelo muestra su código equivalente (numpy, joblib, Dask, C + OpenMP, PyCUDA) bajo la celda y lo exporta como programas.',
};
