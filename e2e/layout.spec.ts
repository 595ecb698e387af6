// Layout (issue 12 §1–2): no horizontal page scroll at 360px on any lesson, with outputs present; the
// lessons drawer on phones, by keyboard; the sticky sidebar on desktops; the welcome page's path (read
// against the lessons' own front matter) and its one-click race.
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { splitFrontMatter } from '../src/notebook/core/lesson';
import { plainText } from '../src/components/text/inlineCode';
import { codeCell, editorReady, setSource } from './helpers';

const PHONE = { width: 360, height: 740 };
const LANGS = ['es', 'en'] as const;

interface LessonFile { key: string; title: string; minutes?: number; summary?: string; goals: string[] }

function lessonFiles(lang: 'es' | 'en'): LessonFile[] {
  const dir = `src/lessons/${lang}`; // Playwright runs from the repository root
  return readdirSync(dir).filter((f) => /^\d\d-.+\.md$/.test(f)).sort().map((f) => {
    const { meta, body } = splitFrontMatter(readFileSync(`${dir}/${f}`, 'utf8'));
    return { key: f.slice(0, 2), title: body.match(/^#\s+(.+)$/m)![1].trim(), ...meta };
  });
}

/** The page does not scroll sideways, and cannot hide that it would (no overflow clipping on html/body).
 * On failure, names the elements that stick out past the right edge. */
async function expectNoPageScroll(page: Page, where: string): Promise<void> {
  const m = await page.evaluate(() => {
    const root = document.documentElement;
    const cw = root.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *, header *')) {
      const r = el.getBoundingClientRect();
      if (r.right <= cw + 0.5 || r.width === 0) continue;
      // inside a box that scrolls or clips on its own: fine
      let p = el.parentElement;
      let boxed = false;
      for (; p && p !== document.body; p = p.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) { boxed = true; break; }
      if (!boxed && out.length < 5) out.push(`${el.tagName.toLowerCase()}.${el.className}[${Math.round(r.right)}]`);
    }
    return { sw: root.scrollWidth, cw, html: getComputedStyle(root).overflowX, body: getComputedStyle(document.body).overflowX, out };
  });
  expect([where, m.html, m.body]).toEqual([where, 'visible', 'visible']);
  expect(m.sw, `${where}: the page is ${m.sw}px wide in a ${m.cw}px window; sticking out: ${m.out.join(', ')}`).toBeLessThanOrEqual(m.cw);
}

/** Wide outputs a student can make: a 24-column table, a long word, a long line of code. */
const WIDE = [
  "const row = Object.fromEntries(Array.from({ length: 24 }, (_, i) => ['column_' + (i + 1), 'a_wide_value_' + (i + 1)]));",
  'show.table([row, row]);',
  "show.text('no_spaces_here_'.repeat(40));",
  "show.code('const aVeryLongLine = [' + '\"x\", '.repeat(60) + '];', 'js');",
].join('\n');

test.describe('phone, 360px', () => {
  test.use({ viewport: PHONE });

  for (const lang of LANGS) {
    test(`no horizontal page scroll on any lesson, with outputs (${lang})`, async ({ page }) => {
      test.setTimeout(240_000);
      const files = lessonFiles(lang);
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const { key } of files) {
        await page.goto(`/?samples=1000#/${lang}/${key}`);
        await expect(page.getByTestId('notebook')).toBeVisible();
        await expect(page.getByTestId('lesson-intro')).toBeVisible();
        await expect(page.locator('h1:visible'), 'the title is said once').toHaveCount(1);
        const cells = page.getByTestId('code-cell');
        if (Number(key) <= 3) {
          // the fast lessons: every cell, for real
          await page.getByTestId('run-all').click();
          const n = await cells.count();
          for (let i = 0; i < n; i++) await expect(cells.nth(i), `${lang}/${key} cell ${i + 1}`).toHaveAttribute('data-result', 'ok', { timeout: 120_000 });
        } else {
          // lesson 4's first cell is fast (its table wraps its cells to fit); 5 and 6 train for 20–40 s per
          // cell, so their first cell is edited to show the widest outputs a student can make
          const first = codeCell(page, 0);
          const wide = key !== '04';
          if (wide) await setSource(page, first, WIDE);
          await first.getByTestId('run-cell').click();
          await expect(first).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
          const table = first.getByTestId('out-table').first();
          await expect(table).toBeVisible();
          if (wide) {
            const box = await table.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
            expect(box.sw, `${lang}/${key}: the table is wider than the screen and scrolls in its own box`).toBeGreaterThan(box.cw);
            // and a keyboard can scroll it: it takes the focus, the arrow keys move it
            await expect(table).toHaveAttribute('tabindex', '0');
            await table.focus();
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('ArrowRight');
            await expect.poll(() => table.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
          }
        }
        await expectNoPageScroll(page, `${lang}/${key}`);
      }
    });
  }

  test('cells far below are not laid out until they come near the screen; their boxes keep a tab stop until measured there', async ({ page }) => {
    const BOXES = '.katex-display, .markdown-cell table, .markdown-cell pre';
    await page.goto('/#/es/00');
    await expect(page.locator('[data-testid="notebook"][data-complete]')).toBeAttached();
    await page.waitForTimeout(1500); // the tab-stop marker has been over the page
    // content-visibility: auto (issue 18 §5): the last cell is skipped while far below the screen
    expect(await page.locator('[data-cell-index]').last().evaluate((el) => el.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
    // the boxes in skipped cells: the page has not measured them, so each has a tab stop
    const far = await page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)]
      .map((el, i) => ({ i, skipped: !el.checkVisibility({ contentVisibilityAuto: true }), stop: el.getAttribute('tabindex') }))
      .filter((b) => b.skipped), BOXES);
    expect(far.length, 'es/00 has code and maths below the first screen on a phone').toBeGreaterThan(3);
    expect(far.filter((b) => b.stop !== '0')).toEqual([]);
    // near the screen each is measured: a box that fits loses its stop, a wide one keeps it and scrolls
    // by keyboard. What fits is read again on the laid-out page once its fonts are in: the read above
    // may come before KaTeX's fonts (requested only when a cell is drawn), and fonts differ by machine.
    const ends: { i: number; wide: boolean }[] = [];
    for (const { i } of far) {
      const el = page.locator(BOXES).nth(i);
      await el.scrollIntoViewIfNeeded();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await expect.poll(() => el.evaluate((e) => {
        const overflows = e.scrollWidth > e.clientWidth + 1;
        return overflows === (e.getAttribute('tabindex') === '0') ? 'stop ⇔ overflow' : `${e.scrollWidth} > ${e.clientWidth} is ${overflows}, tabindex ${e.getAttribute('tabindex')}`;
      }), `box ${i}`).toBe('stop ⇔ overflow');
      ends.push({ i, wide: await el.evaluate((e) => e.scrollWidth > e.clientWidth + 1) });
    }
    expect(ends.filter((b) => !b.wide).length, 'some box that fits lost its stop').toBeGreaterThan(0);
    const last = ends.filter((b) => b.wide).pop();
    expect(last, 'some wide box kept its stop').toBeDefined();
    const box = page.locator(BOXES).nth(last!.i);
    await box.scrollIntoViewIfNeeded();
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // a box measured once keeps its state when its cell is skipped again (no stop comes back on one that fits)
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(800);
    const back = await page.evaluate(({ sel, fit }) => fit.map((i) => document.querySelectorAll(sel)[i].getAttribute('tabindex')), { sel: BOXES, fit: ends.filter((b) => !b.wide).map((b) => b.i) });
    expect(back.filter((t) => t !== null)).toEqual([]);
  });

  test('the lessons drawer opens and closes with the keyboard, and a click outside closes it', async ({ page }) => {
    await page.goto('/#/es/02');
    await expect(page.getByTestId('notebook')).toBeVisible();
    const button = page.getByTestId('menu-button');
    const nav = page.getByTestId('sidebar');
    await expect(button).toHaveAttribute('aria-controls', (await nav.getAttribute('id'))!);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    const focusInDrawer = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="sidebar"]')));

    // Tab from the top: the skip link, then the menu button
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await expect.poll(focusInDrawer).toBe(true);
    await expectNoPageScroll(page, 'drawer open');
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();

    await page.keyboard.press('Space');
    await expect(nav).toBeVisible();
    await expect.poll(focusInDrawer).toBe(true);
    await page.mouse.click(PHONE.width - 10, PHONE.height / 2); // beside the drawer
    await expect(nav).toBeHidden();
    await expect(button).toBeFocused();

    // picking a lesson closes the drawer and opens the lesson
    await button.click();
    await nav.getByTestId('lesson-link-03').click();
    await expect(page).toHaveURL(/#\/es\/03$/);
    await expect(nav).toBeHidden();
    await expect(page.getByTestId('notebook')).toHaveAttribute('data-lesson', /^03-/);
  });
});

