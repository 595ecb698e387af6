// Honest measurements (issue 13 §4), in real Chromium with the real backends on small samples:
// a run made noisy on purpose (busy Web Workers started by the page while a repeats=3 run trains) is
// flagged as unreliable with its figures; every backend's breakdown adds up to its epoch time within 1%,
// in the run's data and in the numbers the chart shows; a software WebGPU adapter (the e2e Chromium's
// SwiftShader) is named as a CPU emulation wherever a webgpu time is shown.
import { expect, test, type Locator, type Page } from './fixtures';
import { codeCell, setSource } from './helpers';

/** Busy loops in Web Workers: at least 4, and twice the page's cores, so a 2-core machine is saturated. */
async function startLoad(page: Page): Promise<number> {
  return page.evaluate(() => {
    const n = Math.max(4, 2 * (navigator.hardwareConcurrency || 2));
    const src = URL.createObjectURL(new Blob(['let x = 0; for (;;) { x = (x + Math.sqrt(x + 1)) % 1e9; }'], { type: 'text/javascript' }));
    (window as unknown as { busy: Worker[] }).busy = Array.from({ length: n }, () => new Worker(src));
    return n;
  });
}

async function stopLoad(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { busy?: Worker[] }).busy?.forEach((w) => w.terminate()));
}

/** The JSON a cell printed after `tag `. */
async function printed<T>(cell: Locator, tag: string): Promise<T> {
  const text = await cell.getByTestId('out-text').filter({ hasText: `${tag} ` }).first().textContent();
  return JSON.parse(text!.slice(text!.indexOf(`${tag} `) + tag.length + 1)) as T;
}

/** "6,070" (en) as a number. */
const num = (s: string) => Number(s.replace(/,/g, ''));

test('a run on a machine made busy mid-run is flagged as unreliable, with its figures', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?samples=4000#/en/01');
  const cell = codeCell(page, 0);
  await setSource(page, cell, [
    "const run = await train({ backend: 'js', samples: 4000, batchSize: 32, epochs: 1, repeats: 3, chart: false, evaluate: false, label: 'noisy' });",
    "show.text('RESULT ' + JSON.stringify({ repeats: run.repeats, epochMs: run.epochMs, noise: run.noise, lossesMatch: run.lossesMatch }));",
  ].join('\n'));
  await cell.getByTestId('run-cell').click();
  // the first repeat ran on a quiet page; the load starts before the second
  await expect(cell.getByTestId('outputs')).toContainText('noisy · repeat 1 of 3 · Epoch 1', { timeout: 60_000 });
  const busy = await startLoad(page);
  try {
    await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 150_000 });
  } finally {
    await stopLoad(page);
  }
  const r = await printed<{ repeats: number; epochMs: number[]; noise: { busy: boolean; reasons: string[]; spread: number; calibration: { beforeMs: number; afterMs: number; drift: number } }; lossesMatch: boolean }>(cell, 'RESULT');
  console.log(`${busy} busy workers: epochs ${r.epochMs.map((x) => x.toFixed(0)).join(', ')} ms; spread ${(r.noise.spread * 100).toFixed(0)}%; calibration ${r.noise.calibration.beforeMs.toFixed(2)} → ${r.noise.calibration.afterMs.toFixed(2)} ms`);
  expect(r.repeats).toBe(3);
  expect(r.epochMs).toHaveLength(3);
  expect(r.lossesMatch).toBe(true); // same seeded weights: the load changes the time, never the losses
  expect(r.noise.busy).toBe(true);
  expect(r.noise.reasons.length).toBeGreaterThan(0);
  const outputs = cell.getByTestId('outputs');
  await expect(outputs).toContainText('noisy · repeat 3 of 3 · Epoch 1');
  await expect(outputs).toContainText(/noisy · median of 3 epochs: [\d,]+ ms \(min [\d,]+ ms, max [\d,]+ ms, [\d,]+% apart\)/);
  await expect(outputs).toContainText(/⚠ The machine was busy while this ran: these times are unreliable \((the epochs took from [\d,]+ to [\d,]+ ms|a fixed calibration loop took)/);
});

