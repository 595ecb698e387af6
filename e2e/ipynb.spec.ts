import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { codeCell, lessonCells, openLesson, setSource } from './helpers';

test('export → import round-trips a lesson with its outputs; imported code does not run', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const a = codeCell(page, 0);
  await a.getByTestId('run-cell').click();
  await expect(a).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const path = await download.path();
  const nb = JSON.parse(readFileSync(path, 'utf8'));
  expect(nb.nbformat).toBe(4);
  expect(nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code')).toHaveLength(lessonCells('01'));

  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page).toHaveURL(/#\/en\/imported/);
  await expect(page.getByTestId('import-notice')).toContainText('nothing in it has run');
  const cells = page.getByTestId('code-cell');
  await expect(cells).toHaveCount(lessonCells('01'));
  await expect(cells.nth(0).getByTestId('outputs')).toContainText('60000');
  await expect(cells.nth(0).getByTestId('exec-count')).toHaveText('[1]');
  // nothing ran: the other cells have no outputs and no execution count
  await expect(cells.nth(1).getByTestId('outputs')).toHaveText('');
  for (let i = 0; i < lessonCells('01'); i++) await expect(cells.nth(i)).toHaveAttribute('data-status', 'idle');
});

test('a malformed notebook gets a clear message and changes nothing', async ({ page }) => {
  await openLesson(page, 'en', '01');
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.ipynb', mimeType: 'application/json', buffer: Buffer.from('{"nbformat": 4, "cells": 7}') });
  await expect(page.getByTestId('banner')).toContainText('broken.ipynb: "cells" must be an array');
  await expect(page).toHaveURL(/#\/en\/01/);
});

test('raw HTML in markdown never runs script (<img onerror>)', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [{ cell_type: 'markdown', metadata: {}, source: 'hello <img src="x" onerror="window.__pwned = 1"> <script>window.__pwned = 2</script>' }],
  };
  await page.getByTestId('import-file').setInputFiles({ name: 'evil.ipynb', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nb)) });
  const md = page.getByTestId('markdown-cell').first();
  await expect(md).toContainText('onerror');
  await expect(md.locator('img, script')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a hostile notebook, a malformed output, a thrown non-Error or a run that did not learn: each says so where it is, and the page stays', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const nb = {
    nbformat: 4, metadata: { paralelo: { title: { toString: 1 }, lang: 'en' } },
    cells: [{ cell_type: 'code', source: '1', metadata: {}, outputs: [{ output_type: 'display_data', data: { 'application/vnd.paralelo.output+json': { kind: 'table', columns: 5 } } }] }],
  };
  await page.getByTestId('import-file').setInputFiles({ name: 'hostile.ipynb', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nb)) });
  const cell = codeCell(page, 0);
  await expect(cell.getByTestId('out-error')).toContainText('an output was refused: a table needs "columns"');
  await expect(page.getByTestId('imported-link')).toContainText('hostile');
  // the stored copy is read again at the next start: the app still comes up, Import included
  await page.reload();
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(page.getByTestId('import-file')).toBeAttached();
  // a cell's malformed chart becomes an error output; the kernel and the next run are fine
  await setSource(page, cell, 'show.chart({ data: 5 });\nshow.text("after")');
  await cell.getByTestId('run-cell').click();
  await expect(cell.getByTestId('out-error')).toContainText('an output was refused: a chart needs "data"');
  await expect(cell.getByTestId('out-text')).toHaveText('after');
  // a thrown value of any kind ends the cell with an error (it stayed "running" for good before)
  await setSource(page, cell, 'throw Object.create(null)');
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-error')).toContainText('a non-Error value was thrown: {}');
  // a run that ends near chance is not reported as fine (lr 10 on js: 9.58% here, deterministic)
  await setSource(page, cell, "await train({ backend: 'js', learningRate: 10, samples: 2000, batchSize: 32, epochs: 1, chart: false });");
  await cell.getByTestId('run-cell').click();
  await expect(cell.getByTestId('out-text').filter({ hasText: 'close to chance' })).toContainText('this run used 10');
  await expect(page.getByTestId('render-error')).toHaveCount(0);
});