test('desktop: the sidebar stays in view while the lesson scrolls, and there is no menu button', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/en/04');
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(page.getByTestId('menu-button')).toBeHidden();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  const box = (await page.getByTestId('sidebar').boundingBox())!;
  expect(box.y).toBeLessThanOrEqual(0.5);
  expect(box.y + box.height).toBeGreaterThanOrEqual(899);
  await expect(page.getByTestId('lesson-link-01')).toBeInViewport();
  await expect(page.getByTestId('nav-home')).toBeInViewport();
});

test('the first screen is the welcome page; it lists every lesson with its time, summary and goals', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('see-it-race')).toBeVisible();
  for (const lang of LANGS) {
    await page.goto(`/#/${lang}`);
    await expect(page.getByTestId('welcome')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const files = lessonFiles(lang);
    await expect(page.locator('[data-testid^="welcome-lesson-"]')).toHaveCount(files.length);
    for (const f of files) {
      const card = page.getByTestId(`welcome-lesson-${f.key}`);
      await expect(card.locator('h3')).toContainText(f.title);
      await expect(card.getByTestId(`welcome-minutes-${f.key}`)).toHaveText(`${f.minutes} min`);
      await expect(card).toContainText(plainText(f.summary!));
      await expect(card.getByTestId(`welcome-goals-${f.key}`).locator('li')).toHaveText(f.goals.map(plainText));
      // `code` in a goal is shown as code, never as literal backticks
      await expect(card.getByTestId(`welcome-goals-${f.key}`).locator('li code')).toHaveCount(f.goals.join('').split('`').length >> 1);
    }
    await expect(page.getByTestId('welcome-total')).toContainText(`${files.length}`);
    await expectNoPageScroll(page, `welcome ${lang}`);

    // a card opens its lesson, whose intro repeats the time and goals
    const f = files[3];
    await page.getByTestId(`welcome-link-${f.key}`).click();
    await expect(page.getByTestId('notebook')).toHaveAttribute('data-lesson', new RegExp(`^${f.key}-`));
    await expect(page.getByTestId('intro-minutes')).toHaveText(`${f.minutes} min`);
    await expect(page.getByTestId('intro-goals').locator('li')).toHaveText(f.goals.map(plainText));
    // the name in the header goes back to the welcome page
    await page.getByTestId('brand').click();
    await expect(page.getByTestId('welcome')).toBeVisible();
  }
});

