// k-means as map-reduce (issue 15 §4): a cell runs kmeans() on 5,000 MNIST images with 2 jobs and
// shows 10 centroid images (each with its majority label, share and size), an inertia chart that
// never increases, the purity, and its time; axe passes in light and dark. Then in Spanish, with
// nJobs: [1, 2], the speedup table and the same clusters for both.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { applyScheme, THEMES } from './a11y';
import { codeCell, setSource } from './helpers';

const CODE = `const r = await kmeans({ k: 10, iterations: 5, samples: 5000, nJobs: 2 });
JSON.stringify({ sizes: r.sizes, inertia: r.inertia, purity: r.purity, n: r.assignments.length, c: r.centroids.length })`;

test('kmeans(): 10 centroid images, an inertia chart that never increases, a purity; axe passes', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/en/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, CODE);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 45_000 });

  const value = await cell.locator('.out-text, pre').filter({ hasText: '"sizes"' }).last().textContent();
  const r = JSON.parse(value!.slice(value!.indexOf('{'))) as { sizes: number[]; inertia: number[]; purity: number; n: number; c: number };
  expect(r.n).toBe(5000);
  expect(r.c).toBe(10 * 784);
  expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(5000);
  expect(r.inertia).toHaveLength(5);
  for (let i = 1; i < 5; i++) expect(r.inertia[i]).toBeLessThanOrEqual(r.inertia[i - 1]);
  expect(r.purity).toBeGreaterThan(0.3); // k-means on raw MNIST pixels: about 0.5–0.6, far above the 0.11 of a random split

  // 10 centroid images, each a painted canvas with a text equivalent
  const centroids = cell.getByTestId('centroids');
  await expect(centroids.getByTestId('centroid')).toHaveCount(10);
  await expect(centroids.getByTestId('centroid').first()).toHaveAttribute('aria-label', /^Cluster 1: [\d,]+ images, most common label \d \(\d+%\)$/);
  const sizes = await centroids.getByTestId('centroid').evaluateAll((lis) => lis.map((li) => Number(li.querySelector('.centroid-size')!.textContent!.replace(/,/g, ''))));
  expect(sizes).toEqual(r.sizes);
  const distinct = await centroids.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return new Set(Array.from({ length: 784 }, (_, i) => d[i * 4])).size;
  });
  expect(distinct).toBeGreaterThan(20); // a blurred digit: many grey levels

  // the inertia chart's data table: iterations 1–5, never increasing, the run's own numbers
  const chart = cell.locator('figure[aria-label="Inertia per iteration"]');
  await expect(chart).toBeVisible();
  await chart.getByRole('button', { name: 'Data table' }).click();
  const rows = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number((td.textContent ?? '').replace(/,/g, '')))));
  expect(rows.map((x) => x[0])).toEqual([1, 2, 3, 4, 5]);
  for (let i = 1; i < 5; i++) expect(rows[i][1]).toBeLessThanOrEqual(rows[i - 1][1]);
  expect(rows[4][1]).toBeCloseTo(r.inertia[4], -1);

  await expect(cell.getByText(/^Purity: \d+\.\d% of the images have their cluster's most common label\. The labels were not used to cluster/)).toHaveCount(1);
  await expect(cell.getByText(/^2 job\(s\): [\d,]+ ms in total/)).toHaveCount(1);

  for (const scheme of THEMES) {
    await applyScheme(page, scheme);
    const axe = await new AxeBuilder({ page }).include('[data-testid="centroids"]').include('figure[aria-label="Inertia per iteration"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), scheme).toEqual([]);
  }
});

test('kmeans({ nJobs: [1, 2] }) in Spanish: the speedup table and the same clusters with both', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/#/es/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, 'const r = await kmeans({ k: 5, iterations: 3, samples: 3000, nJobs: [1, 2] });\nr.timings.length');
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 45_000 });
  await expect(cell.getByTestId('centroid')).toHaveCount(5);
  const table = cell.getByTestId('out-table');
  await expect(table.locator('thead th')).toHaveText(['tareas', 'total (ms)', 'por iteración (ms, mediana)', 'aceleración']);
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first().locator('td').last()).toHaveText('1,00×');
  await expect(cell.getByText(/^Con cualquier número de tareas salieron exactamente los mismos centroides/)).toHaveCount(1);
  await expect(cell.getByText(/^Pureza: el \d+,\d %/)).toHaveCount(1);
});

test('show.taskStream(kmeans result): the whole run in one stream, k-means++ rounds, assign tasks per chunk and the coordinator’s reduces', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/#/en/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, 'const r = await kmeans({ k: 4, iterations: 3, samples: 2000, nJobs: 2 });\nshow.taskStream(r);\nr.tasks.tasks.length');
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 45_000 });
  const chart = cell.locator('figure[aria-label^="Task stream"]');
  await expect(chart).toBeVisible();
  await chart.getByRole('button', { name: 'Data table' }).click();
  const shards = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const names = shards.map((r) => r[2]);
  // 3 k-means++ rounds of 8 chunks, 3 iterations of 8 chunks (any nJobs), a pick after each round and a reduce after each iteration
  for (const it of [1, 2, 3]) for (let c = 1; c <= 8; c++) expect(names).toContain(`assign it ${it} · chunk ${c}`);
  expect(names.filter((n) => n.startsWith('assign it '))).toHaveLength(3 * 8);
  for (const it of [1, 2, 3]) expect(names).toContain(`reduce it ${it}`);
  expect(names).toContain('k-means++ distances to c1 · chunk 2');
  expect(names).toContain('pick centroid 4 (D²)');
  expect(new Set(shards.map((r) => r[1]))).toEqual(new Set(['k-means++ distances (map)', 'k-means++ pick (coordinator)', 'assign (map)', 'reduce (coordinator)']));
});
