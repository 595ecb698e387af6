// axe (WCAG 2.0/2.1 A and AA rules) on every lesson, in Spanish and English, in the light and dark
// themes, after its cells have run (issue 12): no serious or critical violation; the others are
// printed. Each lesson's cells run once per language (lessons 4–6 train for real: tens of seconds a
// cell) and both themes are checked on that same page. The first screen (the root route) too.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LESSONS = ['01', '02', '03', '04', '05', '06'];
const THEMES = ['light', 'dark'] as const;

interface Found { where: string; id: string; impact: string; help: string; nodes: string[] }

/** Runs axe on the page as it is; returns the serious and critical violations and prints the rest. */
async function audit(page: Page, where: string): Promise<Found[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((v) => ({
    where, id: v.id, impact: v.impact ?? 'unknown', help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`),
  }));
  for (const f of found.filter((x) => x.impact !== 'serious' && x.impact !== 'critical')) console.log(`[a11y ${where}] ${f.impact} ${f.id}: ${f.help}\n  ${f.nodes.join('\n  ')}`);
  return found.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

/** The theme is applied (CSS media query, React's useTheme) and painted. */
async function applyScheme(page: Page, scheme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('the sidebar lists exactly the lessons this spec checks', async ({ page }) => {
  await page.goto('/#/en/01');
  const keys = await page.locator('[data-testid^="lesson-link-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('lesson-link-', '')));
  expect(keys).toEqual(LESSONS);
});

for (const path of ['/', '/#/es', '/#/en']) {
  test(`the first screen (${path}): axe clean in light and dark`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expect(page.locator('[data-testid="code-editor"]:not([data-ready])')).toHaveCount(0, { timeout: 60_000 });
    const bad: Found[] = [];
    for (const scheme of THEMES) {
      await applyScheme(page, scheme);
      bad.push(...(await audit(page, `${path} ${scheme}`)));
    }
    expect(bad).toEqual([]);
  });
}

for (const lang of ['es', 'en'] as const) {
  for (const key of LESSONS) {
    test(`lesson ${key} (${lang}) after running its cells: axe clean in light and dark`, async ({ page }) => {
      test.setTimeout(key >= '04' ? 900_000 : 300_000);
      // quick mode: cells that train with the knobs' samples use 2000 images (the lessons' own calls keep theirs)
      await page.goto(`/?samples=2000#/${lang}/${key}`);
      await expect(page.getByTestId('notebook')).toBeVisible();
      const cells = page.getByTestId('code-cell');
      const n = await cells.count();
      expect(n).toBeGreaterThan(0);
      await page.getByTestId('run-all').click();
      for (let i = 0; i < n; i++) await expect(cells.nth(i), `cell ${i + 1}`).toHaveAttribute('data-result', /./, { timeout: 600_000 });
      await expect(page.getByTestId('run-all')).toBeEnabled();
      await expect(page.locator('[data-testid="code-editor"]:not([data-ready])')).toHaveCount(0, { timeout: 60_000 });
      const bad: Found[] = [];
      for (const scheme of THEMES) {
        await applyScheme(page, scheme);
        bad.push(...(await audit(page, `${lang}/${key} ${scheme}`)));
      }
      expect(bad).toEqual([]);
    });
  }
}
