// Progress everywhere (issue 13 §5): a sweep shows one bar for the whole ("run 2 of 3", an ETA) whose
// value rises to the end, each train() inside it says which run it is and ends at 100%, and Stop in
// the middle of a sweep ends it there, saying so, with the notebook as it was.
import { expect, test, type Page } from './fixtures';
import { codeCell, openLesson, setSource, waitIdle } from './helpers';

interface Seen { value: number; max: number; text: string }

/** Records every state of the sweep's bar the page shows, from now on (a MutationObserver on the notebook). */
async function watchSweepBar(page: Page): Promise<() => Promise<Seen[]>> {
  await page.evaluate(() => {
    const seen: Seen[] = [];
    (window as unknown as { __sweep: Seen[] }).__sweep = seen;
    const record = () => {
      for (const el of document.querySelectorAll<HTMLProgressElement>('[data-testid="out-progress"] progress')) {
        const name = document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent;
        if (name !== 'Sweep') continue;
        const s = { value: el.value, max: el.max, text: el.getAttribute('aria-valuetext') ?? '' };
        const last = seen[seen.length - 1];
        if (!last || last.value !== s.value || last.text !== s.text) seen.push(s);
      }
    };
    new MutationObserver(record).observe(document.querySelector('[data-testid="notebook"]')!, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __sweep: Seen[] }).__sweep);
}

test('a sweep shows "run 2 of 3" and a bar that rises to the end; each run inside says which it is', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const cell = codeCell(page, 0);
  await setSource(page, cell, [
    "const runs = await sweep([1, 2, 3], (epochs) => train({ backend: 'js', samples: 3000, epochs, chart: false, evaluate: false }));",
    "runs.map((r) => r.epochs.length).join(' ')",
  ].join('\n'));
  const seen = await watchSweepBar(page);
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-text').last()).toHaveText('1 2 3');

  const states = await seen();
  expect(states.length).toBeGreaterThan(2);
  expect(states.some((s) => /^\d+% · run 2 of 3 · /.test(s.text)), JSON.stringify(states)).toBe(true);
  for (let i = 1; i < states.length; i++) expect(states[i].value, JSON.stringify(states)).toBeGreaterThanOrEqual(states[i - 1].value);
  expect(states[0].value).toBeLessThan(1);
  expect(states[states.length - 1]).toMatchObject({ value: 3, max: 3 });
  expect(states[states.length - 1].text).toMatch(/^100% · 3 runs done in \d+ s$/);
  // every run's own bar names its run and ended at 100%
  for (const i of [1, 2, 3]) {
    const bar = cell.getByRole('progressbar', { name: `Training js · run ${i} of 3` });
    await expect(bar).toHaveAttribute('aria-valuetext', new RegExp(`^100% · done: ${(94 * i).toLocaleString('en')} batches in \\d+ s · [\\d,]+ samples/s$`));
  }
});

test('Stop during a sweep ends it there, says where, and leaves the notebook as it was', async ({ page }) => {
  await openLesson(page, 'en', '01');
  const defines = codeCell(page, 1);
  await setSource(page, defines, 'const before = 41 + 1;');
  await defines.getByTestId('run-cell').click();
  await waitIdle(defines);
  await expect(defines).toHaveAttribute('data-result', 'ok');

  const cell = codeCell(page, 0);
  const code = "const done = await sweep([1, 2, 3, 4], () => train({ backend: 'js', samples: 8000, epochs: 3, chart: false, evaluate: false }));";
  await setSource(page, cell, code);
  await cell.getByTestId('run-cell').click();
  const sweepBar = cell.getByRole('progressbar', { name: 'Sweep' });
  await expect(sweepBar).toHaveAttribute('aria-valuetext', /run 2 of 4 · ~\d+ s left/, { timeout: 60_000 });
  const t0 = Date.now();
  await page.getByTestId('stop').click();
  await expect(cell).toHaveAttribute('data-result', 'stopped', { timeout: 5000 });
  expect(Date.now() - t0, 'stopped within the grace period: the kernel was not restarted').toBeLessThan(2000);
  await expect(sweepBar).toHaveAttribute('aria-valuetext', /· stopped at run 2 of 4$/);
  const value = Number(await sweepBar.getAttribute('value'));
  expect(value).toBeGreaterThanOrEqual(1);
  expect(value).toBeLessThan(2);
  await expect(cell.getByRole('progressbar', { name: 'Training js · run 2 of 4' })).toHaveAttribute('aria-valuetext', /stopped at batch [\d,]+ of 250$/);
  await expect(cell.getByRole('progressbar', { name: 'Training js · run 3 of 4' })).toHaveCount(0);

  // the notebook is intact: the edit, the kernel's variables, and the next run
  await expect(cell.getByTestId('edited-badge')).toBeVisible();
  await expect(cell.getByTestId('code-editor').locator('.view-lines')).toContainText('sweep([1, 2, 3, 4]');
  const check = codeCell(page, 2);
  await setSource(page, check, 'before');
  await check.getByTestId('run-cell').click();
  await waitIdle(check);
  await expect(check.getByTestId('out-text').last()).toHaveText('42');
});
