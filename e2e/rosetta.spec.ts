// The Rosetta panel (issue 16 §6): under a short training run, "Equivalent code" opens (closed by
// default) on the backend's own world, the cell's options are in the code (and move with a knob),
// the tabs work from the keyboard (ARIA tabs), Copy copies the tab's code, the code is highlighted
// by Monaco, a phone scrolls the code and not the page, and axe passes on the open panel in both themes.
import AxeBuilder from '@axe-core/playwright';
import { applyScheme, THEMES } from './a11y';
import { expect, test, type Page } from './fixtures';
import { codeCell, setSource } from './helpers';

async function train(page: Page, code: string) {
  const cell = codeCell(page, 0);
  await setSource(page, cell, code);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  return cell;
}

test('workers run: joblib and Dask lead, the options are in the code, keyboard tabs, Copy, highlight, phone, axe', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?samples=1000#/en/02');
  const cell = await train(page, `await train({ backend: 'workers', workers: 2, epochs: 1, batchSize: 50, learningRate: 0.07, seed: 7 })`);

  const panel = cell.getByTestId('rosetta');
  await expect(panel.locator('summary')).toHaveText('Equivalent code');
  await expect(panel).not.toHaveAttribute('open');
  await expect(panel.getByTestId('rosetta-code')).toHaveCount(0);
  await panel.locator('summary').click();

  const tabs = panel.getByRole('tab');
  await expect(tabs).toHaveText(['joblib', 'Dask', 'Python (numpy)', 'C + OpenMP', 'PyCUDA']);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  const code = panel.getByTestId('rosetta-code');
  await expect(code).toContainText('batch_size = 50');
  await expect(code).toContainText('Parallel(n_jobs=2)');
  await expect(code).toContainText('learning_rate = 0.07');
  await expect(code).toHaveAttribute('data-highlighted', 'true'); // Monaco's colours, loaded on open
  expect(await code.locator('span[class^="mtk"]').count()).toBeGreaterThan(50);

  // keyboard: arrows move and select, Home and End jump; focus follows
  await tabs.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(code).toContainText('LocalCluster(n_workers=2, threads_per_worker=1)');
  await page.keyboard.press('End');
  await expect(tabs.nth(4)).toHaveAttribute('aria-selected', 'true');
  await expect(code).toContainText('import pycuda.driver as cuda');
  await page.keyboard.press('ArrowRight'); // wraps around
  await expect(tabs.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.nth(3)).toHaveAttribute('aria-selected', 'true');
  await expect(code).toContainText('#define BATCH_SIZE 50');
  await expect(panel.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', (await tabs.nth(3).getAttribute('id'))!);

  // Copy puts exactly the tab's code on the clipboard
  await panel.getByTestId('rosetta-copy').click();
  await expect(panel.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('#pragma omp parallel for');
  expect(copied.trimEnd()).toBe((await code.innerText()).trimEnd());

  // axe on the open panel, light and dark
  for (const scheme of THEMES) {
    await applyScheme(page, scheme);
    for (const i of [0, 3]) {
      await tabs.nth(i).click();
      await expect(code).toHaveAttribute('data-highlighted', 'true');
      const axe = await new AxeBuilder({ page }).include('[data-testid="rosetta"]').analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${scheme}, tab ${i}`).toEqual([]);
    }
  }
  await applyScheme(page, 'light');

  // a phone: the long lines scroll inside the code block, never the page
  await page.setViewportSize({ width: 390, height: 844 });
  await code.scrollIntoViewIfNeeded();
  const widths = await code.evaluate((el) => ({ code: el.scrollWidth, box: el.clientWidth, page: document.documentElement.scrollWidth }));
  expect(widths.code).toBeGreaterThan(widths.box);
  expect(widths.page).toBeLessThanOrEqual(390);
});

test('a js run in Spanish opens on numpy, and a new batch size changes the code', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?samples=1000#/es/02');
  let cell = await train(page, `await train({ backend: 'js', epochs: 1, batchSize: 50, seed: 7 })`);
  let panel = cell.getByTestId('rosetta');
  await expect(panel.locator('summary')).toHaveText('Código equivalente');
  await panel.locator('summary').click();
  await expect(panel.getByRole('tab').first()).toHaveText('Python (numpy)');
  await expect(panel.getByRole('tab', { selected: true })).toHaveText('Python (numpy)');
  await expect(panel.getByTestId('rosetta-code')).toContainText('batch_size = 50');
  await expect(panel.getByRole('tablist')).toHaveAccessibleName('Este entrenamiento en otros lenguajes y bibliotecas');

  cell = await train(page, `await train({ backend: 'js', epochs: 1, batchSize: 125, seed: 7 })`);
  panel = cell.getByTestId('rosetta');
  await panel.locator('summary').click();
  await expect(panel.getByTestId('rosetta-code')).toContainText('batch_size = 125');
  await expect(panel.getByTestId('rosetta-code')).not.toContainText('batch_size = 50');
});
