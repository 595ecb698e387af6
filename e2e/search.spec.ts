// search() and bagging() (issue 15 §2–3) in real Chromium on real MNIST, small: a 2×2 grid → 4 rows,
// a heatmap of 4 cells whose numbers are the table's, the best marked, a test accuracy; bagging with
// 3 members → 3 member accuracies and the ensemble's line; axe clean in both themes.
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell, setSource } from './helpers';

const CODE = [
  'const s = await search({ grid: { learningRate: [0.02, 0.1], batchSize: [32, 64] }, samples: 2000, epochs: 1, nJobs: 2 });',
  "show.text('TEST:' + s.testAccuracy);",
  'const b = await bagging({ members: 3, samples: 2000, epochs: 1, hidden: 32, nJobs: 2 });',
  "show.text('ENS:' + b.ensemble.join(','));",
].join('\n');

test('a 2×2 grid search and a 3-member bagging ensemble: table, heatmap, best, test accuracy, member and ensemble accuracies, axe', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/en/03');
  const cell = codeCell(page, 1);
  await setSource(page, cell, CODE);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 75_000 });
  await expect(cell.getByTestId('out-error')).toHaveCount(0);

  const tables = cell.getByTestId('out-table');
  await expect(tables).toHaveCount(2); // the search's results, the ensemble's members
  const rows = tables.nth(0).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const accCol = (await tables.nth(0).locator('thead th').allTextContents()).indexOf('validation accuracy');
  expect(accCol).toBeGreaterThan(0);
  const tableAcc = await rows.evaluateAll((trs, c) => trs.map((tr) => tr.children[c].textContent), accCol);
  for (const a of tableAcc) expect(a).toMatch(/^\d{1,3}\.\d%$/);
  const bestRow = await rows.evaluateAll((trs) => trs.findIndex((tr) => tr.textContent!.includes('★ best')));
  expect(bestRow).toBeGreaterThanOrEqual(0);
  // the best has the highest validation accuracy
  const nums = tableAcc.map((a) => Number.parseFloat(a!));
  expect(nums[bestRow]).toBe(Math.max(...nums));

  // the heatmap: 4 cells, the same numbers in the same order (rows: learning rate, columns: batch size), the best marked
  const heat = cell.getByTestId('heatmap');
  const cells = heat.getByTestId('heatmap-cell');
  await expect(cells).toHaveCount(4);
  const heatText = await cells.allTextContents();
  expect(heatText.map((t) => t.replace(' ★ best', ''))).toEqual(tableAcc);
  expect(heatText.findIndex((t) => t.includes('★ best'))).toBe(bestRow);
  await expect(heat.locator('tbody th')).toHaveText(['0.02', '0.1']);

  // the best retrained on all 2,000 images and tested once: a real accuracy, shown in the text too
  const test_ = Number((await cell.getByTestId('out-text').filter({ hasText: /^TEST:/ }).textContent())!.trim().slice(5));
  expect(test_).toBeGreaterThan(0.6);
  expect(test_).toBeLessThan(1);
  await expect(cell.getByTestId('out-text').filter({ hasText: 'Best configuration' })).toContainText(`${(test_ * 100).toFixed(1)}%`);

  // Export (issue 17): the search as run_search.py, its four configurations with the browser's scores
  const exportButton = cell.getByTestId('export-run');
  await expect(exportButton).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  const folder = download.suggestedFilename().replace(/\.zip$/, '');
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const py = strFromU8(files[`${folder}/run_search.py`]);
  for (const c of ['(0.02, 32, 128)', '(0.02, 64, 128)', '(0.1, 32, 128)', '(0.1, 64, 128)', 'SAMPLES = 2000', 'N_JOBS = 2']) expect(py).toContain(c);
  expect(py).toContain(`BROWSER_TEST_ACCURACY = ${test_}`);
  expect(strFromU8(files[`${folder}/README.md`])).toContain('## The search (`run_search.py`)');

  // bagging: 3 members, each with its accuracy; the ensemble's accuracy per members added, charted as a line
  const members = tables.nth(1).locator('tbody tr');
  await expect(members).toHaveCount(3);
  const ens = (await cell.getByTestId('out-text').filter({ hasText: /^ENS:/ }).textContent())!.trim().slice(4).split(',').map(Number);
  expect(ens).toHaveLength(3);
  for (const e of ens) expect(e).toBeGreaterThan(0.5);
  const ensCol = await members.evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent));
  expect(ensCol).toEqual(ens.map((e) => `${(e * 100).toFixed(1)}%`));
  await expect(cell.locator('.out-chart')).toHaveCount(1);
  await expect(cell.locator('.out-chart')).toContainText('Test accuracy as members are added');

  expect(await auditThemes(page, 'search')).toEqual([]);
});

test('grid and random search on the same two axes: the random trials drawn over the heatmap and listed under it; the whole call in one task stream', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/en/03');
  const cell = codeCell(page, 1);
  await setSource(page, cell, [
    'const s = await search({ grid: { learningRate: [0.02, 0.2], batchSize: [32, 64], hidden: [16] }, random: { learningRate: { min: 0.02, max: 0.2, log: true }, batchSize: { min: 32, max: 64 }, hidden: [16] }, samples: 1500, nJobs: 2 });',
    'show.taskStream(s);',
    "show.text('RANDOM:' + s.random.trials.map((t) => (t.accuracy * 100).toFixed(1) + '%').join(','));",
  ].join('\n'));
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 75_000 });
  await expect(cell.getByTestId('out-error')).toHaveCount(0);
  const heat = cell.getByTestId('heatmap');
  await expect(heat).toHaveCount(1);
  await expect(heat.getByTestId('heatmap-point')).toHaveCount(4);
  await expect(heat.getByTestId('heatmap-point')).toHaveText([/^◆\d$/, /^◆\d$/, /^◆\d$/, /^◆\d$/]);
  // the list under the grid: one row per random trial, its accuracy the random search's own
  const rows = heat.getByTestId('heatmap-points').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const acc = await rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent));
  const random = (await cell.getByTestId('out-text').filter({ hasText: /^RANDOM:/ }).textContent())!.trim().slice(7).split(',');
  expect(acc).toEqual(random);
  // one stream: 4 grid trials and 4 random ones on the workers, the retrain on the coordinator's lane
  const chart = cell.locator('figure[aria-label^="Task stream"]');
  await chart.getByRole('button', { name: 'Data table' }).click();
  const kinds = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
  expect(kinds.filter((k) => k === 'grid trial')).toHaveLength(4);
  expect(kinds.filter((k) => k === 'random trial')).toHaveLength(4);
  expect(kinds.filter((k) => k === 'retrain the best')).toHaveLength(1);
  expect(await auditThemes(page, 'search-points')).toEqual([]);
});
