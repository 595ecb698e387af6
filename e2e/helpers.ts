import { expect, type Locator, type Page } from '@playwright/test';

export function codeCell(page: Page, n: number): Locator {
  return page.getByTestId('code-cell').nth(n);
}

/** Replaces a code cell's source by typing into its (Monaco) editor as a student would. */
export async function setSource(page: Page, cell: Locator, code: string): Promise<void> {
  const editor = cell.getByTestId('code-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
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
