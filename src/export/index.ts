// Export an experiment as files a student runs outside the browser (issue 17): numpy, joblib, Dask,
// C + OpenMP and PyCUDA, generated from the run's real options. Pure: runs in the page and in Node.
import { zipSync, strToU8 } from 'fflate';
import { C_KERNEL_FILES, MAKEFILE, mlpOmpC, POOL_H } from './c';
import type { ExportExperiment } from './experiment';
import { mlpPycudaPy } from './pycuda';
import { mlpPy, runDaskPy, runJoblibPy, runSequentialPy } from './python';
import { readmeMd } from './readme';
import { runSearchPy } from './search';

export type { ExportExperiment, ExportOptions, ExportResults, ExportSearch, ExportTrial } from './experiment';

/** Every file of the export: name → text. */
export function exportFiles(e: ExportExperiment): Record<string, string> {
  return {
    'README.md': readmeMd(e),
    'mlp.py': mlpPy(e),
    'run_sequential.py': runSequentialPy(),
    'run_joblib.py': runJoblibPy(),
    'run_dask.py': runDaskPy(),
    'mlp_pycuda.py': mlpPycudaPy(),
    'mlp_omp.c': mlpOmpC(e),
    'pool.h': POOL_H,
    ...C_KERNEL_FILES,
    'Makefile': MAKEFILE,
    ...(e.search ? { 'run_search.py': runSearchPy(e.search) } : {}),
  };
}

/** The export as one zip, every file inside a folder named like the zip. */
export function exportZip(e: ExportExperiment, folder = 'paralelo-export'): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(exportFiles(e))) entries[`${folder}/${name}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}

/** paralelo-export-<backend>-<YYYY-MM-DD> (the zip adds .zip). */
export function exportName(e: ExportExperiment, date: Date = new Date()): string {
  return `paralelo-export-${e.options.backend}-${date.toISOString().slice(0, 10)}`;
}
