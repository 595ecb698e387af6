// axe (WCAG 2.0/2.1 A and AA rules), issue 12: no serious or critical violation; the others are
// printed (e2e/a11y.ts). Every lesson is checked in Spanish and English, light and dark, after its
// cells have run, inside notebook.spec.ts's "run all on every lesson" (the cells run once and both
// themes are checked on that page). Here: the first screen, and that the lessons are all there.
import { LESSONS, allEditorsReady } from './helpers';
import { expect, test } from './fixtures';
import { auditThemes } from './a11y';

test('the sidebar lists exactly the lessons notebook.spec checks with axe', async ({ page }) => {
  await page.goto('/#/en/01');
  // the lessons arrive as a chunk of their own (one per language): wait for the list, then compare it
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(page.locator('[data-testid^="lesson-link-"]')).toHaveCount(LESSONS.length);
  const keys = await page.locator('[data-testid^="lesson-link-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('lesson-link-', '')));
  expect(keys).toEqual(LESSONS);
});

for (const path of ['/', '/#/es', '/#/en']) {
  test(`the first screen (${path}): axe clean in light and dark`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await allEditorsReady(page);
    expect(await auditThemes(page, path)).toEqual([]);
  });
}