test('every backend\'s breakdown adds up to its epoch time within 1%; a software GPU is named as a CPU emulation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/?samples=2000#/en/01');
  const cell = codeCell(page, 0);
  await setSource(page, cell, [
    'const names = (await backends()).filter((b) => b.supported === true).map((b) => b.name);',
    'const runs = [];',
    "for (const backend of names) runs.push(await train({ backend, samples: 2000, batchSize: 128, epochs: 2, chart: false, evaluate: false, label: backend }));",
    'show.breakdown(runs);',
    'show.timings(runs);',
    "show.text('PARTS ' + JSON.stringify(runs.map((r) => ({ backend: r.backend, gpu: r.gpu, describe: r.describe, epochs: r.epochs.map((e) => ({ wallMs: e.wallMs, parts: e.breakdown.map((p) => [p.id, p.ms]) })) }))));",
  ].join('\n'));
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 220_000 });

  type Shown = { backend: string; gpu?: { adapter: string; software: boolean }; describe: string; epochs: { wallMs: number; parts: [string, number][] }[] };
  const runs = await printed<Shown[]>(cell, 'PARTS');
  expect(runs.map((r) => r.backend)).toEqual(expect.arrayContaining(['js', 'workers', 'wasm']));
  // in the run's data: each epoch's parts, none negative, add up to its wall time
  for (const r of runs) {
    for (const e of r.epochs) {
      const sum = e.parts.reduce((a, [, ms]) => a + ms, 0);
      console.log(`${r.backend}: ${e.wallMs.toFixed(1)} ms = ${e.parts.map(([id, ms]) => `${id} ${ms.toFixed(2)}`).join(' + ')}`);
      expect(Math.abs(sum - e.wallMs) / e.wallMs, r.backend).toBeLessThan(0.01);
      for (const [id, ms] of e.parts) expect(ms, `${r.backend} ${id}`).toBeGreaterThanOrEqual(0);
    }
  }
  // on the page: the breakdown's note gives each run's total and every part in ms and %; they add up
  const breakdown = cell.getByTestId('chart-stackedBar');
  const note = (await breakdown.locator('.chart-note').textContent())!;
  for (const r of runs) {
    const line = note.split('\n').find((l) => l.startsWith(`${r.backend} (`));
    expect(line, r.backend).toBeDefined();
    const total = num(line!.match(/^\S+ \(([\d,.]+) ms\)/)![1]);
    const mean = r.epochs.reduce((a, e) => a + e.wallMs, 0) / r.epochs.length;
    expect(Math.abs(total - mean) / mean, `${r.backend} total`).toBeLessThan(0.01);
    const parts = [...line!.matchAll(/ ([\d,.]+) ms \(([\d,.]+)%\)/g)].map((m) => num(m[1]));
    // one entry per part any of its epochs has (an epoch whose parts filled it exactly has no 'other')
    expect(parts.length, r.backend).toBe(new Set(r.epochs.flatMap((e) => e.parts.map(([id]) => id))).size);
    expect(Math.abs(parts.reduce((a, b) => a + b, 0) - total) / total, `${r.backend} parts`).toBeLessThan(0.01);
  }
  // the timing bars: a median over 2 epochs each, drawn with min–max error bars
  const bars = cell.getByTestId('chart-bar');
  await expect(bars.locator('.chart-title')).toHaveText('Time per epoch (median of 2 epochs; bars from min to max)');
  await expect(bars.locator('[class*="recharts-errorBar"]').first()).toBeAttached();

  // the e2e Chromium's WebGPU is SwiftShader: every place its time is shown says it is a CPU emulation
  const gpu = runs.find((r) => r.backend === 'webgpu');
  if (gpu) {
    expect(gpu.gpu?.software).toBe(true);
    expect(gpu.describe).toContain('CPU emulation');
    await expect(cell.getByTestId('outputs')).toContainText(/Note: WebGPU runs here on .*swiftshader.*, a CPU emulation of a GPU/i);
    await expect(bars.locator('.chart-note')).toContainText('webgpu: this "GPU" is');
    await expect(breakdown.locator('.chart-note')).toContainText('a CPU emulation');
  }
});
