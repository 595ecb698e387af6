// Lessons ship their Markdown rendered at build time (src/lessons/compile.ts, issue 18 §5), and the
// page inserts that HTML without running DOMPurify on it. That is safe only if DOMPurify, as the page
// configures it, would change nothing in it: checked here for every lesson in both languages, in the
// browser (DOMPurify needs a DOM). And the page does render it: a lesson's maths is KaTeX's markup
// without markdown-it or KaTeX's JavaScript loaded, while an imported notebook still loads them.
import { expect, test } from './fixtures';
import { LESSONS, openLesson } from './helpers';

test('DOMPurify would change nothing in any lesson\'s build-time HTML, and every Markdown cell has it', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  const all = await page.evaluate(() => window.harness.lessonHtml());
  expect(all.length).toBe(2 * LESSONS.length);
  for (const l of all) {
    expect(l.markdown, `${l.lang}/${l.slug} has Markdown cells`).toBeGreaterThan(0);
    expect(l.withHtml, `${l.lang}/${l.slug}: every Markdown cell has its HTML`).toBe(l.markdown);
    expect(l.removed, `${l.lang}/${l.slug}: what DOMPurify would change`).toEqual([]);
  }
  // the check can fail: a link the hook would mark, and an element it would remove
  expect(await page.evaluate(() => window.harness.sanitizeChanges('<p><a href="https://example.com">x</a></p>'))).toEqual(['changed']);
  expect(await page.evaluate(() => window.harness.sanitizeChanges('<p>x<img src=x onerror="alert(1)"></p>'))).toEqual(['onerror on <img>']);
});

test('a lesson paints its maths from the build, without loading markdown-it or KaTeX\'s code', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await openLesson(page, 'es', '02');
  await expect(page.locator('[data-testid="markdown-cell"] .katex').first()).toBeVisible();
  await expect(page.locator('[data-testid="notebook"][data-complete]')).toBeAttached();
  await expect(page.locator('[data-testid="markdown-cell"][data-pending]')).toHaveCount(0);
  expect(scripts.filter((s) => /vendor-(katex|markdown)/.test(s))).toEqual([]);
});
