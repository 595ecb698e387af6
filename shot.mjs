// TEMPORARY: screenshots of the measurement outputs (deleted before the last commit).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS_JS, CHROMIUM_PATH_JS } from './bench/chromium.mjs';

const base = 'http://127.0.0.1:4340';
const lang = process.argv[2] ?? 'en';
const code = [
  'const runs = [];',
  "for (const backend of ['js', 'wasm', 'webgpu']) runs.push(await train({ backend, samples: 2000, batchSize: 128, epochs: 1, repeats: 3, chart: false, evaluate: false, label: backend }));",
  'show.timings(runs);',
  'show.breakdown(runs);',
  'const sw = [];',
  "for (const threads of [1, 2, 4]) sw.push({ n: threads, run: await train({ backend: 'wasm', threads, samples: 2000, batchSize: 128, repeats: 3, chart: false, evaluate: false, label: `wasm threads=${threads}` }) });",
  "show.speedup(sw, { label: 'threads', fit: 'amdahl' });",
].join('\n');

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH_JS, args: CHROMIUM_ARGS_JS });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`${base}/?samples=2000#/${lang}/01`);
const cell = page.getByTestId('code-cell').first();
const editor = cell.getByTestId('code-editor');
await editor.locator('.monaco-editor .view-lines').waitFor();
await page.waitForFunction(() => document.querySelector('[data-testid="code-editor"]')?.getAttribute('data-ready') === 'true', null, { timeout: 60_000 });
await editor.locator('.monaco-editor .view-lines').click();
await page.keyboard.press('Control+A');
await page.keyboard.press('Delete');
await page.keyboard.insertText(code);
await cell.getByTestId('run-cell').click();
await page.waitForFunction(() => document.querySelector('[data-testid="code-cell"]')?.getAttribute('data-result') === 'ok', null, { timeout: 300_000 });
for (const [name, w, h] of [['proj', 1280, 720], ['laptop', 1440, 900], ['phone', 390, 844]]) {
  await page.setViewportSize({ width: w, height: h });
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForTimeout(300);
    const outs = cell.getByTestId('outputs');
    await outs.screenshot({ path: `shot-${lang}-${name}-${theme}.png` });
  }
}
await browser.close();
