// axe (WCAG 2.0/2.1 A and AA rules) for the e2e specs: the page as it is, in light or dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const THEMES = ['light', 'dark'] as const;

export interface Found { where: string; id: string; impact: string; help: string; nodes: string[] }

/** Runs axe on the page as it is; returns the serious and critical violations and prints the rest. */
export async function audit(page: Page, where: string): Promise<Found[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((v) => ({
    where, id: v.id, impact: v.impact ?? 'unknown', help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`),
  }));
  for (const f of found.filter((x) => x.impact !== 'serious' && x.impact !== 'critical')) console.log(`[a11y ${where}] ${f.impact} ${f.id}: ${f.help}\n  ${f.nodes.join('\n  ')}`);
  return found.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

/** The theme is applied (CSS media query, React's useTheme) and painted. */
export async function applyScheme(page: Page, scheme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** axe in both themes on the page as it is: the serious and critical violations of both. */
export async function auditThemes(page: Page, where: string): Promise<Found[]> {
  const bad: Found[] = [];
  for (const scheme of THEMES) {
    await applyScheme(page, scheme);
    bad.push(...(await audit(page, `${where} ${scheme}`)));
  }
  await applyScheme(page, 'light');
  return bad;
}
