import { expect, test } from './fixtures';
import { auditThemes } from './a11y';
import { allEditorsReady } from './helpers';

for (const lang of ['en', 'es'] as const) {
  test(`TEMP run all on lesson 11 (${lang}, quick mode)`, async ({ page }) => {
    test.setTimeout(600_000);
    const key = '11';
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${lang}] ${m.type()}: ${m.text().slice(0, 300)}`); });
    await page.goto(`/?samples=3000&repeats=1#/${lang}/${key}`);
    await expect(page.getByTestId('notebook')).toBeVisible();
    await expect(page.getByTestId('intro-minutes')).toBeVisible();
    expect(await page.getByTestId('intro-goals').locator('li').count()).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole('heading', { name: lang === 'es' ? 'Ideas clave' : 'Key ideas', exact: true })).toBeVisible();
    const cells = page.getByTestId('code-cell');
    const n = await cells.count();
    await page.getByTestId('run-all').click();
    for (let i = 0; i < n; i++) {
      await expect(cells.nth(i), `cell ${i + 1}`).toHaveAttribute('data-result', /ok|error/, { timeout: 300_000 });
      console.log(`[${lang}] cell ${i + 1}: ${(await cells.nth(i).getByTestId('outputs').innerText().catch(() => '')).slice(0, 1500)}`);
    }
    await expect(page.getByTestId('out-error')).toHaveCount(0);
    for (let i = 0; i < n; i++) await expect(cells.nth(i)).toHaveAttribute('data-result', 'ok');
    await allEditorsReady(page);
    expect(await auditThemes(page, `${lang}/${key}`)).toEqual([]);
  });
}
