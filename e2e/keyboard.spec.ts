// Keyboard use of the notebook (issue 12): Tab enters and leaves a code editor without changing it,
// Tab indents once the student edits, Escape then Tab (or Shift+Tab) leaves, Shift+Enter moves to
// the next editor, and `?` opens the shortcuts panel, which Escape closes with the focus returned.
import { expect, test, type Locator, type Page } from './fixtures';
import { codeCell, editorReady, openLesson } from './helpers';

/** Where the focus is: the index of its code cell (-1: none), whether it is a code editor's text
 * input (Monaco's, or the textarea before it), and its test id. */
async function focus(page: Page): Promise<{ cell: number; editor: boolean; testid: string | null }> {
  return page.evaluate(() => {
    const a = document.activeElement;
    const cell = a?.closest('[data-testid="code-cell"]');
    const editor = !!a && (a.matches('.code-fallback') || (!!a.closest('.monaco-editor') && a.getAttribute('role') === 'textbox'));
    return { cell: cell ? [...document.querySelectorAll('[data-testid="code-cell"]')].indexOf(cell) : -1, editor, testid: a?.getAttribute('data-testid') ?? null };
  });
}

/** The code as Monaco shows it (every line of these short cells is on screen). */
async function shownCode(cell: Locator): Promise<string> {
  const lines = await cell.locator('.view-line').evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') })));
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n');
}

async function ready(cell: Locator): Promise<void> {
  await editorReady(cell);
}

/** From the cell's "Run from here" button, Tab until the focus is in its editor (knobs may come first). */
async function tabIntoEditor(page: Page, cell: Locator, n: number): Promise<void> {
  await cell.getByTestId('run-from').focus();
  for (let i = 0; i < 12 && !(await focus(page)).editor; i++) await page.keyboard.press('Tab');
  expect(await focus(page)).toMatchObject({ cell: n, editor: true });
}

test('Tab enters an editor and leaves it (Tab, Shift+Tab, Escape then Tab) without changing it', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const cell = codeCell(page, 0);
  await ready(cell);
  const before = await shownCode(cell);
  expect(before).toContain('mnist()');

  await tabIntoEditor(page, cell, 0);
  await expect(cell.getByTestId('editor-mode')).toHaveText(''); // nothing is announced on the way in
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor, 'Tab leaves the editor it entered').toBe(false);

  await page.keyboard.press('Shift+Tab');
  expect(await focus(page)).toMatchObject({ cell: 0, editor: true });
  await page.keyboard.press('Shift+Tab');
  expect(await focus(page), 'Shift+Tab leaves it backwards').toMatchObject({ cell: 0, editor: false, testid: 'run-from' });

  await page.keyboard.press('Tab');
  expect(await focus(page)).toMatchObject({ cell: 0, editor: true });
  await page.keyboard.press('Escape');
  await expect(cell.getByTestId('editor-mode')).toHaveText('Tab leaves the editor');
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor).toBe(false);

  await expect(cell).not.toHaveAttribute('data-edited', /.*/);
  await expect(cell.getByTestId('edited-badge')).toHaveCount(0);
  expect(await shownCode(cell)).toBe(before);
});

test('after an edit Tab indents; Escape then Tab or Shift+Tab leaves', async ({ page }) => {
  await openLesson(page, 'es', '01');
  const cell = codeCell(page, 0);
  await ready(cell);
  await tabIntoEditor(page, cell, 0);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.type('// x'); // a comment: no suggestion widget to take Tab or Escape
  await expect(cell.getByTestId('editor-mode')).toHaveText('Tab sangra el código; Escape y luego Tab sale del editor');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  expect(await focus(page), 'Tab indents while editing').toMatchObject({ cell: 0, editor: true });
  expect((await shownCode(cell)).split('\n').at(-1)).toBe('  // x');
  await expect(cell).toHaveAttribute('data-edited', 'true');

  await page.keyboard.press('Escape');
  await expect(cell.getByTestId('editor-mode')).toHaveText('Tab mueve el foco fuera del editor');
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor).toBe(false);
  expect((await shownCode(cell)).split('\n').at(-1), 'leaving inserts nothing').toBe('  // x');

  // a click puts the editor in editing mode at once; Escape then Shift+Tab leaves backwards
  await cell.locator('.view-lines').click();
  await page.mouse.move(0, 0); // no hover widget (Escape would close it first)
  await page.keyboard.press('Tab');
  expect(await focus(page)).toMatchObject({ cell: 0, editor: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  expect(await focus(page)).toMatchObject({ cell: 0, editor: false });
});

test('Ctrl+Enter runs the cell; Shift+Enter runs it and moves the focus into the next editor', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const [first, second] = [codeCell(page, 0), codeCell(page, 1)];
  await ready(first);
  await ready(second);
  await tabIntoEditor(page, first, 0);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(first).toHaveAttribute('data-result', 'ok', { timeout: 120_000 });
  expect(await focus(page), 'Ctrl+Enter keeps the focus').toMatchObject({ cell: 0, editor: true });
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => focus(page)).toMatchObject({ cell: 1, editor: true });
  await expect(first).toHaveAttribute('data-result', 'ok', { timeout: 120_000 });
  // it arrives as by Tab: Tab moves on and nothing was edited
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor).toBe(false);
  await expect(second).not.toHaveAttribute('data-edited', /.*/);
});

test('the textarea before Monaco loads: Tab in and out unchanged, Tab indents after an edit, Escape then Tab leaves', async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  // hold Monaco's chunk back, so the fallback textarea is what the student has
  await page.route(/\/assets\/monaco[^/]*\.js$/, async (route) => { await gate; await route.continue(); });
  await openLesson(page, 'en', '01');
  const cell = codeCell(page, 0);
  const area = cell.locator('textarea.code-fallback');
  await expect(area).toBeVisible();
  const before = await area.inputValue();

  await tabIntoEditor(page, cell, 0);
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor).toBe(false);
  expect(await area.inputValue()).toBe(before);
  await expect(cell).not.toHaveAttribute('data-edited', /.*/);

  await area.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nx');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  expect(await focus(page)).toMatchObject({ cell: 0, editor: true });
  expect(await area.inputValue()).toBe(`${before}\n  x`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect((await focus(page)).editor).toBe(false);
  expect(await area.inputValue()).toBe(`${before}\n  x`);

  release();
  await ready(cell);
  expect(await shownCode(cell)).toBe(`${before}\n  x`);
});

test('? opens the shortcuts panel (not from inside an editor); Escape closes it and the focus returns', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const cell = codeCell(page, 0);
  await ready(cell);
  const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

  const run = cell.getByTestId('run-cell');
  await run.focus();
  await page.keyboard.press('?');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('row')).toHaveCount(9); // a header and 8 shortcuts
  await expect(panel).toContainText('Run the cell and go to the next one');
  expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  // modal: Tab stays in the panel (nothing outside it takes the focus)
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => { const a = document.activeElement; return !a || a === document.body || !!a.closest('dialog'); })).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(run).toBeFocused();

  // typed in an editor, ? is text
  await tabIntoEditor(page, cell, 0);
  await page.keyboard.press('?');
  await expect(panel).toBeHidden();
  await expect(cell).toHaveAttribute('data-edited', 'true');

  // the button opens it too, in the page's language
  await page.goto('/#/es/01');
  const button = page.getByTestId('shortcuts-button');
  await button.click();
  const es = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(es).toBeVisible();
  await expect(es).toContainText('Ejecuta la celda y pasa a la siguiente');
  await es.getByTestId('shortcuts-close').click();
  await expect(es).toBeHidden();
  await expect(button).toBeFocused();
});
