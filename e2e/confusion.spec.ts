// show.confusion and show.predictions (issue 14 §2, §3) after a small real run: the matrix on screen
// equals one computed here from the run's predictions and the MNIST test labels; a cell lists exactly
// its digits; the mistakes filter lists only wrong predictions, paged; top 3 on focus; axe clean.
import { expect, test, type Page } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell, setSource } from './helpers';

/** The MNIST test labels, read here from the served file (gzip or already decoded by the browser). */
async function testLabels(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const res = await fetch('/mnist/t10k-labels-idx1-ubyte.gz');
    let bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return Array.from(bytes.subarray(8));
  });
}

const CODE = [
  "const run = await train({ backend: 'js', samples: 2000, epochs: 1, chart: false });",
  "show.text('P:' + Array.from(run.predictions).join(''));",
  'await show.confusion(run);',
  "await show.predictions(run, { filter: 'mistakes', count: 16 });",
].join('\n');

test('confusion matrix and mistakes of a run: the numbers, a cell\'s digits, the mistakes filter, paging, top 3, axe', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/en/03');
  const cell = codeCell(page, 1);
  await setSource(page, cell, CODE);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });

  const text = await cell.getByTestId('out-text').filter({ hasText: /^P:/ }).textContent();
  const preds = Array.from(text!.trim().slice(2), Number);
  const labels = await testLabels(page);
  expect(preds).toHaveLength(10_000);
  expect(labels).toHaveLength(10_000);
  const want = new Array<number>(100).fill(0);
  labels.forEach((l, i) => want[l * 10 + preds[i]]++);

  // the matrix on screen, cell by cell (its data and the number written in it)
  const matrix = cell.getByTestId('confusion');
  const cells = matrix.getByTestId('confusion-cell');
  await expect(cells).toHaveCount(100);
  const shown = await cells.evaluateAll((els) => els.map((e) => ({ r: Number(e.dataset.row), c: Number(e.dataset.col), n: Number(e.dataset.count), text: e.textContent })));
  const got = new Array<number>(100).fill(-1);
  for (const s of shown) {
    got[s.r * 10 + s.c] = s.n;
    expect(s.text).toBe(s.n.toLocaleString('en-US'));
  }
  expect(got).toEqual(want);
  const hit = labels.filter((l, i) => l === preds[i]).length;
  await expect(matrix.getByTestId('confusion-accuracy')).toContainText(`(${hit.toLocaleString('en-US')} of 10,000 test digits)`);

  // the off-diagonal cell with the most digits lists exactly them, by keyboard (Enter)
  let best = -1;
  for (let k = 0; k < 100; k++) if (Math.floor(k / 10) !== k % 10 && (best < 0 || want[k] > want[best])) best = k;
  const [r, c] = [Math.floor(best / 10), best % 10];
  const expected = labels.flatMap((l, i) => (l === r && preds[i] === c ? [i] : []));
  expect(expected.length).toBeGreaterThan(0);
  await matrix.locator(`[data-testid="confusion-cell"][data-row="${r}"][data-col="${c}"]`).focus();
  await page.keyboard.press('Enter');
  const gallery = matrix.getByTestId('confusion-gallery');
  await expect(gallery).toHaveAttribute('data-total', String(expected.length));
  const listed = await gallery.locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
  expect(listed).toEqual(expected.slice(0, 32));
  await expect(matrix.getByTestId('confusion-pairs').locator('li').first()).toContainText(`true ${r} → predicted ${c}: ${expected.length}`);

  // the table view has the same numbers
  await matrix.getByTestId('confusion-table-view').click();
  const row = await matrix.getByTestId('confusion-table').locator('tbody tr').nth(r).locator('td').allTextContents();
  expect(row.slice(0, 10).map((s) => Number(s.replace(/,/g, '')))).toEqual(want.slice(r * 10, r * 10 + 10));

  // mistakes: every listed digit is wrong, the whole list is every mistake, paged 16 at a time
  const wrong = labels.flatMap((l, i) => (l !== preds[i] ? [i] : []));
  const mistakes = cell.getByTestId('prediction-gallery');
  await expect(mistakes).toHaveAttribute('data-total', String(wrong.length));
  const items = mistakes.locator('li');
  await expect(items).toHaveCount(16);
  await expect(mistakes.locator('li:not([data-wrong])')).toHaveCount(0);
  const page1 = await items.evaluateAll((els) => els.map((e) => [Number(e.dataset.index), Number(e.dataset.label), Number(e.dataset.predicted)]));
  for (const [i, l, p] of page1) expect([l, p]).toEqual([labels[i], preds[i]]);
  expect(page1.every(([, l, p]) => l !== p)).toBe(true);
  await expect(items.first()).toHaveAttribute('aria-label', new RegExp(`^predicted ${page1[0][2]} · true ${page1[0][1]} · Top 3: ${page1[0][2]}: `));
  const total = wrong.length.toLocaleString('en-US');
  await expect(mistakes.getByTestId('pager-range')).toHaveText(`1–16 of ${total}`);
  await mistakes.getByTestId('pager-next').click();
  await expect(mistakes.getByTestId('pager-range')).toHaveText(`17–32 of ${total}`);
  const page2 = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.index)));
  expect(page2.every((i) => labels[i] !== preds[i] && !page1.some(([j]) => j === i))).toBe(true);
  await mistakes.getByTestId('pager-prev').click();
  await expect(mistakes.getByTestId('pager-range')).toHaveText(`1–16 of ${total}`);

  // the top 3 shows on keyboard focus
  await items.first().focus();
  await expect(items.first().getByTestId('top3')).toBeVisible();
  await expect(items.first().getByTestId('top3')).toHaveText(new RegExp(`^Top 3${page1[0][2]}: \\d+\\.\\d%(\\d: \\d+\\.\\d%){2}$`));

  await matrix.getByTestId('confusion-grid-view').click();
  expect(await auditThemes(page, 'confusion')).toEqual([]);

  // saved with the cell: after a reload the matrix is the same and the mistakes still page (the page has the images)
  await page.reload();
  const again = codeCell(page, 1);
  await expect(again.getByTestId('confusion-cell')).toHaveCount(100);
  const restored = await again.getByTestId('confusion-cell').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
  expect(restored).toEqual(want);
  const list = again.getByTestId('prediction-gallery');
  await list.getByTestId('pager-next').click();
  await expect(list.getByTestId('pager-range')).toHaveText(`17–32 of ${total}`);
  await expect(list.locator('li canvas')).toHaveCount(16);
});
