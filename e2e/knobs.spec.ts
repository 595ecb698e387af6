// Knobs that never lie (issue 13 §3): every knob a lesson cell's toolbar shows changes that cell's run.
// For each lesson that trains, every knob its cells show as changeable is set to a new value, the lesson
// runs on a few images (the demo settings' samples, in the URL), and each train() call's recorded
// options (`data-run-config`: what the kernel reported it ran with) must hold the new value. A knob the
// code fixes is shown disabled with its value; the demo settings survive a reload through the URL.
import { expect, test, type Locator } from './fixtures';
import { codeCell, openLesson, setSource } from './helpers';

/** The toolbar's test ids that are not `knob-<key>`. */
const KEY_OF: Record<string, string> = { 'knob-batch': 'batchSize', 'knob-lr': 'learningRate' };
const keyOf = (testid: string) => KEY_OF[testid] ?? testid.replace(/^knob-/, '');

type Value = string | number | boolean;
type RunConfig = Record<string, Value>[];

async function runConfig(cell: Locator): Promise<RunConfig | null> {
  const raw = await cell.getAttribute('data-run-config');
  return raw === null ? null : (JSON.parse(raw) as RunConfig);
}

/** A value other than the knob's current one (and quick to run). */
async function changeKnob(el: Locator, key: string): Promise<Value> {
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'select') {
    const current = await el.inputValue();
    // the backends the kernel supports here are enabled once it reports them
    await expect.poll(() => el.locator('option:not([disabled])').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const options = await el.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const next = key === 'backend' && options.includes('wasm') && current !== 'wasm' ? 'wasm' : options.find((o) => o !== current)!;
    await el.selectOption(next);
    return next;
  }
  if ((await el.getAttribute('type')) === 'checkbox') {
    const next = !(await el.isChecked());
    await el.setChecked(next);
    return next;
  }
  const current = Number(await el.inputValue());
  const next = ({ batchSize: current === 50 ? 40 : 50, epochs: current === 2 ? 1 : 2, learningRate: current === 0.05 ? 0.07 : 0.05, samples: 300, repeats: 2 } as Record<string, number>)[key]
    ?? (current === 1 ? 2 : 1); // workers, threads
  await el.fill(String(next));
  await expect(el).toHaveValue(String(next));
  return next;
}

