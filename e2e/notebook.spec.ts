import { expect, test } from '@playwright/test';
import { codeCell, openLesson, setSource, waitIdle } from './helpers';

test('the app page is cross-origin isolated', async ({ page }) => {
  await openLesson(page, 'en', '01');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
});

for (const lang of ['en', 'es'] as const) {
  for (const key of ['01', '02']) {
    test(`run all on lesson ${key} (${lang}) ends with no error output`, async ({ page }) => {
      await openLesson(page, lang, key);
      const cells = page.getByTestId('code-cell');
      const n = await cells.count();
      expect(n).toBeGreaterThan(0);
      await page.getByTestId('run-all').click();
      for (let i = 0; i < n; i++) await expect(cells.nth(i)).toHaveAttribute('data-result', 'ok', { timeout: 150_000 });
      await expect(page.getByTestId('out-error')).toHaveCount(0);
    });
  }
}

test('lesson 3 compares every available backend in one cell, with no error', async ({ page }) => {
  test.setTimeout(400_000);
  await openLesson(page, 'en', '03');
  await page.getByTestId('run-all').click();
  const cells = page.getByTestId('code-cell');
  const n = await cells.count();
  for (let i = 0; i < n; i++) await expect(cells.nth(i)).toHaveAttribute('data-result', 'ok', { timeout: 360_000 });
  await expect(page.getByTestId('out-error')).toHaveCount(0);
  await expect(codeCell(page, 0).getByTestId('chart-bar')).toBeVisible();
});

test('training: the loss chart updates live, Stop stops within a batch, then accuracy and predictions', async ({ page }) => {
  await openLesson(page, 'en', '02');
  const cell = codeCell(page, 0);
  await cell.getByTestId('run-cell').click();
  const chart = cell.getByTestId('chart-line');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const points = async () => Number(await chart.getAttribute('data-points'));
  const first = await points();
  await expect.poll(points, { timeout: 30_000 }).toBeGreaterThan(first);
  await page.getByTestId('stop').click();
  await waitIdle(cell, 10_000);
  // 'stopped', not 'interrupted': the trainer saw the AbortSignal between two batches and the kernel
  // (with its variables) survived; an interrupt would mean the 2 s grace ran out and it was restarted
  await expect(cell).toHaveAttribute('data-result', 'stopped');
  await expect(page.getByTestId('interrupted')).toHaveCount(0);

  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 150_000 });
  await expect(cell.getByTestId('out-text').filter({ hasText: /samples\/s/ })).toBeVisible();
  await expect(cell.getByTestId('out-text').filter({ hasText: /Test accuracy: \d+\.\d\d%/ })).toBeVisible();
  const acc = Number((await cell.getByTestId('out-text').filter({ hasText: /Test accuracy/ }).textContent())!.match(/(\d+\.\d\d)%/)![1]);
  expect(acc).toBeGreaterThan(90);
  const next = codeCell(page, 1);
  await next.getByTestId('run-cell').click();
  await expect(next).toHaveAttribute('data-result', 'ok', { timeout: 30_000 });
  const gallery = next.getByTestId('prediction-gallery');
  await expect(gallery.locator('li')).toHaveCount(16);
  const wrong = await gallery.locator('li[data-wrong]').count();
  await expect(gallery.locator('figcaption')).toContainText(`${wrong}/16`);
});

test('a variable defined in one cell is visible in the next; errors show their line and the kernel survives', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const a = codeCell(page, 0), b = codeCell(page, 1);
  await setSource(page, a, 'const zz = 41;\nfunction inc(x) { return x + 1 }');
  await a.getByTestId('run-cell').click();
  await expect(a).toHaveAttribute('data-result', 'ok');
  await setSource(page, b, 'inc(zz)');
  await b.getByTestId('run-cell').click();
  await expect(b.getByTestId('out-text')).toHaveText('42');
  await setSource(page, b, 'const ok = 1;\nnull.boom;');
  await b.getByTestId('run-cell').click();
  await expect(b.getByTestId('out-error')).toContainText('line 2');
  await expect(b.getByTestId('out-error')).toHaveAttribute('data-line', '2');
  await setSource(page, b, 'const x = ;');
  await b.getByTestId('run-cell').click();
  await expect(b.getByTestId('out-error')).toContainText('SyntaxError at line 1');
  await setSource(page, b, 'zz * 2');
  await b.getByTestId('run-cell').click();
  await expect(b.getByTestId('out-text')).toHaveText('82');
});

test('Stop ends `while (true) {}` by restarting the kernel; the page stays responsive', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const a = codeCell(page, 0);
  await setSource(page, a, 'while (true) {}');
  await a.getByTestId('run-cell').click();
  await expect(a).toHaveAttribute('data-status', 'running');
  // the page answers while the kernel spins
  const t0 = Date.now();
  await page.getByTestId('lang-switch').focus();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(Date.now() - t0).toBeLessThan(1_000);
  await page.getByTestId('stop').click();
  await waitIdle(a, 6_000);
  await expect(a).toHaveAttribute('data-result', 'interrupted');
  await expect(a.getByTestId('interrupted')).toBeVisible();
  await setSource(page, a, '6 * 7');
  await a.getByTestId('run-cell').click();
  await expect(a.getByTestId('out-text')).toHaveText('42');
});

test('an edit survives a reload; reset restores the original', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const a = codeCell(page, 0);
  await expect(a.getByTestId('code-editor')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const original = await a.locator('.monaco-editor .view-lines').textContent();
  await setSource(page, a, '"edited by a student"');
  await expect(a).toHaveAttribute('data-edited', 'true');
  await page.waitForTimeout(500);
  await page.reload();
  const again = codeCell(page, 0);
  await expect(again).toHaveAttribute('data-edited', 'true');
  await expect(again.locator('.monaco-editor .view-lines')).toContainText('edited by a student');
  await expect(page.getByTestId('lesson-edited-01')).toBeVisible();
  await again.getByTestId('reset-cell').click();
  await expect(again).not.toHaveAttribute('data-edited', 'true');
  await expect(again.locator('.monaco-editor .view-lines')).toHaveText(original!);
  await page.reload();
  await expect(codeCell(page, 0)).not.toHaveAttribute('data-edited', 'true');
});