test('"See it race" opens lesson 3 and runs its first cell, once', async ({ page }) => {
  test.setTimeout(180_000);
  // from lesson 3 to the welcome page and back by the race: the lesson's notebook is the one kept, and
  // nothing replaces it (and stops its run) after the run has started
  await page.goto('/?samples=1000#/en/03');
  await expect(page.getByTestId('notebook')).toBeVisible();
  await page.getByTestId('brand').click();
  await page.getByTestId('see-it-race').click();
  const first = codeCell(page, 0);
  await expect(first).toHaveAttribute('data-status', /^(queued|running)$/);
  await expect(page.getByTestId('notebook')).toHaveAttribute('data-lesson', /^03-/);
  // the flag has left the address: a reload or Back does not run it again
  await expect(page).toHaveURL(/\?samples=1000#\/en\/03$/);
  await expect(first).toHaveAttribute('data-result', 'ok', { timeout: 150_000 });
  await expect(first.getByTestId('exec-count')).toHaveText('[1]');
  await expect(first.getByTestId('chart-line')).toBeVisible();
  await expect(codeCell(page, 1)).not.toHaveAttribute('data-result');

  await page.reload();
  await expect(page.getByTestId('notebook')).toBeVisible();
  await editorReady(first);
  await expect(first).toHaveAttribute('data-status', 'idle');
});
