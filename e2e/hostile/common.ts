// Shared steps of the hostile suite (issue 11): every attack is tried on a page where a student has
// just edited a cell, and ends by checking that the page still answers and the edit is still there.
import { expect, type Page } from '@playwright/test';
import { codeCell, editorReady, openLesson, setSource } from '../helpers';

/** A marker no lesson contains, so finding it proves the edit survived. */
export function marker(name: string): string {
  return `//kept_${name}_${Date.now().toString(36)}`;
}

/** Opens a lesson and edits its first code cell to `${mark}\n1 + 1`, as a student would before the attack. */
export async function editBeforeAttack(page: Page, mark: string, lang: 'es' | 'en' = 'es', lesson = '01'): Promise<void> {
  await openLesson(page, lang, lesson);
  const cell = codeCell(page, 0);
  await setSource(page, cell, `${mark}\n1 + 1`);
  await expect(cell.getByTestId('edited-badge')).toBeVisible();
}

/** The edit made before the attack is still in the first code cell (optionally after a reload). */
export async function expectEditKept(page: Page, mark: string, opts: { reload?: boolean; lang?: 'es' | 'en'; lesson?: string } = {}): Promise<void> {
  if (opts.reload) {
    // goto to the URL the page is on is only a jump within the page: reload for real
    await openLesson(page, opts.lang ?? 'es', opts.lesson ?? '01');
    await page.reload();
    await expect(page.getByTestId('notebook')).toBeVisible();
  }
  const cell = codeCell(page, 0);
  await expect((await editorReady(cell)).locator('.view-lines')).toContainText(mark, { timeout: 60_000 });
}

/** The page answers: a frame is painted within a second and the toolbar can be clicked. */
export async function expectResponsive(page: Page): Promise<void> {
  const ms = await page.evaluate(() => new Promise<number>((resolve) => {
    const t0 = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));
  expect(ms).toBeLessThan(1000);
  await expect(page.getByTestId('run-all').or(page.getByTestId('stop')).first()).toBeVisible();
  await page.getByTestId('export').click({ trial: true, timeout: 5000 });
}
