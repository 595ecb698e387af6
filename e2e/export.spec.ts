// Export to Python / C (issue 17 §1): a small training cell shows an Export button; the zip it
// downloads holds every generated file, and mlp.py and mlp_omp.c carry the run's own options
// (batch size, learning rate, seed, samples, the knob's value rather than a default).
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { codeCell, setSource } from './helpers';

const CODE = `await train({ backend: 'js', epochs: 1, batchSize: 50, learningRate: 0.07, seed: 7 })`;

test('a training run exports a zip of Python and C programs with its own options', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/?samples=1000#/en/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, CODE);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 40_000 });

  const button = cell.getByTestId('export-run');
  await expect(button).toHaveCount(1);
  await expect(button).toHaveText('Export to Python / C');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^paralelo-export-js-\d{4}-\d{2}-\d{2}\.zip$/);
  const folder = download.suggestedFilename().replace(/\.zip$/, '');
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const names = Object.keys(files).map((n) => n.slice(folder.length + 1)).sort();
  expect(names).toEqual([
    'Makefile', 'README.md', 'elementwise.c', 'gather.c', 'kernels_scalar.h', 'matmul.c', 'mlp.h', 'mlp.py',
    'mlp_omp.c', 'mlp_pycuda.py', 'pool.h', 'rows.h', 'run_dask.py', 'run_joblib.py', 'run_sequential.py', 'softmax.c',
  ]);
  const text = (f: string) => strFromU8(files[`${folder}/${f}`]);
  const mlp = text('mlp.py');
  for (const line of ['BATCH_SIZE = 50', 'LEARNING_RATE = 0.07', 'SEED = 7', 'SAMPLES = 1000', 'EPOCHS = 1', 'HIDDEN_SIZE = 128']) expect(mlp).toContain(line);
  expect(text('mlp_omp.c')).toContain('static int BATCH_SIZE = 50;');
  // the README carries the browser's own numbers: one epoch row and the test accuracy
  const readme = text('README.md');
  expect(readme).toMatch(/\| 1 \| \d\.\d{4} \| \d+ \|/);
  expect(readme).toMatch(/Test accuracy: \*\*\d+\.\d\d%\*\*/);
  expect(readme).toContain('/mnist/train-images-idx3-ubyte.gz');
});
