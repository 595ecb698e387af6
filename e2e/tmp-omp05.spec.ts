import { expect, test } from './fixtures';
import { auditThemes } from './a11y';
import { allEditorsReady } from './helpers';

for (const lang of ['en', 'es'] as const) {
  test(`TEMP run all on lesson 05 (${lang})`, async ({ page }) => {
    test.setTimeout(900_000);
    const key = '05';
    await page.goto(`/?samples=3000&repeats=1#/${lang}/${key}`);
    await expect(page.getByTestId('notebook')).toBeVisible();
    const cells = page.getByTestId('code-cell');
    const n = await cells.count();
    await page.getByTestId('run-all').click();
    for (let i = 0; i < n; i++) {
      await expect(cells.nth(i), `lesson ${key} (${lang}), cell ${i + 1}`).toHaveAttribute('data-result', 'ok', { timeout: 300_000 });
    }
    await expect(page.getByTestId('out-error'), `lesson ${key} (${lang})`).toHaveCount(0);
    for (let i = n - 5; i < n; i++) console.log(lang, i, (await cells.nth(i).locator('[data-testid^="out-"]').allInnerTexts()).join(' | ').slice(0, 900));
    await allEditorsReady(page);
    expect(await auditThemes(page, `${lang}/${key}`)).toEqual([]);
  });
}
