// Presentation mode (issue 13 §2), on the instructor's 1280×720 projector: `?present` hides the code
// (one click shows a cell's), keeps each cell's run button and knobs, Space/→ runs the next cell and
// brings it on screen, ← goes back without running, a running training's live chart is on screen
// whole, axe passes, and leaving the mode loses nothing (outputs, knobs, the rest of the URL).
import { expect, test, type Locator, type Page } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell, waitIdle } from './helpers';

const VIEW = { width: 1280, height: 720 };
test.use({ viewport: VIEW });

/** The element's box lies inside the viewport, and below the sticky toolbar (nothing of it is hidden). */
async function onScreen(page: Page, el: Locator): Promise<string> {
  const box = await el.boundingBox();
  const bar = await page.getByTestId('present-toggle').locator('xpath=ancestor::*[@role="toolbar"][1]').boundingBox();
  if (!box || !bar) return 'no box';
  const top = bar.y + bar.height;
  const ok = box.x >= 0 && box.y >= top - 1 && box.x + box.width <= VIEW.width && box.y + box.height <= VIEW.height;
  return ok ? 'inside' : `outside: ${JSON.stringify(box)} (toolbar ends at ${top.toFixed(0)})`;
}

/** Nothing keeps the focus: keys go to the page (as after a click on the lesson's text). */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test('?present: code hidden, run buttons and knobs kept; Space runs the next cell with its live chart on screen; axe passes; leaving keeps everything', async ({ page }) => {
  await page.goto('/?samples=60000&present#/es/02');
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('present-hint')).toContainText('Espacio');

  const cells = page.getByTestId('code-cell');
  const n = await cells.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    await expect(cells.nth(i).getByTestId('code-editor')).toBeHidden();
    await expect(cells.nth(i).getByTestId('run-cell')).toBeVisible();
  }
  const first = codeCell(page, 0);
  const second = codeCell(page, 1);
  await expect(first.getByTestId('knob-backend')).toBeVisible();
  await expect(first.getByTestId('knob-batch')).toBeVisible();

  // one click shows a cell's code, another hides it again
  const show = first.getByTestId('show-code');
  await show.click();
  await expect(show).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByTestId('code-editor')).toBeVisible();
  await expect(first.getByTestId('code-editor')).toContainText('train', { timeout: 60_000 });
  await show.click();
  await expect(first.getByTestId('code-editor')).toBeHidden();

  // the keys are the fields' own inside a field: → in a knob runs nothing
  await first.getByTestId('knob-batch').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  await expect(first).toHaveAttribute('data-status', 'idle');
  await expect(first.getByTestId('exec-count')).toHaveText('[ ]');

  // Space runs the first code cell; while it trains, its live chart and its bar are on screen whole
  await blur(page);
  await page.keyboard.press('Space');
  await expect(first).toHaveAttribute('data-status', /running|queued/);
  const chart = first.getByTestId('chart-line');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => onScreen(page, chart), { timeout: 5000 }).toBe('inside');
  const bar = first.getByRole('progressbar', { name: 'Entrenando js' });
  await expect(bar).toHaveAttribute('aria-valuetext', /lote [\d.]+ de 1\.875/);
  expect(await onScreen(page, bar)).toBe('inside');
  await expect(first, 'the chart was measured while the cell was still training').toHaveAttribute('data-status', 'running', { timeout: 1000 });
  // a second press while it runs waits: nothing is queued behind a training
  await page.keyboard.press('Space');
  await expect(page.getByTestId('present-busy')).toBeVisible();
  await expect(second).toHaveAttribute('data-status', 'idle');
  await waitIdle(first);
  await expect(first).toHaveAttribute('data-result', 'ok');
  await expect(bar).toHaveAttribute('aria-valuetext', /^100 % · hecho: 1\.875 lotes en/);

  // → runs the next one (the predictions); ← goes back to the first without running it
  await page.keyboard.press('ArrowRight');
  await waitIdle(second);
  await expect(second).toHaveAttribute('data-result', 'ok');
  await expect(second.getByTestId('exec-count')).toHaveText('[2]');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => onScreen(page, first.getByTestId('run-cell')), { timeout: 5000 }).toBe('inside');
  await page.waitForTimeout(300);
  await expect(first.getByTestId('exec-count')).toHaveText('[1]');
  await expect(first).toHaveAttribute('data-status', 'idle');

  expect(await auditThemes(page, 'presentation mode')).toEqual([]);

  // leaving the mode: editors back, outputs and the URL's other settings kept; the mode leaves the URL
  const batch = await first.getByTestId('knob-batch').inputValue();
  await page.getByTestId('present-toggle').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-present', /.*/);
  await expect(page).toHaveURL(/\/\?samples=60000#\/es\/02$/);
  await expect(first.getByTestId('code-editor')).toBeVisible();
  await expect(first.getByTestId('show-code')).toHaveCount(0);
  await expect(page.getByTestId('present-hint')).toHaveCount(0);
  await expect(chart).toBeVisible();
  await expect(first.getByTestId('exec-count')).toHaveText('[1]');
  await expect(first.getByTestId('knob-batch')).toHaveValue(batch);
  // and back on: a link to this page opens in it
  await page.getByTestId('present-toggle').click();
  await expect(page).toHaveURL(/\/\?samples=60000&present#\/es\/02$/);
  await expect(first.getByTestId('code-editor')).toBeHidden();
});