/** Changes every knob a cell shows as changeable (a new backend shows its own knobs: those too). */
async function changeAll(cell: Locator): Promise<Map<string, Value>> {
  const changed = new Map<string, Value>();
  for (let pass = 0; pass < 3; pass++) {
    const ids = await cell.locator('.cell-knobs [data-testid^="knob-"]:not([disabled])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    const fresh = ids.filter((id) => !changed.has(keyOf(id)));
    if (!fresh.length) break;
    for (const id of fresh) changed.set(keyOf(id), await changeKnob(cell.getByTestId(id), keyOf(id)));
  }
  return changed;
}

const LESSONS = [['es', '02'], ['en', '03'], ['es', '04'], ['en', '05'], ['es', '06']] as const;

for (const [lang, key] of LESSONS) {
  test(`lesson ${key} (${lang}): every knob a training cell shows changes its run`, async ({ page }) => {
    test.setTimeout(420_000);
    await page.goto(`/?samples=256#/${lang}/${key}`);
    await expect(page.getByTestId('notebook')).toBeVisible();
    const cells = page.getByTestId('code-cell');
    const n = await cells.count();
    const changed: Map<string, Value>[] = [];
    for (let i = 0; i < n; i++) changed.push(await changeAll(codeCell(page, i)));
    await page.getByTestId('run-all').click();
    for (let i = 0; i < n; i++) await expect(codeCell(page, i)).toHaveAttribute('data-result', 'ok', { timeout: 360_000 });

    let checked = 0;
    for (let i = 0; i < n; i++) {
      const config = await runConfig(codeCell(page, i));
      if (!config) continue; // a cell that trains nothing (it may read a knob itself, e.g. lesson 4's copy costs)
      expect(config.length, `cell ${i + 1} trained`).toBeGreaterThan(0);
      for (const [k, v] of changed[i]) {
        // a backend's own knob is recorded by the runs of that backend only
        const runs = config.filter((o) => k in o);
        expect(runs.length, `cell ${i + 1}: a run read ${k}`).toBeGreaterThan(0);
        for (const o of runs) expect(o[k], `cell ${i + 1}: ${k}`).toBe(v);
        checked++;
      }
      // what the code fixed is what ran
      for (const el of await codeCell(page, i).locator('[data-fixed="fixed"]').all()) {
        const k = keyOf((await el.getAttribute('data-testid'))!);
        const shown = (await el.inputValue()).split(', ');
        const fmt = (v: Value) => (typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : String(v));
        for (const o of config.filter((c) => k in c)) expect(shown, `cell ${i + 1}: fixed ${k}`).toContain(fmt(o[k]));
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
}

test('a knob the code fixes is shown disabled with its value and why; one a loop sets says "by the code"; one the run reports fixed is greyed after it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?samples=256#/en/05');
  const scalar = codeCell(page, 0);
  await expect(scalar.getByTestId('knob-simd')).toBeDisabled();
  await expect(scalar.getByTestId('knob-simd')).toHaveValue('false');
  await expect(scalar.getByTestId('knob-threads')).toHaveValue('1');
  await expect(scalar.getByTestId('knob-backend')).toHaveValue('wasm');
  await expect(scalar.locator('label', { has: page.getByTestId('knob-simd') })).toHaveAttribute('title', 'set by the cell\'s code');
  await expect(scalar.getByTestId('knob-batch')).toBeEnabled();
  await expect(scalar.getByTestId('knob-workers')).toHaveCount(0); // wasm does not read it
  const sweep = codeCell(page, 2);
  await expect(sweep.getByTestId('knob-threads')).toHaveValue('by the code');
  await expect(sweep.getByTestId('knob-threads')).toBeDisabled();
  await expect(sweep.getByTestId('knob-simd')).toHaveValue('true');
  await expect(sweep.getByTestId('knob-epochs')).toBeEnabled();

  // options built in a variable: the static pass cannot see them, the run's report can
  await openLesson(page, 'en', '02');
  const cell = codeCell(page, 0);
  await setSource(page, cell, 'const o = { epochs: 2, samples: 128 };\nawait train(o);');
  await expect(cell.getByTestId('knob-epochs')).toBeEnabled();
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  await expect(cell.getByTestId('knob-epochs')).toBeDisabled();
  await expect(cell.getByTestId('knob-epochs')).toHaveValue('2');
  await expect(cell.getByTestId('knob-batch')).toBeEnabled();
  // a cell that trains nothing shows no toolbar
  await expect(codeCell(page, 1).locator('.cell-knobs')).toHaveCount(0);
});

test('the demo settings apply to every cell, are kept in the URL across a reload, lose to a cell\'s own edit, and reset', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/en/04');
  const bar = page.getByTestId('demo-bar');
  await bar.locator('summary').click();
  const first = codeCell(page, 1); // trains on workers with the batch, epochs and samples knobs
  // a later cell that reads the workers knob (found by its code: lessons gain cells)
  const streamed = page.getByTestId('code-cell').filter({ hasText: 'const streamed' });
  await page.getByTestId('demo-samples').fill('256');
  await page.getByTestId('demo-batch').fill('64');
  await page.getByTestId('demo-workers').fill('1'); // one action for every cell
  await page.getByTestId('demo-threads').fill('1');
  await expect(page).toHaveURL(/[?&]samples=256\b/);
  await expect(page).toHaveURL(/[?&]batch=64\b/);
  await expect(page).toHaveURL(/[?&]workers=1\b/);
  await expect(first.getByTestId('knob-batch')).toHaveValue('64');
  await expect(streamed.getByTestId('knob-workers')).toHaveValue('1');
  // a knob changed in the cell wins over the demo settings
  await streamed.getByTestId('knob-batch').fill('100');
  await page.getByTestId('demo-batch').fill('32');
  await expect(first.getByTestId('knob-batch')).toHaveValue('32');
  await expect(streamed.getByTestId('knob-batch')).toHaveValue('100');

  await page.reload();
  await expect(page.getByTestId('demo-batch')).toHaveValue('32');
  await expect(page.getByTestId('demo-workers')).toHaveValue('1');
  await expect(first.getByTestId('knob-batch')).toHaveValue('32');
  await expect(first.getByTestId('knob-samples')).toHaveValue('256');
  await first.getByTestId('run-cell').click();
  await expect(first).toHaveAttribute('data-result', 'ok', { timeout: 90_000 });
  expect(await runConfig(first)).toEqual([expect.objectContaining({ backend: 'workers', batchSize: 32, samples: 256, workers: 1 })]);

  await page.getByTestId('demo-reset').click();
  await expect(page).not.toHaveURL(/[?&](samples|batch|workers|threads)=/);
  await expect(first.getByTestId('knob-batch')).toHaveValue('512'); // the lesson's own value again
});
