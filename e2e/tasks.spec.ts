// Task parallelism in real Chromium (issue 15 §1): parallel().map on the pool's module workers (results
// in order, two workers overlapping in time), the closure refusal (es), a failing task and a pool that
// still works, Stop during a long map, a delayed diamond on two workers and show.graph; axe.
import { expect, test } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell, setSource } from './helpers';

const BUSY = 'const t = performance.now(); while (performance.now() - t < ms) {}';
/** In the cell: whether two tasks ran at the same time on different workers, from the tasks the call recorded. */
const OVERLAP = `const overlap = (ev) => ev.some((a) => ev.some((b) => a.worker !== b.worker && a.start < b.end && b.start < a.end));`;

test('parallel().map, delayed/compute and show.graph on the worker pool; errors, Stop, axe', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/es/01');
  const cell = codeCell(page, 0);
  const run = async (code: string, result: 'ok' | 'error' = 'ok') => {
    await setSource(page, cell, code);
    await cell.getByTestId('run-cell').click();
    await expect(cell).toHaveAttribute('data-result', result, { timeout: 60_000 });
  };

  // joblib's Parallel(n_jobs=2)(delayed(f)(x) for x in 1..8): squares in order, two workers at once
  await run([
    OVERLAP,
    `const r = await parallel({ nJobs: 2 }).map(function square(x) { const ms = 200; ${BUSY} return x * x; }, [1, 2, 3, 4, 5, 6, 7, 8]);`,
    "show.text('R:' + JSON.stringify(r));",
    "show.text('W:' + [...new Set(r.tasks.tasks.map((e) => e.worker))].sort().join(',') + ' O:' + overlap(r.tasks.tasks));",
    'show.taskStream(r);',
  ].join('\n'));
  await expect(cell.getByTestId('out-text').filter({ hasText: /^R:/ })).toHaveText('R:[1,4,9,16,25,36,49,64]');
  await expect(cell.getByTestId('out-text').filter({ hasText: /^W:/ })).toHaveText('W:0,1 O:true');
  await expect(cell.locator('.out-chart')).toHaveCount(1);
  await expect(cell.locator('.out-chart')).toContainText('Flujo de tareas: 8 tareas en 2 workers');

  // the pickling restriction: a closure over a cell variable is refused, naming it
  await run("const lr = 0.1;\nawait parallel().map((x) => x * lr, [1, 2]);", 'error');
  await expect(cell.getByTestId('out-error')).toContainText('usa `lr`, una variable de la celda: en un worker no existe');

  // a shipped function meets the kernel's walls in the pool worker too: no IndexedDB (the saved edits)
  await run("const seen = await parallel({ nJobs: 2 }).map(function peek(x) { try { return typeof indexedDB.open; } catch (e) { return e.name; } }, [1, 2]);\nshow.text('IDB:' + seen.join(','));");
  await expect(cell.getByTestId('out-text').filter({ hasText: /^IDB:/ })).toHaveText('IDB:SecurityError,SecurityError');

  // a task that throws names the task and its worker; the next map works on the same pool
  await run("await parallel({ nJobs: 2 }).map(function boom(x) { if (x === 3) throw new Error('tres no'); return x; }, [1, 2, 3, 4]);", 'error');
  await expect(cell.getByTestId('out-error')).toContainText(/La tarea boom\[2\] falló en el worker [01]: tres no/);
  await run("show.text('after:' + (await parallel({ nJobs: 2 }).map((x) => x + 1, [1, 2, 3])).join(','));");
  await expect(cell.getByTestId('out-text')).toHaveText('after:2,3,4');

  // Stop during a long map: the cell ends stopped (its workers are terminated) and a new map works
  await setSource(page, cell, `await parallel({ nJobs: 2 }).map((x) => { const ms = 20000; ${BUSY} return x; }, [1, 2, 3, 4]);`);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-status', 'running');
  await page.waitForTimeout(800);
  await page.getByTestId('stop').click();
  await expect(cell).toHaveAttribute('data-result', 'stopped', { timeout: 5000 });
  await run("show.text('again:' + (await parallel({ nJobs: 2 }).map((x) => x * 10, [1, 2])).join(','));");
  await expect(cell.getByTestId('out-text')).toHaveText('again:10,20');

  // a Dask-style diamond: a → b, a → c, (b, c) → d; b and c on different workers at the same time
  await run([
    OVERLAP,
    "const a = delayed(function load() { return 5; })();",
    `const b = delayed(function inc(x) { const ms = 300; ${BUSY} return x + 1; })(a);`,
    `const c = delayed(function dbl(x) { const ms = 300; ${BUSY} return x * 2; })(a);`,
    "const d = delayed(function add(x, y) { return x + y; })(b, c);",
    'const out = await compute(d, { nJobs: 2 });',
    "const ev = out.tasks.tasks.filter((e) => e.name === 'inc' || e.name === 'dbl');",
    "show.text('D:' + out[0] + ' O:' + overlap(ev));",
    'show.graph(d);',
    'show.taskStream(out);',
  ].join('\n'));
  await expect(cell.getByTestId('out-text')).toHaveText('D:16 O:true');
  const graph = cell.getByTestId('task-graph');
  await expect(graph).toHaveAttribute('data-nodes', '4');
  await expect(graph).toHaveAttribute('data-edges', '4');
  await expect(graph.locator('.task-graph-edge')).toHaveCount(4);
  await expect(graph).toContainText('Grafo de tareas: 4 tareas, ejecutadas en 2 workers');
  const workers = await graph.getByTestId('task-graph-node').evaluateAll((els) => els.map((e) => (e as SVGElement).dataset.worker));
  expect(workers[1]).not.toBe(workers[2]); // inc and dbl on different workers
  await expect(graph.getByTestId('task-graph-node').nth(1)).toContainText(/worker [01] · [\d,]+ ms/);

  expect(await auditThemes(page, 'tasks')).toEqual([]);
});
