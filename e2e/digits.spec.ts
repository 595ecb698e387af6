// The Digits page (issue 14 §1) with real backends: no model yet → one epoch of wasm from the page's
// button; a "1" (one vertical stroke) and a "0" (a loop) drawn with synthetic pointer events are
// classified right on every available backend, all agreeing; Undo and Clear empty the input; the
// drawings added to the test set are kept (IndexedDB, across a reload), scored per backend, and
// downloaded / added back as a file; axe finds nothing serious.
import { expect, test, type Page } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell } from './helpers';

type Path = [number, number][]; // points in pad units (0–1)
const ONE: Path = Array.from({ length: 16 }, (_, i) => [0.52 - i * 0.004, 0.12 + i * 0.05]);
const ZERO: Path = Array.from({ length: 41 }, (_, i) => [0.5 + 0.25 * Math.sin((2 * Math.PI * i) / 40), 0.5 - 0.36 * Math.cos((2 * Math.PI * i) / 40)]);

async function draw(page: Page, path: Path, scope = page.locator('body')): Promise<void> {
  const pad = scope.getByTestId('digits-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(path[0]));
  await page.mouse.down();
  for (const p of path.slice(1)) await page.mouse.move(...at(p), { steps: 2 });
  await page.mouse.up();
}

/** Every backend that answered names `digit`, and the page says they agree. */
async function expectAll(page: Page, digit: number): Promise<number> {
  const agreement = page.getByTestId('digits-agreement');
  await expect(agreement).toHaveAttribute('data-agree', 'true', { timeout: 30_000 });
  const rows = page.locator('[data-testid^="digits-backend-"]');
  const n = await rows.count();
  await expect(agreement).toHaveAttribute('data-n', String(n));
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toHaveAttribute('data-predicted', String(digit));
  await expect(page.getByTestId('digits-probs')).toHaveAttribute('data-top', String(digit));
  return n;
}

test('draw a 1 and a 0 after one epoch: right on every backend, undo/clear, the test set and its accuracy', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?samples=10000#/en/digits');
  await expect(page.getByTestId('digits-page')).toBeVisible();
  await expect(page.getByTestId('digits-nomodel')).toBeVisible();
  await page.getByTestId('digits-train').click();
  await expect(page.getByTestId('digits-model')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('digits-took')).toContainText(/Done in [\d.]+ s/);

  await draw(page, ONE);
  await expect(page.getByTestId('digits-input')).not.toHaveAttribute('data-empty');
  const n = await expectAll(page, 1);
  expect(n).toBeGreaterThanOrEqual(3); // js, workers and wasm run everywhere this suite runs
  await expect(page.getByTestId('digits-agreement')).toContainText(`All ${n} backends agree: 1`);
  await expect(page.getByTestId('digits-says')).toContainText('The network says 1');

  // undo removes the one stroke: nothing to predict
  await page.getByTestId('digits-undo').click();
  await expect(page.getByTestId('digits-input')).toHaveAttribute('data-empty', 'true');
  await expect(page.getByTestId('digits-agreement')).toHaveCount(0);
  await expect(page.getByTestId('digits-undo')).toBeDisabled();

  await draw(page, ZERO);
  await expectAll(page, 0);

  // add it to the set as a 0, then a 1: each backend scores the set
  await page.getByTestId('digits-label-0').click();
  await page.getByTestId('digits-add').click();
  await expect(page.getByTestId('digits-thumb')).toHaveCount(1);
  await page.getByTestId('digits-clear').click();
  await expect(page.getByTestId('digits-input')).toHaveAttribute('data-empty', 'true');
  await draw(page, ONE);
  await expectAll(page, 1);
  await page.getByTestId('digits-label-1').click();
  await page.getByTestId('digits-add').click();
  await expect(page.getByTestId('digits-thumb')).toHaveCount(2);
  const acc = page.locator('[data-testid^="digits-accuracy-"]');
  await expect(acc).toHaveCount(n);
  for (let i = 0; i < n; i++) {
    await expect(acc.nth(i)).toHaveAttribute('data-total', '2');
    await expect(acc.nth(i)).toHaveAttribute('data-correct', '2');
    await expect(acc.nth(i)).toContainText('2 of 2 right');
  }

  expect(await auditThemes(page, 'digits page')).toEqual([]);

  // the set as a file: downloaded now, added back at the end
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('digits-export').click()]);
  const file = await download.path();

  // the set is the page's, in IndexedDB: still there after a reload; a deleted drawing is gone
  await page.reload();
  await expect(page.getByTestId('digits-thumb')).toHaveCount(2);
  await page.getByTestId('digits-thumb-delete').first().click();
  await expect(page.getByTestId('digits-thumb')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('digits-thumb')).toHaveCount(1);
  await expect(page.getByTestId('digits-thumb')).toHaveAttribute('data-label', '1');
  await page.getByTestId('digits-import').setInputFiles(file);
  await expect(page.getByTestId('digits-file-note')).toContainText('2 drawings added');
  await expect(page.getByTestId('digits-thumb')).toHaveCount(3);
  await expect(page.getByTestId('digits-thumb').nth(1)).toHaveAttribute('data-label', '0');
  await page.getByTestId('digits-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
  await expect(page.getByTestId('digits-file-note')).toContainText('bad.json was not added: not a paralelo-handwriting file');
});

test('show.draw in lesson 2: the pad predicts with the run the cell was given, on every backend, agreeing', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?samples=5000#/en/02');
  await expect(page.getByTestId('notebook')).toBeVisible();
  const training = codeCell(page, 0);
  await training.getByTestId('run-cell').click();
  await expect(training).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  const cell = codeCell(page, 3);
  await expect(cell).toContainText('show.draw(run)');
  await cell.getByTestId('run-cell').click();
  const out = cell.getByTestId('out-draw');
  await expect(out).toContainText('Draw a digit · js');
  await draw(page, ZERO, out);
  await expect(out.getByTestId('digits-agreement')).toHaveAttribute('data-agree', 'true', { timeout: 30_000 });
  const rows = out.locator('[data-testid^="digits-backend-"]');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(out.getByTestId('digits-input')).not.toHaveAttribute('data-empty');
});
