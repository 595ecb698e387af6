// Outputs that survive a reload and an export, honest kernel state, "run cell N first" (issue 12 §5).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { codeCell, lessonCells, waitIdle } from './helpers';

/** How many cells' outputs the page has saved in IndexedDB for `prefix` (e.g. 'en/01/'). */
async function savedOutputs(page: Page, prefix: string): Promise<number> {
  return page.evaluate((p) => new Promise<number>((resolve) => {
    const req = indexedDB.open('paralelo');
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('outputs')) { db.close(); resolve(0); return; }
      const keys = db.transaction('outputs').objectStore('outputs').getAllKeys(IDBKeyRange.bound(p, p + '\uffff'));
      keys.onsuccess = () => { db.close(); resolve(keys.result.length); };
    };
    req.onerror = () => resolve(-1);
  }), prefix);
}

type NbOutput = { output_type: string; data?: Record<string, unknown>; text?: string };

test('lesson 1: outputs survive a reload, marked as from an earlier session; the sidebar counts only this kernel; the export carries them', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/en/01');
  const cells = page.getByTestId('code-cell');
  const n = lessonCells('01');
  expect(n).toBeGreaterThanOrEqual(4);
  await expect(cells).toHaveCount(n);
  await page.getByTestId('run-all').click();
  for (let i = 0; i < n; i++) await expect(cells.nth(i)).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  await expect(page.getByTestId('lesson-progress-01')).toHaveText(new RegExp(`^${n}/${n} `));
  // a restart empties the kernel: nothing has run in the new one
  await page.getByTestId('restart').click();
  await expect(page.getByTestId('lesson-progress-01')).toHaveText(new RegExp(`^0/${n} `));
  await expect.poll(() => savedOutputs(page, 'en/01/')).toBe(n);

  await page.reload();
  await expect(cells).toHaveCount(n);
  await expect(page.getByTestId('lesson-progress-01')).toHaveText(new RegExp(`^0/${n} `));
  for (let i = 0; i < n; i++) {
    await expect(cells.nth(i)).toHaveAttribute('data-restored', 'true');
    await expect(cells.nth(i)).not.toHaveAttribute('data-result', /./);
  }
  await expect(page.getByTestId('restored-note')).toHaveCount(n);
  await expect(page.getByTestId('restored-note').first()).toHaveText('From an earlier session: the variables are not in memory; run the cells again.');
  await expect(codeCell(page, 0).getByTestId('outputs')).toContainText('60000');
  await expect(codeCell(page, 0).getByTestId('exec-count')).toHaveText('[1]');
  await expect(codeCell(page, 1).getByTestId('digit-grid').locator('li')).toHaveCount(32);
  await expect(codeCell(page, 2).getByTestId('out-table').locator('tbody tr')).toHaveCount(10);
  const chart = codeCell(page, 2).locator('[data-output-id] .recharts-wrapper > svg.recharts-surface').first();
  await expect(chart).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const nb = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { cells: { cell_type: string; outputs?: NbOutput[] }[] };
  const outs = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs ?? []);
  expect(outs[0].some((o) => o.output_type === 'stream' && String(o.text).includes('60000'))).toBe(true);
  const table = outs[2].find((o) => typeof o.data?.['text/html'] === 'string');
  expect(table?.data?.['text/html']).toMatch(/^<table>[\s\S]*<th>digit<\/th>[\s\S]*<\/table>$/);
  expect(table?.data?.['text/plain']).toMatch(/^digit\s+count\s+share/);
  const png = outs[2].find((o) => typeof o.data?.['image/png'] === 'string')?.data?.['image/png'] as string | undefined;
  expect(png, 'the histogram on screen as a PNG').toBeTruthy();
  const bytes = Buffer.from(png!, 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(2000); // a drawn chart, not an empty canvas
  expect(outs[3].some((o) => o.output_type === 'execute_result' && /most frequent digit/.test(String(o.data?.['text/plain'])))).toBe(true);

  // running a cell again replaces its restored outputs
  await codeCell(page, 0).getByTestId('run-cell').click();
  await expect(codeCell(page, 0)).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  await expect(codeCell(page, 0)).not.toHaveAttribute('data-restored', /./);
  await expect(page.getByTestId('restored-note')).toHaveCount(n - 1);
  await expect(page.getByTestId('lesson-progress-01')).toHaveText(new RegExp(`^1/${n} `));
  expect(errors).toEqual([]);
});

test('lesson 2 after a reload: cell 2 says "run cell 1 first" in Spanish, and its button runs cell 1, then cell 2', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?samples=3000#/es/02');
  await page.reload(); // a new kernel: nothing of this lesson has run in it (lesson 1's test checks restored outputs)
  const [train, predict] = [codeCell(page, 0), codeCell(page, 1)];
  await expect(page.getByTestId('lesson-progress-02')).toHaveText(new RegExp(`^0/${lessonCells('02')} `));
  await predict.getByTestId('run-cell').click();
  await expect(predict).toHaveAttribute('data-result', 'error', { timeout: 30_000 });
  const note = predict.getByTestId('needs-note');
  await expect(note).toContainText('run se define en la celda 1, que no se ha ejecutado en esta sesión: ejecuta primero la celda 1.');
  await expect(note.locator('code')).toHaveText('run');
  await expect(note).toHaveAttribute('data-reason', 'notRun');
  await note.getByTestId('run-needed').click();
  await expect(train).toHaveAttribute('data-result', 'ok', { timeout: 90_000 });
  await expect(predict).toHaveAttribute('data-result', 'ok', { timeout: 30_000 });
  await expect(predict.getByTestId('prediction-gallery').locator('li')).toHaveCount(16);
  await expect(predict.getByTestId('needs-note')).toHaveCount(0);
  await expect(page.getByTestId('lesson-progress-02')).toHaveText(new RegExp(`^2/${lessonCells('02')} `));
});

test('after a Stop, the next cell blames the stopped cell for the missing variable', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/en/02');
  const [train, predict] = [codeCell(page, 0), codeCell(page, 1)];
  await train.getByTestId('run-cell').click();
  await expect(train.getByTestId('chart-line')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('stop').click();
  await waitIdle(train, 10_000);
  await expect(train).toHaveAttribute('data-result', 'stopped');
  await predict.getByTestId('run-cell').click();
  await expect(predict).toHaveAttribute('data-result', 'error');
  await expect(predict.getByTestId('needs-note')).toHaveText(/^Cell 1 was stopped before it defined run: run cell 1 again first\. Run cell 1, then this one$/);
  // not the misleading error of a `run` left undefined
  await expect(predict.getByTestId('out-error')).toContainText('run is not defined');
  await expect(predict.getByTestId('out-error')).not.toContainText('evaluate');
});
