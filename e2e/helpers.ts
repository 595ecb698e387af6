import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** Every lesson file's key ('00', '01', …), sorted (Playwright runs from the repository root). */
export const LESSONS = readdirSync('src/lessons/en').filter((f) => /^\d\d-.+\.md$/.test(f)).map((f) => f.slice(0, 2)).sort();

/** How many code cells an English lesson has, read from its Markdown (so a lesson can grow without editing the specs). */
export function lessonCells(key: string): number {
  const file = readdirSync('src/lessons/en').find((f) => f.startsWith(`${key}-`) && f.endsWith('.md'));
  if (!file) throw new Error(`no lesson ${key} in src/lessons/en`);
  return (readFileSync(`src/lessons/en/${file}`, 'utf8').match(/^```js cell\b/gm) ?? []).length;
}

export function codeCell(page: Page, n: number): Locator {
  return page.getByTestId('code-cell').nth(n);
}

/** Focuses the cell's editor (its textarea, as Tab would), which loads Monaco (issue 18 §5), and waits for it. */
export async function editorReady(cell: Locator): Promise<Locator> {
  const editor = cell.getByTestId('code-editor');
  // the textarea may be swapped for Monaco between the look and the focus (Monaco already loaded by
  // another editor): a short focus that may find nothing, then the wait for Monaco
  await editor.waitFor({ state: 'attached', timeout: 60_000 });
  const fallback = editor.locator('textarea.code-fallback');
  if (await fallback.count()) await fallback.focus({ timeout: 3000 }).catch(() => undefined);
  await expect(editor).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return editor;
}

/** Every code editor on the page as Monaco (focusing the first loads it for all), or none on the page. */
export async function allEditorsReady(page: Page): Promise<void> {
  const first = page.locator('textarea.code-fallback').first();
  if (await first.count()) await first.focus({ timeout: 3000 }).catch(() => undefined);
  await expect(page.locator('[data-testid="code-editor"]:not([data-ready])')).toHaveCount(0, { timeout: 60_000 });
}

/** Replaces a code cell's source by typing into its (Monaco) editor as a student would. */
export async function setSource(page: Page, cell: Locator, code: string): Promise<void> {
  const editor = await editorReady(cell);
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

export async function waitIdle(cell: Locator, timeout = 120_000): Promise<void> {
  await expect(cell).toHaveAttribute('data-status', 'idle', { timeout });
}

export async function openLesson(page: Page, lang: 'es' | 'en', key: string): Promise<void> {
  await page.goto(`/#/${lang}/${key}`);
  await expect(page.getByTestId('notebook')).toBeVisible();
}

/** Serve every response without COOP/COEP, as a plain static host would: the page is not cross-origin isolated (no SharedArrayBuffer). */
export async function withoutIsolation(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    try {
      const res = await route.fetch();
      const headers = { ...res.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response: res, headers });
    } catch {
      // a request cancelled by a navigation (a reload): nothing to answer
    }
  });
}
