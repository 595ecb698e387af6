// Inside the network and accuracy per epoch (issue 14 §4, §5): train({ evaluateEvery: 'epoch' }) on js
// and wasm gives two test accuracies per run, which show.losses charts with a data table; show.weights
// draws H filters, a chosen digit's activations and the units that push each class; axe passes in
// light and dark. Small runs (2000 images) keep it short.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { applyScheme, THEMES } from './a11y';
import { codeCell, setSource } from './helpers';

const CODE = `const runs = [];
for (const backend of ['js', 'wasm']) runs.push(await train({ backend, epochs: 2, samples: 2000, evaluateEvery: 'epoch' }));
show.losses(runs);
await show.weights(runs[0]);
JSON.stringify(runs.map((r) => ({ label: r.label, acc: r.evaluations.map((e) => Math.round(e.accuracy * 10000) / 100), epochs: r.evaluations.map((e) => e.epoch), final: r.accuracy, last: r.evaluations.at(-1).accuracy })))`;

test('evaluateEvery on js and wasm: two accuracies per run in the chart\'s table; show.weights renders 128 filters and the activation view; axe passes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?samples=2000#/en/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, CODE);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 90_000 });

  const value = await cell.locator('.out-text, pre').filter({ hasText: '"label"' }).last().textContent();
  const runs = JSON.parse(value!.slice(value!.indexOf('['))) as { label: string; acc: number[]; epochs: number[]; final: number; last: number }[];
  expect(runs.map((r) => r.label)).toEqual(['js', 'wasm']);
  for (const r of runs) {
    expect(r.epochs).toEqual([0, 1]);
    for (const a of r.acc) expect(a).toBeGreaterThan(50); // 2000 images, 2 epochs: far above chance
    expect(r.final).toBe(r.last); // the run's accuracy is the last epoch's evaluation
  }
  // js and wasm train the same model (same seed and order): the same accuracies, to rounding
  expect(runs[1].acc[0]).toBeCloseTo(runs[0].acc[0], 0);

  // each epoch line ends with its test accuracy
  await expect(cell.getByText(/^js · Epoch 2: .* · test \d+\.\d%$/m)).toHaveCount(1);

  // the accuracy chart's data table: one row per epoch, one column per run, the runs' own numbers
  const chart = cell.locator('figure[aria-label="Test accuracy after each epoch"]');
  await expect(chart).toBeVisible();
  await chart.getByRole('button', { name: 'Data table' }).click();
  const table = chart.locator('table');
  await expect(table.locator('thead th')).toHaveText(['epoch', 'js', 'wasm']);
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(rows.map((r) => r[0])).toEqual(['1', '2']);
  for (let e = 0; e < 2; e++) expect(rows[e].slice(1).map(Number)).toEqual([runs[0].acc[e], runs[1].acc[e]]);

  // show.weights: one picture per hidden unit, the activations, ten classes with their top units
  const weights = cell.getByTestId('weights-view');
  await expect(weights.getByTestId('weight-filter')).toHaveCount(128);
  await expect(weights.getByTestId('weights-active')).toHaveText(/^\d+ of 128 hidden units are active \(ReLU output above 0\)\.$/);
  await expect(weights.getByTestId('weights-activations')).toHaveAttribute('aria-label', /^Hidden activations of test image 0: \d+ of 128 units above 0/);
  await expect(weights.getByTestId('weights-classes').locator('tbody tr')).toHaveCount(10);
  await expect(weights.getByTestId('weights-classes').locator('tbody tr').first().locator('canvas')).toHaveCount(3);
  await expect(weights.getByTestId('weights-digit')).toHaveText(/^Test image 0: label 7, predicted \d$/);
  // a canvas filter is painted (not blank): its pixels are not all one colour
  const distinct = await weights.getByTestId('weight-filter').first().locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return new Set(Array.from({ length: 784 }, (_, i) => `${d[i * 4]},${d[i * 4 + 1]},${d[i * 4 + 2]}`)).size;
  });
  expect(distinct).toBeGreaterThan(20);
  // pick another digit with the keyboard (a radio group): the view follows
  await weights.getByRole('radio').first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(weights.getByTestId('weights-digit')).toHaveText(/^Test image 1: label 2, predicted \d$/);
  await expect(weights.getByTestId('weights-activations')).toHaveAttribute('aria-label', /^Hidden activations of test image 1:/);

  for (const scheme of THEMES) {
    await applyScheme(page, scheme);
    const axe = await new AxeBuilder({ page }).include('[data-testid="weights-view"]').include('figure[aria-label="Test accuracy after each epoch"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), scheme).toEqual([]);
  }
});

test('lesson 2 (es) shows what the first layer learned after training', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?samples=2000#/es/02');
  await codeCell(page, 0).getByTestId('run-cell').click();
  await expect(codeCell(page, 0)).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  const cell = codeCell(page, 2);
  await expect(cell).toContainText('show.weights');
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 30_000 });
  await expect(cell.getByTestId('weight-filter')).toHaveCount(128);
  await expect(cell.getByTestId('weights-active')).toHaveText(/^\d+ de 128 neuronas ocultas están activas/);
  await expect(cell.getByTestId('weights-legend')).toHaveAttribute('aria-label', /de −\d,\d+ \(azul, negativo\) a \+\d,\d+ \(rojo, positivo\)/);
});

// Evaluating between epochs must leave no trace in the training: on every backend, the same loss curve
// and the same trained parameters with and without evaluateEvery (the evaluation uses the backend's own
// forward pass: WGSL buffers on webgpu, the pool on workers).
const SAME = `const out = [];
for (const backend of ['workers', 'webgpu']) {
  const plain = await train({ backend, epochs: 2, samples: 2000, chart: false });
  const each = await train({ backend, epochs: 2, samples: 2000, chart: false, evaluateEvery: 'epoch' });
  let dp = 0;
  for (let i = 0; i < plain.params.length; i++) dp = Math.max(dp, Math.abs(plain.params[i] - each.params[i]));
  let dl = 0;
  for (let i = 0; i < plain.losses.length; i++) dl = Math.max(dl, Math.abs(plain.losses[i].loss - each.losses[i].loss));
  out.push({ backend, evals: each.evaluations.length, dp, dl, steps: plain.losses.length === each.losses.length, acc: Math.abs(each.accuracy - plain.accuracy) });
}
JSON.stringify(out)`;

test('evaluateEvery leaves no trace on workers and webgpu: the same losses and parameters as without it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?samples=2000#/en/02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, SAME);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 100_000 });
  const value = await cell.locator('.out-text, pre').filter({ hasText: '"backend"' }).last().textContent();
  const out = JSON.parse(value!.slice(value!.indexOf('['))) as { backend: string; evals: number; dp: number; dl: number; steps: boolean; acc: number }[];
  expect(out.map((o) => o.backend)).toEqual(['workers', 'webgpu']);
  for (const o of out) {
    expect(o.evals, o.backend).toBe(2);
    expect(o.steps, o.backend).toBe(true);
    // the same backend twice from the same seed: equal (a margin for a reduction order that may vary)
    expect(o.dp, o.backend).toBeLessThanOrEqual(1e-5);
    expect(o.dl, o.backend).toBeLessThanOrEqual(1e-5);
    expect(o.acc, o.backend).toBeLessThanOrEqual(0.001);
  }
});
